import { testRule } from '../../testing/rule-tester.js';
import { requireIccDisabled } from './require-icc-disabled.js';

const UNIT = '[Service]\nExecStart=/usr/sbin/dockerd -H fd:// --icc=false\n';

testRule(requireIccDisabled, {
  valid: [
    { 'daemon-json': '{ "icc": false }' },
    { name: 'flag in the unit', systemd: UNIT },
    { name: 'set in daemon.json beside a unit', systemd: '[Service]\nExecStart=/usr/sbin/dockerd\n', files: { '/etc/docker/daemon.json': '{"icc": false}' } },
    { name: 'duplicate key: dockerd uses the last', 'daemon-json': '{ "icc": true, "icc": false }' },
  ],
  invalid: [
    { 'daemon-json': '{\n  "icc": true\n}', errors: [{ messageId: 'explicit', line: 2, column: 10, endColumn: 14 }] },
    { name: 'absent', 'daemon-json': '{\n  "live-restore": true\n}', errors: [{ messageId: 'byDefault', line: 1, column: 1 }] },
    { name: 'flag', systemd: '[Service]\nExecStart=/usr/sbin/dockerd --icc=true\n', errors: [{ messageId: 'explicit', line: 2, column: 29 }] },
    {
      name: 'a drop-in replaces ExecStart',
      systemd: UNIT,
      files: { '/etc/systemd/system/docker.service.d/override.conf': '[Service]\nExecStart=\nExecStart=/usr/sbin/dockerd -H fd://\n' },
      errors: [{ messageId: 'byDefault', line: 3, column: 1 }],
    },
    {
      name: 'flag through $DOCKER_OPTS from /etc/default/docker',
      systemd: '[Service]\nEnvironmentFile=-/etc/default/docker\nExecStart=/usr/sbin/dockerd -H fd:// $DOCKER_OPTS\n',
      files: { '/etc/default/docker': '# options\nDOCKER_OPTS="--icc=true --live-restore"\n' },
      errors: [{ messageId: 'explicit', line: 2, column: 14 }],
    },
  ],
});
