import { testRule } from '../../testing/rule-tester.js';
import { noUnprotectedTcpSocket } from './no-unprotected-tcp-socket.js';

const TLS = '"tlsverify": true, "tlscacert": "/etc/docker/pki/ca.pem", "tlscert": "/etc/docker/pki/server.pem", "tlskey": "/etc/docker/pki/server-key.pem"';

testRule(noUnprotectedTcpSocket, {
  valid: [
    { 'daemon-json': `{ "hosts": ["unix:///var/run/docker.sock", "tcp://10.0.0.5:2376"], ${TLS} }` },
    { name: 'unix only', systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd:// -H unix:///var/run/docker.sock\n' },
  ],
  invalid: [
    { 'daemon-json': '{\n  "hosts": ["tcp://127.0.0.1:2375"]\n}', errors: [{ messageId: 'noTls', line: 2, column: 13 }] },
    {
      name: 'tlsverify without a key',
      'daemon-json': '{\n  "hosts": ["tcp://10.0.0.5:2376"],\n  "tlsverify": true, "tlscacert": "/ca.pem", "tlscert": "/cert.pem"\n}',
      errors: [
        {
          messageId: 'missingFiles',
          line: 2,
          column: 13,
          message:
            'The Engine API listens on tcp://10.0.0.5:2376 with tlsverify, but tlskey is not set: dockerd falls back to the files in ~/.docker of the user running it (DOCKER_CERT_PATH).',
        },
      ],
    },
    {
      name: 'tls without verify',
      systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd:// -H tcp://0.0.0.0:2376 --tls\n',
      errors: [{ messageId: 'noTls', line: 2, column: 38 }],
    },
  ],
});
