import { knownValue } from '../../model/index.js';
import { hostRule } from './util.js';

/** BW5007: the data root sits on an encrypted (dm-crypt/LUKS) device (seed §10). */
export const requireDataRootEncryption = hostRule({
  meta: {
    id: 'BW5007',
    name: 'require-data-root-encryption',
    scope: 'host',
    severity: 'info',
    title: 'The Docker data root is on an encrypted device',
    rationale:
      'Volumes and container layers hold application data and often secrets. On a disk without encryption, a lost disk, a snapshot or a decommissioned drive gives them away.',
    remediation: 'For sensitive data, put the data root on a LUKS (dm-crypt) device; keep backups of volumes encrypted too.',
    references: { seed: '§10', docs: ['https://gitlab.com/cryptsetup/cryptsetup'] },
    checklist: 'host-daemon',
    appliesTo: ['host'],
    messages: {
      plain: '{path} is on {device}, which is not a dm-crypt device.',
      unknown: 'Whether {path} is on an encrypted device cannot be known: sysfs does not describe {device}.',
    },
  },
  check(h, ctx) {
    const d = knownValue(h.dataRoot);
    if (!d || !h.dataRoot || d.device === undefined) return;
    if (d.encrypted === false) ctx.report({ messageId: 'plain', data: { path: d.path, device: d.device }, at: h.dataRoot });
    else if (d.encrypted === undefined) ctx.report({ messageId: 'unknown', data: { path: d.path, device: d.device }, at: h.dataRoot, status: 'unknown' });
  },
});
