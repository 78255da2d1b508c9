import { testRule } from '../../testing/rule-tester.js';
import { noExperimentalFeatures } from './no-experimental-features.js';

testRule(noExperimentalFeatures, {
  valid: [
    { 'daemon-json': '{ "experimental": false }' },
    { name: 'flag', systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd:// --experimental=false\n' },
    { name: 'absent: the default is right', 'daemon-json': '{}' },
  ],
  invalid: [
    { 'daemon-json': '{\n  "log-level": "info",\n  "experimental": true\n}', errors: [{ messageId: 'explicit', line: 3, column: 19 }] },
    {
      name: 'flag',
      systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd:// --experimental=true\n',
      errors: [{ messageId: 'explicit', line: 2, column: 38 }],
    },
  ],
});
