import { testRule } from '../../testing/rule-tester.js';
import { noIptablesDisabled } from './no-iptables-disabled.js';

testRule(noIptablesDisabled, {
  valid: [
    { 'daemon-json': '{ "iptables": true }' },
    { name: 'flag', systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd:// --iptables=true\n' },
    { name: 'absent: the default is right', 'daemon-json': '{}' },
  ],
  invalid: [
    { 'daemon-json': '{\n  "log-level": "info",\n  "iptables": false\n}', errors: [{ messageId: 'explicit', line: 3, column: 15 }] },
    { name: 'flag', systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd:// --iptables=false\n', errors: [{ messageId: 'explicit', line: 2, column: 38 }] },
  ],
});
