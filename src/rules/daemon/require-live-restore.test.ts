import { testRule } from '../../testing/rule-tester.js';
import { requireLiveRestore } from './require-live-restore.js';

testRule(requireLiveRestore, {
  valid: [{ 'daemon-json': '{ "live-restore": true }' }, { name: 'flag', systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd:// --live-restore=true\n' }],
  invalid: [
    { 'daemon-json': '{\n  "log-level": "info",\n  "live-restore": false\n}', errors: [{ messageId: 'explicit', line: 3, column: 19 }] },
    {
      name: 'flag',
      systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd:// --live-restore=false\n',
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
