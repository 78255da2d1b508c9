import { testRule } from '../../testing/rule-tester.js';
import { requireUsernsRemap } from './require-userns-remap.js';

testRule(requireUsernsRemap, {
  valid: [
    { 'daemon-json': '{ "userns-remap": "default" }' },
    { name: 'rootless', 'daemon-json': '{ "rootless": true }' },
    { name: 'flag', systemd: '[Service]\nExecStart=/usr/sbin/dockerd --userns-remap=dockremap:dockremap\n' },
  ],
  invalid: [
    { 'daemon-json': '{\n  "icc": false\n}', errors: [{ messageId: 'byDefault', line: 1, column: 1 }] },
    { name: 'empty', 'daemon-json': '{\n  "userns-remap": ""\n}', errors: [{ messageId: 'empty', line: 2, column: 19 }] },
    { name: 'unit only', systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd://\n', errors: [{ messageId: 'byDefault', line: 2, column: 1 }] },
  ],
});
