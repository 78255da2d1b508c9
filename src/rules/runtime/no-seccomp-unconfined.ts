import { runtimeRule } from '../types.js';
import { reportIfUnknown } from './util.js';

/** BW1007: the seccomp filter must not be turned off (seed §5.3; CIS 5.22). */
export const noSeccompUnconfined = runtimeRule({
  meta: {
    id: 'BW1007',
    name: 'no-seccomp-unconfined',
    scope: 'runtime',
    severity: 'high',
    title: 'Seccomp is not disabled',
    rationale:
      "Docker's default seccomp profile blocks about 44 system calls that containers rarely need and that carry most kernel exploits (keyctl, add_key, unshare, mount, ptrace on old kernels, kexec_load). `seccomp=unconfined` removes that filter.",
    remediation:
      'Remove `seccomp=unconfined` (`seccomp:unconfined`). If one system call is missing, write a custom profile from the default one that allows just that call, and pass it with `seccomp=/path/profile.json`.',
    references: {
      seed: '§5.3',
      cis: { version: '1.6.0', items: ['5.22'] },
      docs: ['https://docs.docker.com/engine/security/seccomp/'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      unconfined: '{target} runs with seccomp unconfined.',
      unknown: 'The seccomp profile of {target} cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    const s = c.securityOpt.seccomp;
    if (!s || reportIfUnknown(ctx, s, 'unknown')) return;
    // Exact, as dockerd compares (moby daemon/seccomp_linux.go): `UNCONFINED` is read as a profile file, and the
    // container is refused; it never runs unconfined.
    if (s.value === 'unconfined') ctx.report({ messageId: 'unconfined', at: s });
  },
});
