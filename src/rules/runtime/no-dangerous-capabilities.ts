import { isUnknown } from '../../model/index.js';
import { runtimeRule } from '../types.js';
import { ALLOWED_OPTION, allowedCapabilities, classifyCapability } from './capability-classes.js';
import { reportIfUnknown } from './util.js';

/** BW1003: capabilities that amount to root on the host (seed §5.2 "jamais SYS_ADMIN"; CIS 5.4). */
export const noDangerousCapabilities = runtimeRule({
  meta: {
    id: 'BW1003',
    name: 'no-dangerous-capabilities',
    scope: 'runtime',
    severity: 'critical',
    title: 'No capability that amounts to host root is added',
    rationale:
      'ALL, SYS_ADMIN, SYS_MODULE, SYS_PTRACE, NET_ADMIN, DAC_READ_SEARCH, SYS_RAWIO and BPF each give a known path out of the container: mounting filesystems and cgroup release agents, loading kernel modules, reading other processes, reconfiguring host-visible networking, opening host files by handle.',
    remediation:
      'Remove the capability from `cap_add` (`--cap-add`). Find the one operation the process needs and the narrowest capability for it; move tools that need SYS_ADMIN out of the application container.',
    references: {
      seed: '§5.2',
      cis: { version: '1.6.0', items: ['5.4'] },
      docs: ['https://man7.org/linux/man-pages/man7/capabilities.7.html'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      dangerous: '{target} adds capability {cap}.',
      unknown: 'A capability added to {target} cannot be known: {reason}.',
    },
    options: ALLOWED_OPTION,
  },
  check(c, ctx) {
    const allowed = allowedCapabilities(ctx.options);
    for (const cap of c.capAdd) {
      // A name dockerd refuses (an unknown capability) is its input error alone (reportIfUnknown skips it).
      if (reportIfUnknown(ctx, cap, 'unknown') || isUnknown(cap.value)) continue;
      if (classifyCapability(cap.value, allowed) === 'dangerous') {
        ctx.report({ messageId: 'dangerous', at: cap, data: { cap: cap.value } });
      }
    }
  },
});
