import { isUnknown } from '../../model/index.js';
import { runtimeRule } from '../types.js';

/** BW1104: a bind mount with shared propagation (CIS 5.20; seed §5.8 host features). */
export const noSharedMountPropagation = runtimeRule({
  meta: {
    id: 'BW1104',
    name: 'no-shared-mount-propagation',
    scope: 'runtime',
    severity: 'medium',
    title: 'Mounts do not use shared propagation',
    rationale:
      'With `shared` or `rshared` propagation, mounts made inside the container appear on the host under the bind source, and host mounts appear in the container. A process that can mount (CAP_SYS_ADMIN, a privileged container) can then change what the host sees.',
    remediation:
      'Leave bind propagation at its default (`rprivate`), or use `rslave` when the container only needs to see host mounts appear: `--mount type=bind,source=/srv,target=/srv,bind-propagation=rslave`.',
    references: {
      seed: '§5.8',
      cis: { version: '1.6.0', items: ['5.20'] },
      docs: ['https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation'],
    },
    checklist: 'runtime',
    appliesTo: ['engine'],
    messages: {
      shared: '{target} mounts {mount} with {propagation} propagation.',
    },
  },
  check(c, ctx) {
    for (const m of c.mounts) {
      if (isUnknown(m.value)) continue;
      const p = m.value.propagation;
      if (p === 'shared' || p === 'rshared')
        ctx.report({ messageId: 'shared', at: m, data: { mount: `${m.value.source ?? '?'}:${m.value.target}`, propagation: p } });
    }
  },
});
