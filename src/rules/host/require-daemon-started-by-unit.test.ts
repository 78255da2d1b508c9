import assert from 'node:assert/strict';
import { it } from 'node:test';
import { testRule } from '../../testing/rule-tester.js';
import { requireDaemonStartedByUnit } from './require-daemon-started-by-unit.js';

const UNIT = { '/lib/systemd/system/docker.service': '[Service]\nEnvironmentFile=-/etc/default/docker\nExecStart=/usr/sbin/dockerd -H fd:// $DOCKER_OPTS\n' };

testRule(requireDaemonStartedByUnit, {
  valid: [
    {
      name: 'started by systemd with the unit flags',
      host: '',
      files: { ...UNIT, '/proc/812/comm': 'dockerd\n', '/proc/812/cmdline': '/usr/sbin/dockerd\0-H\0fd://\0' },
    },
    { name: 'no dockerd running (an image, or a stopped daemon)', host: '', files: UNIT },
  ],
  invalid: [
    {
      name: 'started by hand',
      host: '',
      files: { ...UNIT, '/proc/2724/comm': 'dockerd\n', '/proc/2724/cmdline': 'dockerd\0' },
      errors: [
        {
          messageId: 'differs',
          line: 0,
          column: 0,
          message: 'The running dockerd (pid 2724) has the arguments "(no arguments)", but docker.service starts it with "-H fd://".',
        },
      ],
    },
    {
      name: 'no unit',
      host: '',
      files: { '/proc/9/comm': 'dockerd\n', '/proc/9/cmdline': 'dockerd\0--icc=false\0' },
      errors: [{ messageId: 'noUnit', line: 0, column: 0 }],
    },
  ],
});

it('cites no CIS item: CIS 1.6.0 2.1 is "run the daemon as a non-root user" (BW4005), not how dockerd was started', () => {
  assert.equal(requireDaemonStartedByUnit.meta.references.cis, undefined);
});
