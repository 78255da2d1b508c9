import { testRule } from '../../testing/rule-tester.js';
import { requireSubidRanges } from './require-subid-ranges.js';

testRule(requireSubidRanges, {
  valid: [
    { name: 'default: dockerd creates dockremap itself', host: '', files: { '/etc/docker/daemon.json': '{"userns-remap": "default"}' } },
    {
      host: '',
      files: { '/etc/docker/daemon.json': '{"userns-remap": "remap"}', '/etc/subuid': 'remap:100000:65536\n', '/etc/subgid': 'remap:100000:65536\n' },
    },
  ],
  invalid: [
    {
      host: '',
      files: { '/etc/docker/daemon.json': '{\n  "userns-remap": "remap:remap"\n}', '/etc/subuid': 'remap:100000:65536\n' },
      errors: [{ messageId: 'missing', line: 2, column: 19, message: 'The userns-remap option uses "remap", but /etc/subgid has no range for it.' }],
    },
    {
      name: 'unreadable',
      host: 'etc/subuid unreadable\netc/subgid unreadable',
      files: { '/etc/docker/daemon.json': '{"userns-remap": "remap"}' },
      errors: [
        { messageId: 'unknown', line: 0, column: 0, status: 'unknown' },
        { messageId: 'unknown', line: 0, column: 0, status: 'unknown' },
      ],
    },
  ],
});
