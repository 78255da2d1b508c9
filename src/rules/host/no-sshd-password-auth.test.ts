import { testRule } from '../../testing/rule-tester.js';
import { noSshdPasswordAuth } from './no-sshd-password-auth.js';

testRule(noSshdPasswordAuth, {
  valid: [{ host: '', files: { '/etc/ssh/sshd_config': 'PasswordAuthentication no\nPasswordAuthentication yes\n' } }],
  invalid: [
    { host: '', files: { '/etc/ssh/sshd_config': 'PasswordAuthentication=yes\n' }, errors: [{ messageId: 'allowed', line: 1, column: 24 }] },
    { name: 'default', host: '', files: { '/etc/ssh/sshd_config': 'Port 22\n' }, errors: [{ messageId: 'byDefault', line: 0, column: 0 }] },
  ],
});
