import { testRule } from '../../testing/rule-tester.js';
import { noDaemonSeccompUnconfined } from './no-daemon-seccomp-unconfined.js';

testRule(noDaemonSeccompUnconfined, {
  valid: [
    { 'daemon-json': '{}' },
    { name: 'custom profile', 'daemon-json': '{ "seccomp-profile": "/etc/docker/seccomp.json" }' },
    { name: 'builtin flag', systemd: '[Service]\nExecStart=/usr/sbin/dockerd --seccomp-profile=builtin\n' },
    {
      name: 'upper case is read as a profile file by dockerd (which then does not start), not unconfined',
      'daemon-json': '{ "seccomp-profile": "UNCONFINED" }',
    },
  ],
  invalid: [
    { 'daemon-json': '{\n  "seccomp-profile": "unconfined"\n}', errors: [{ messageId: 'unconfined', line: 2, column: 22 }] },
    {
      name: 'flag',
      systemd: '[Service]\nExecStart=/usr/sbin/dockerd --seccomp-profile unconfined\n',
      errors: [{ messageId: 'unconfined', line: 2, column: 29 }],
    },
  ],
});
