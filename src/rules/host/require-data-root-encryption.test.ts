import { testRule } from '../../testing/rule-tester.js';
import { MOUNTINFO_OWN, MOUNTINFO_SHARED } from './fixtures.js';
import { requireDataRootEncryption } from './require-data-root-encryption.js';

testRule(requireDataRootEncryption, {
  valid: [
    { host: 'var/lib/docker 0711 dir', files: { '/proc/self/mountinfo': MOUNTINFO_OWN, '/sys/dev/block/253:1/dm/uuid': 'CRYPT-LUKS2-0b1c-docker\n' } },
    {
      name: 'LVM on top of LUKS: the device below is dm-crypt',
      host: 'var/lib/docker 0711 dir\nsys/dev/block/253:1/slaves/dm-0 dir',
      files: {
        '/proc/self/mountinfo': MOUNTINFO_OWN,
        '/sys/dev/block/253:1/dm/uuid': 'LVM-abc\n',
        '/sys/class/block/dm-0/dev': '253:0\n',
        '/sys/dev/block/253:0/dm/uuid': 'CRYPT-LUKS2-0b1c-pv\n',
      },
    },
  ],
  invalid: [
    {
      host: 'var/lib/docker 0711 dir\nsys/dev/block/8:1 dir',
      files: { '/proc/self/mountinfo': MOUNTINFO_SHARED },
      errors: [{ messageId: 'plain', line: 0, column: 0, message: '/var/lib/docker is on /dev/sda1, which is not a dm-crypt device.' }],
    },
    {
      name: 'no sysfs',
      host: 'var/lib/docker 0711 dir',
      files: { '/proc/self/mountinfo': MOUNTINFO_SHARED },
      errors: [{ messageId: 'unknown', line: 0, column: 0, status: 'unknown' }],
    },
  ],
});
