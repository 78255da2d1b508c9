import { testRule } from '../../testing/rule-tester.js';
import { requireDefaultUlimits } from './require-default-ulimits.js';

testRule(requireDefaultUlimits, {
  valid: [
    { 'daemon-json': '{ "default-ulimits": { "nofile": { "Name": "nofile", "Hard": 65536, "Soft": 65536 } } }' },
    { systemd: '[Service]\nExecStart=/usr/sbin/dockerd --default-ulimit nofile=1024:2048\n' },
  ],
  invalid: [
    { 'daemon-json': '{\n  "icc": false\n}', errors: [{ messageId: 'none', line: 1, column: 1 }] },
    { systemd: '[Service]\nExecStart=/usr/sbin/dockerd\n', errors: [{ messageId: 'none', line: 2, column: 1 }] },
  ],
});
