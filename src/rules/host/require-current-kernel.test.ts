import { testRule } from '../../testing/rule-tester.js';
import { requireCurrentKernel } from './require-current-kernel.js';

testRule(requireCurrentKernel, {
  valid: [
    { host: '', files: { '/proc/sys/kernel/osrelease': '6.1.0-28-amd64\n' } },
    { name: '5.10 itself', host: '', files: { '/proc/sys/kernel/osrelease': '5.10.0-33-amd64\n' } },
  ],
  invalid: [
    {
      host: '',
      files: { '/proc/sys/kernel/osrelease': '4.19.0-27-amd64\n' },
      errors: [{ messageId: 'old', line: 0, column: 0, message: 'The kernel is 4.19.0-27-amd64, older than 5.10.' }],
    },
  ],
});
