import { knownValue } from '../../model/index.js';
import { DAEMON_SOURCES, daemonRule } from './util.js';

/** BW4007: the daemon-wide seccomp profile is not `unconfined` (seed §5.3; CIS 2.17, 5.22). */
export const noDaemonSeccompUnconfined = daemonRule({
  meta: {
    id: 'BW4007',
    name: 'no-daemon-seccomp-unconfined',
    scope: 'daemon',
    severity: 'high',
    title: 'The default seccomp profile is not disabled',
    rationale:
      "Docker's default seccomp profile blocks about 44 system calls that containers rarely need and that kernel exploits often use (keyctl, add_key, ptrace on old kernels, unshare of new user namespaces). `unconfined` lifts the filter for every container.",
    remediation: 'Remove `"seccomp-profile": "unconfined"`; leave it unset (the built-in default) or point it at a reviewed custom profile.',
    references: { seed: '§5.3', cis: { version: '1.6.0', items: ['2.17', '5.22'] }, docs: ['https://docs.docker.com/engine/security/seccomp/'] },
    checklist: 'runtime',
    appliesTo: DAEMON_SOURCES,
    messages: { unconfined: 'The seccomp-profile option is "unconfined": no container gets a seccomp filter unless it asks for one.' },
  },
  check(d, ctx) {
    if (d.seccompProfile && knownValue(d.seccompProfile) === 'unconfined') ctx.report({ messageId: 'unconfined', at: d.seccompProfile });
  },
});
