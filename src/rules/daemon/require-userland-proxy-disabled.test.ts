import { testRule } from '../../testing/rule-tester.js';
import { requireUserlandProxyDisabled } from './require-userland-proxy-disabled.js';

testRule(requireUserlandProxyDisabled, {
  valid: [
    { 'daemon-json': '{ "userland-proxy": false }' },
    { name: 'flag', systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd:// --userland-proxy=false\n' },
  ],
  invalid: [
    { 'daemon-json': '{\n  "log-level": "info",\n  "userland-proxy": true\n}', errors: [{ messageId: 'explicit', line: 3, column: 21 }] },
    {
      name: 'flag',
      systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd:// --userland-proxy=true\n',
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
