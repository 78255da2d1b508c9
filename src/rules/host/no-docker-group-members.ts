import { knownValue } from '../../model/index.js';
import { hostRule } from './util.js';

/** BW5002: members of the docker group are root-equivalent (seed §3; CIS 1.1.2). */
export const noDockerGroupMembers = hostRule({
  meta: {
    id: 'BW5002',
    name: 'no-docker-group-members',
    scope: 'host',
    severity: 'medium',
    title: 'The docker group is empty or holds only administrators',
    rationale:
      'Members of the docker group can open the Docker socket, so they can start a privileged container that mounts / and become root, with no password and no sudo log. Membership is root access.',
    remediation:
      'Remove users from the group (`gpasswd -d <user> docker`). Give targeted commands through sudoers (`Cmnd_Alias DOCKER_SAFE = /usr/bin/docker ps, /usr/bin/docker logs *`), use rootless Docker for developers, or a filtering socket proxy for tools.',
    references: { seed: '§3', cis: { version: '1.6.0', items: ['1.1.2'] }, docs: ['https://docs.docker.com/engine/security/#docker-daemon-attack-surface'] },
    checklist: 'host-daemon',
    appliesTo: ['host'],
    messages: {
      member: 'User "{user}" is a member of the docker group, which is equivalent to root.',
      primary: 'User "{user}" has docker as primary group, which is equivalent to root.',
    },
  },
  check(h, ctx) {
    for (const m of h.dockerGroup ?? []) {
      const v = knownValue(m);
      if (v) ctx.report({ messageId: v.via === 'group-list' ? 'member' : 'primary', data: { user: v.user }, at: m });
    }
  },
});
