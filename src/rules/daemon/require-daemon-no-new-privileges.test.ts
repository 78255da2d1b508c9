import { testRule } from '../../testing/rule-tester.js';
import { requireDaemonNoNewPrivileges } from './require-daemon-no-new-privileges.js';

testRule(requireDaemonNoNewPrivileges, {
  valid: [
    { 'daemon-json': '{ "no-new-privileges": true }' },
    { name: 'flag', systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd:// --no-new-privileges=true\n' },
  ],
  invalid: [
    { 'daemon-json': '{\n  "log-level": "info",\n  "no-new-privileges": false\n}', errors: [{ messageId: 'explicit', line: 3, column: 24 }] },
    {
      name: 'flag',
      systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd:// --no-new-privileges=false\n',
      errors: [{ messageId: 'explicit', line: 2, column: 38 }],
    },
    { name: 'absent', 'daemon-json': '{"debug": false}', errors: [{ messageId: 'byDefault', line: 1, column: 1 }] },
    {
      name: 'absent, unit only',
      systemd: '[Service]\nType=notify\nExecStart=/usr/sbin/dockerd -H fd://\n',
      errors: [{ messageId: 'byDefault', line: 3, column: 1 }],
    },
  ],
});
