import { testRule } from '../../testing/rule-tester.js';
import { noInsecureRegistries } from './no-insecure-registries.js';

testRule(noInsecureRegistries, {
  valid: [{ 'daemon-json': '{ "insecure-registries": [] }' }, { systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd://\n' }],
  invalid: [
    {
      'daemon-json': '{\n  "insecure-registries": ["registry.lan:5000", "10.0.0.0/8"]\n}',
      errors: [
        { messageId: 'insecure', line: 2, column: 27 },
        { messageId: 'insecure', line: 2, column: 48 },
      ],
    },
    { systemd: '[Service]\nExecStart=/usr/sbin/dockerd --insecure-registry=registry.lan:5000\n', errors: [{ messageId: 'insecure', line: 2, column: 29 }] },
  ],
});
