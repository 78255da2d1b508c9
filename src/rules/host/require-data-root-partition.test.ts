import { testRule } from '../../testing/rule-tester.js';
import { MOUNTINFO_OWN, MOUNTINFO_SHARED } from './fixtures.js';
import { requireDataRootPartition } from './require-data-root-partition.js';

testRule(requireDataRootPartition, {
  valid: [
    { host: 'var/lib/docker 0711 dir', files: { '/proc/self/mountinfo': MOUNTINFO_OWN } },
    { name: 'no mount table: nothing to judge', host: 'var/lib/docker 0711 dir' },
  ],
  invalid: [
    {
      host: 'var/lib/docker 0711 dir',
      files: { '/proc/self/mountinfo': MOUNTINFO_SHARED },
      errors: [{ messageId: 'shared', line: 0, column: 0, message: '/var/lib/docker is not a partition of its own: it is on the filesystem mounted at /.' }],
    },
    {
      name: 'configured data-root',
      host: 'srv/docker 0711 dir',
      files: { '/proc/self/mountinfo': MOUNTINFO_OWN, '/etc/docker/daemon.json': '{"data-root": "/srv/docker"}' },
      errors: [{ messageId: 'shared', line: 0, column: 0, message: '/srv/docker is not a partition of its own: it is on the filesystem mounted at /.' }],
    },
    {
      name: 'a bind mount of a folder of the root filesystem is not a partition',
      host: 'var/lib/docker 0711 dir',
      files: { '/proc/self/mountinfo': `${MOUNTINFO_SHARED}42 22 8:1 /var/lib/docker /var/lib/docker rw,relatime shared:1 - ext4 /dev/sda1 rw\n` },
      errors: [{ messageId: 'shared', line: 0, column: 0, message: '/var/lib/docker is not a partition of its own: it is on the filesystem mounted at /.' }],
    },
  ],
});
