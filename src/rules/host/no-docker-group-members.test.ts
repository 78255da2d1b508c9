import { testRule } from '../../testing/rule-tester.js';
import { noDockerGroupMembers } from './no-docker-group-members.js';

testRule(noDockerGroupMembers, {
  valid: [{ host: '', files: { '/etc/group': 'root:x:0:\ndocker:x:105:\n', '/etc/passwd': 'root:x:0:0::/root:/bin/sh\n' } }],
  invalid: [
    {
      host: '',
      files: { '/etc/group': 'root:x:0:\ndocker:x:105:alice,bob\n', '/etc/passwd': 'root:x:0:0::/root:/bin/sh\nci:x:1001:105::/home/ci:/bin/sh\n' },
      errors: [
        { messageId: 'primary', line: 2, column: 1 },
        { messageId: 'member', line: 2, column: 14 },
        { messageId: 'member', line: 2, column: 20 },
      ],
    },
  ],
});
