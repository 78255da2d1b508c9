import { testRule } from '../../testing/rule-tester.js';
import { requireTimeSync } from './require-time-sync.js';

testRule(requireTimeSync, {
  valid: [
    { name: 'enabled through a wants link (no process list: an image or a copy)', host: 'etc/systemd/system/sysinit.target.wants/systemd-timesyncd.service' },
    { name: 'chronyd running', host: '', files: { '/proc/812/comm': 'chronyd\n' } },
  ],
  invalid: [
    {
      host: 'etc/systemd/system/multi-user.target.wants/docker.service',
      files: { '/proc/1/comm': 'systemd\n' },
      errors: [{ messageId: 'none', line: 0, column: 0 }],
    },
    {
      name: 'enabled, but the process list shows it is not running',
      host: 'etc/systemd/system/sysinit.target.wants/systemd-timesyncd.service',
      files: { '/proc/1/comm': 'init\n' },
      errors: [{ messageId: 'stopped', line: 0, column: 0, message: 'The time-sync service systemd-timesyncd is enabled but not running.' }],
    },
  ],
});
