import { runtimeRule } from '../types.js';
import { reportIfUnknown } from './util.js';

/** BW1006: setuid binaries must not raise privileges (seed §5.6; CIS 5.26). */
export const requireNoNewPrivileges = runtimeRule({
  meta: {
    id: 'BW1006',
    name: 'require-no-new-privileges',
    scope: 'runtime',
    severity: 'medium',
    title: 'Containers set no-new-privileges',
    rationale:
      'Without no-new-privileges, a process in the container can gain privileges through setuid or setgid binaries (su, sudo, a planted setuid shell) or file capabilities. The flag makes execve never grant more than the parent had.',
    remediation:
      'Add `security_opt: ["no-new-privileges:true"]` (`--security-opt no-new-privileges:true`), or set `"no-new-privileges": true` in daemon.json for every container.',
    references: {
      seed: '§5.6',
      cis: { version: '1.6.0', items: ['5.26'] },
      docs: ['https://docs.docker.com/reference/cli/docker/container/run/#security-opt'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      missing: '{target} does not set no-new-privileges.',
      disabled: '{target} sets no-new-privileges to false.',
      unknown: 'Whether {target} sets no-new-privileges cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    const n = c.securityOpt.noNewPrivileges;
    if (!n) return ctx.report({ messageId: 'missing', at: c.at });
    if (reportIfUnknown(ctx, n, 'unknown')) return;
    if (n.value === false) ctx.report({ messageId: 'disabled', at: n });
  },
});
