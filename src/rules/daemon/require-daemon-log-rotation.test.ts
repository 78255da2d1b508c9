import { testRule } from '../../testing/rule-tester.js';
import { requireDaemonLogRotation } from './require-daemon-log-rotation.js';

testRule(requireDaemonLogRotation, {
  valid: [
    { 'daemon-json': '{ "log-driver": "json-file", "log-opts": { "max-size": "10m", "max-file": "3" } }' },
    { name: 'options only', 'daemon-json': '{ "log-opts": { "max-size": "10m" } }' },
    { name: 'local rotates by itself', 'daemon-json': '{ "log-driver": "local" }' },
    { name: 'journald', 'daemon-json': '{ "log-driver": "journald" }' },
    { name: 'flags', systemd: '[Service]\nExecStart=/usr/sbin/dockerd --log-driver json-file --log-opt max-size=10m\n' },
  ],
  invalid: [
    { 'daemon-json': '{\n  "log-driver": "json-file",\n  "log-opts": { "max-file": "3" }\n}', errors: [{ messageId: 'noMaxSize', line: 2, column: 17 }] },
    { name: 'nothing set', 'daemon-json': '{ "icc": false }', errors: [{ messageId: 'byDefault', line: 1, column: 1 }] },
    {
      name: 'flag without options',
      systemd: '[Service]\nExecStart=/usr/sbin/dockerd --log-driver=json-file\n',
      errors: [{ messageId: 'noMaxSize', line: 2, column: 29 }],
    },
  ],
});
