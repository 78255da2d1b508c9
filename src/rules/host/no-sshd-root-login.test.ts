import { testRule } from '../../testing/rule-tester.js';
import { noSshdRootLogin } from './no-sshd-root-login.js';

testRule(noSshdRootLogin, {
  valid: [
    { name: 'no sshd', host: '' },
    {
      name: 'a drop-in included first wins over the main file',
      host: '',
      files: {
        '/etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin yes\n',
        '/etc/ssh/sshd_config.d/10-hardening.conf': 'PermitRootLogin no\n',
      },
    },
  ],
  invalid: [
    {
      host: '',
      files: { '/etc/ssh/sshd_config': '# sshd\nPermitRootLogin yes\nMatch User admin\n  PermitRootLogin no\n' },
      errors: [{ messageId: 'allowed', line: 2, column: 17 }],
    },
    { name: 'default', host: '', files: { '/etc/ssh/sshd_config': 'Port 22\n' }, errors: [{ messageId: 'byDefault', line: 0, column: 0 }] },
  ],
});
