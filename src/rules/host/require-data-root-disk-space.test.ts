import { testRule } from '../../testing/rule-tester.js';
import { requireDataRootDiskSpace } from './require-data-root-disk-space.js';

// The host case loader reports 40 % of blocks and 10 % of inodes used.
testRule(requireDataRootDiskSpace, {
  valid: [{ host: 'var/lib/docker 0711 dir' }, { name: 'no data root yet', host: 'etc/docker dir' }],
  invalid: [
    {
      host: 'var/lib/docker 0711 dir',
      options: { maxUsedPercent: 30 },
      errors: [{ messageId: 'blocks', line: 0, column: 0, message: 'The filesystem of /var/lib/docker is 40% full (threshold 30%).' }],
    },
    {
      name: 'inodes too',
      host: 'var/lib/docker 0711 dir',
      options: { maxUsedPercent: 5 },
      errors: [
        { messageId: 'blocks', line: 0, column: 0 },
        { messageId: 'inodes', line: 0, column: 0 },
      ],
    },
  ],
});
