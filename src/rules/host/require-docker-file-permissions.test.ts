import { testRule } from '../../testing/rule-tester.js';
import { requireDockerFilePermissions } from './require-docker-file-permissions.js';

const GROUP = { '/etc/group': 'root:x:0:\ndocker:x:105:\n', '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n' };

testRule(requireDockerFilePermissions, {
  valid: [
    {
      host: 'etc/docker 0755 dir\netc/docker/daemon.json 0600\nvar/run/docker.sock 0660 0:105 socket\nlib/systemd/system/docker.socket 0644',
      files: { ...GROUP, '/lib/systemd/system/docker.socket': '[Socket]\nSocketMode=0660\nSocketUser=root\nSocketGroup=docker\n' },
    },
    {
      name: 'TLS files at 0444 and 0400 (0400 is not "more" than 0444 as decimal text would say)',
      host: 'etc/docker/pki/ca.pem 0444\netc/docker/pki/cert.pem 0444\netc/docker/pki/key.pem 0400',
      files: {
        ...GROUP,
        '/etc/docker/daemon.json': '{"tlscacert": "/etc/docker/pki/ca.pem", "tlscert": "/etc/docker/pki/cert.pem", "tlskey": "/etc/docker/pki/key.pem"}',
      },
    },
  ],
  invalid: [
    {
      name: 'world-writable daemon.json owned by a user',
      host: 'etc/docker/daemon.json 0666 1000:1000',
      files: GROUP,
      errors: [
        {
          messageId: 'owner',
          line: 0,
          column: 0,
          message: 'The daemon.json file (/etc/docker/daemon.json) is owned by alice:1000, not root:root (CIS 3.17/3.18).',
        },
        { messageId: 'mode', line: 0, column: 0, message: 'The daemon.json file (/etc/docker/daemon.json) has mode 0666, wider than 0644 (CIS 3.17/3.18).' },
      ],
    },
    {
      name: 'key readable by group (0440 has a bit outside 0400), certificate missing',
      host: 'etc/docker/pki/key.pem 0440',
      files: { ...GROUP, '/etc/docker/daemon.json': '{\n  "tlscert": "/etc/docker/pki/cert.pem",\n  "tlskey": "/etc/docker/pki/key.pem"\n}' },
      errors: [
        { messageId: 'mode', line: 0, column: 0 },
        { messageId: 'missing', line: 2, column: 14 },
      ],
    },
    {
      name: 'socket unit opens the socket to everyone',
      host: 'lib/systemd/system/docker.socket 0644',
      files: { ...GROUP, '/lib/systemd/system/docker.socket': '[Socket]\nListenStream=/run/docker.sock\nSocketMode=0666\nSocketGroup=users\n' },
      errors: [
        { messageId: 'unitMode', line: 3, column: 12 },
        { messageId: 'unitOwner', line: 4, column: 13 },
      ],
    },
    { name: 'unreadable', host: 'etc/docker/daemon.json unreadable', files: GROUP, errors: [{ messageId: 'unknown', line: 0, column: 0, status: 'unknown' }] },
  ],
});
