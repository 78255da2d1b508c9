import { isUnknown, knownValue } from '../../model/index.js';
import { hostRule } from './util.js';

/** BW5003: sudoers does not grant the whole docker client (seed §3). */
export const noSudoDockerRoot = hostRule({
  meta: {
    id: 'BW5003',
    name: 'no-sudo-docker-root',
    scope: 'host',
    severity: 'high',
    title: 'sudoers grants only read-only docker commands',
    rationale:
      '`sudo docker` with any arguments, or with a subcommand that starts or changes containers (run, exec, cp, create, compose...), is a root shell: `docker run --privileged -v /:/host` needs nothing more. Only listed read-only commands are safe to grant.',
    remediation:
      'Replace the entry with a Cmnd_Alias of exact read-only commands, as in the chapter: `Cmnd_Alias DOCKER_SAFE = /usr/bin/docker ps, /usr/bin/docker logs *` and `user ALL=(root) NOPASSWD: DOCKER_SAFE`.',
    references: { seed: '§3' },
    checklist: 'host-daemon',
    appliesTo: ['host'],
    messages: {
      grant: 'A sudoers entry lets {who} run "{command}" as root, which gives full control of Docker (root on the host).',
      unknown: 'Whether sudoers grants docker cannot be fully known: {reason}.',
    },
  },
  check(h, ctx) {
    const u = h.sudoersUnreadable;
    if (u && isUnknown(u.value)) ctx.report({ messageId: 'unknown', data: { reason: u.value.reason }, at: u, status: 'unknown' });
    for (const g of h.sudoDocker) {
      const v = knownValue(g);
      if (v) ctx.report({ messageId: 'grant', data: { who: v.who, command: v.command }, at: g });
    }
  },
});
