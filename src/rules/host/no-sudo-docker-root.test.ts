import { testRule } from '../../testing/rule-tester.js';
import { noSudoDockerRoot } from './no-sudo-docker-root.js';

testRule(noSudoDockerRoot, {
  valid: [
    {
      name: "the chapter's read-only alias",
      host: '',
      files: {
        '/etc/sudoers': 'Defaults env_reset\n#includedir /etc/sudoers.d\n',
        '/etc/sudoers.d/docker': 'Cmnd_Alias DOCKER_SAFE = /usr/bin/docker ps, /usr/bin/docker logs *\nalice ALL=(root) NOPASSWD: DOCKER_SAFE\n',
      },
    },
  ],
  invalid: [
    {
      host: '',
      files: {
        '/etc/sudoers': 'root ALL=(ALL:ALL) ALL\n@includedir /etc/sudoers.d\n',
        '/etc/sudoers.d/deploy':
          'Cmnd_Alias DOCKER_RUN = /usr/bin/docker run *\ndeploy ALL=(root) NOPASSWD: /usr/bin/docker\n%ops ALL=(root) DOCKER_RUN, /usr/bin/docker ps\n',
      },
      errors: [
        { messageId: 'grant', line: 2, column: 29 },
        { messageId: 'grant', line: 3, column: 17 },
      ],
    },
    {
      name: 'an unreadable sudoers file is unknown, not clean',
      host: 'etc/sudoers unreadable',
      errors: [{ messageId: 'unknown', line: 0, column: 0, status: 'unknown' }],
    },
  ],
});
