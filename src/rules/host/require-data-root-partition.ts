import { knownValue } from '../../model/index.js';
import { hostRule } from './util.js';

/** BW5006: the Docker data root is a filesystem of its own (seed §10; CIS 1.1.1). */
export const requireDataRootPartition = hostRule({
  meta: {
    id: 'BW5006',
    name: 'require-data-root-partition',
    scope: 'host',
    severity: 'low',
    title: 'The Docker data root has its own partition',
    rationale:
      'Images, container layers, volumes and json-file logs all live under the data root. On the root filesystem, a container that fills it also stops the host from writing its own logs and state; a separate partition contains the damage.',
    remediation:
      'Mount a dedicated filesystem (a partition or an LVM volume, dm-crypt if the data is sensitive) on /var/lib/docker, or point `data-root` at one, before Docker stores data there.',
    references: { seed: '§10', cis: { version: '1.6.0', items: ['1.1.1'] } },
    checklist: 'host-daemon',
    appliesTo: ['host'],
    messages: { shared: '{path} is not a partition of its own: it is on the filesystem mounted at {mountPoint}.' },
  },
  check(h, ctx) {
    const d = knownValue(h.dataRoot);
    if (d?.separate !== false || !h.dataRoot) return;
    ctx.report({ messageId: 'shared', data: { path: d.path, mountPoint: d.sharedWith ?? d.mountPoint ?? '/' }, at: h.dataRoot });
  },
});
