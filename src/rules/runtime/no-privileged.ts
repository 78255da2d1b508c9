import { runtimeRule } from '../types.js';
import { reportIfUnknown } from './util.js';

/** BW1001: a privileged container has every capability and every device, without seccomp or AppArmor (seed §5.8; CIS 5.5). */
export const noPrivileged = runtimeRule({
  meta: {
    id: 'BW1001',
    name: 'no-privileged',
    scope: 'runtime',
    severity: 'critical',
    title: 'Containers do not run privileged',
    rationale:
      'A privileged container gets every Linux capability, access to all host devices, and no seccomp, AppArmor or SELinux confinement. Root inside it is root on the host: it can mount the host disk or load kernel modules.',
    remediation:
      'Remove `privileged: true` (`--privileged`). Grant only the capabilities the process needs with `cap_add` after `cap_drop: [ALL]`, and give single devices with `devices:` when hardware access is really needed.',
    references: {
      seed: '§5.8',
      cis: { version: '1.6.0', items: ['5.5'] },
      docs: ['https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      privileged: '{target} runs privileged.',
      unknown: 'Whether {target} runs privileged cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    const p = c.privileged;
    if (!p || reportIfUnknown(ctx, p, 'unknown')) return;
    if (p.value === true) ctx.report({ messageId: 'privileged', at: p });
  },
});
