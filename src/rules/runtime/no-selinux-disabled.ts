import { isUnknown } from '../../model/index.js';
import { runtimeRule } from '../types.js';

/** BW1009: SELinux separation must not be turned off (seed §5.4 "éviter spc_t"; CIS 5.3). */
export const noSelinuxDisabled = runtimeRule({
  meta: {
    id: 'BW1009',
    name: 'no-selinux-disabled',
    scope: 'runtime',
    severity: 'high',
    title: 'SELinux labelling is not disabled',
    rationale:
      'On SELinux hosts (RHEL, Fedora) containers run as container_t, which keeps them away from host files and from each other. `label=disable` turns that off, and `label=type:spc_t` makes the container a "super privileged container" that SELinux does not confine.',
    remediation:
      'Remove `label=disable` and `label=type:spc_t`. Keep the default container_t type; relabel bind mounts with `:z` (shared) or `:Z` (private) instead of disabling labels.',
    references: {
      seed: '§5.4',
      cis: { version: '1.6.0', items: ['5.3'] },
      docs: ['https://docs.docker.com/reference/cli/docker/container/run/#security-opt'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      disabled: '{target} disables SELinux labelling (label={label}).',
      superPrivileged: '{target} runs as the unconfined SELinux type spc_t.',
      unknown: 'Whether {target} disables SELinux labelling cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    for (const l of c.securityOpt.selinux) {
      // A `label` entry (or one whose key is not known) from a variable without a value may be `label=disable`.
      if (isUnknown(l.value)) {
        ctx.report({ messageId: 'unknown', at: l, status: 'unknown', data: { reason: l.value.reason } });
        continue;
      }
      const v = l.value.toLowerCase();
      if (v === 'disable') ctx.report({ messageId: 'disabled', at: l, data: { label: l.value } });
      else if (v === 'type:spc_t') ctx.report({ messageId: 'superPrivileged', at: l });
    }
  },
});
