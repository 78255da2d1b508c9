import { testRule } from '../../testing/rule-tester.js';
import { noInsecureRegistries } from './no-insecure-registries.js';

testRule(noInsecureRegistries, {
  valid: [
    { 'daemon-json': '{ "insecure-registries": [] }' },
    { systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd://\n' },
    {
      name: 'loopback registries (dockerd treats 127.0.0.0/8 as insecure by default; the traffic never leaves the host)',
      'daemon-json': '{ "insecure-registries": ["localhost:5000", "127.0.0.1:5000", "127.0.0.0/8", "[::1]:5000", "::1/128", "localhost"] }',
    },
    { name: 'a loopback flag', systemd: '[Service]\nExecStart=/usr/sbin/dockerd --insecure-registry=127.0.0.1:5000\n' },
  ],
  invalid: [
    {
      'daemon-json': '{\n  "insecure-registries": ["registry.lan:5000", "10.0.0.0/8"]\n}',
      errors: [
        { messageId: 'insecure', line: 2, column: 27 },
        { messageId: 'insecure', line: 2, column: 48 },
      ],
    },
    { systemd: '[Service]\nExecStart=/usr/sbin/dockerd --insecure-registry=registry.lan:5000\n', errors: [{ messageId: 'insecure', line: 2, column: 29 }] },
    {
      name: 'look-alikes of loopback are reported',
      'daemon-json': '{\n  "insecure-registries": ["localhost.evil.example:5000", "127.0.0.0/7", "128.0.0.1:5000", "localhost:5000"]\n}',
      errors: [
        { messageId: 'insecure', line: 2, column: 27 },
        { messageId: 'insecure', line: 2, column: 58 },
        { messageId: 'insecure', line: 2, column: 73 },
      ],
    },
  ],
});
