import { testRule } from '../../testing/rule-tester.js';
import { noApiOnAllInterfaces } from './no-api-on-all-interfaces.js';

testRule(noApiOnAllInterfaces, {
  valid: [
    { 'daemon-json': '{ "hosts": ["tcp://10.0.0.5:2376", "unix:///var/run/docker.sock"] }' },
    { systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd://\n' },
  ],
  invalid: [
    {
      'daemon-json': '{\n  "hosts": ["tcp://0.0.0.0:2376", "tcp://[::]:2376", "tcp://:2375"]\n}',
      errors: [
        { messageId: 'allInterfaces', line: 2, column: 13 },
        { messageId: 'allInterfaces', line: 2, column: 35 },
        { messageId: 'allInterfaces', line: 2, column: 54 },
      ],
    },
    { systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd:// -H=tcp://0.0.0.0:2376\n', errors: [{ messageId: 'allInterfaces', line: 2, column: 38 }] },
  ],
});
