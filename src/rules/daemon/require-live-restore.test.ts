import { type DaemonSpec, emptyDaemonSpec, unknown } from '../../model/index.js';
import { testRule } from '../../testing/rule-tester.js';
import { requireLiveRestore } from './require-live-restore.js';

/** What the daemon loader builds from `{\n  "live-restore": "yes"\n}` (src/sources/daemon/load.test.ts checks that). */
const refusedValue: DaemonSpec = {
  ...emptyDaemonSpec('daemon.json', 'daemon-json', { source: 'daemon.json', line: 1, column: 1 }),
  liveRestore: {
    value: unknown('invalid value: "live-restore" is "yes", not true or false, and dockerd refuses the file', '"yes"'),
    at: { source: 'daemon.json', line: 2, column: 19, path: 'live-restore' },
  },
};

testRule(requireLiveRestore, {
  valid: [{ 'daemon-json': '{ "live-restore": true }' }, { name: 'flag', systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd:// --live-restore=true\n' }],
  invalid: [
    { 'daemon-json': '{\n  "log-level": "info",\n  "live-restore": false\n}', errors: [{ messageId: 'explicit', line: 3, column: 19 }] },
    {
      name: 'flag',
      systemd: '[Service]\nExecStart=/usr/sbin/dockerd -H fd:// --live-restore=false\n',
      errors: [{ messageId: 'explicit', line: 2, column: 38 }],
    },
    { name: 'absent', 'daemon-json': '{"debug": false}', errors: [{ messageId: 'byDefault', line: 1, column: 1 }] },
    {
      // "live-restore": "yes" (dockerd refuses the file, so the loader gives the rule an Unknown rather than "not set")
      name: 'a value dockerd refuses is unknown, not "not set"',
      model: refusedValue,
      errors: [
        {
          messageId: 'unknown',
          line: 2,
          column: 19,
          status: 'unknown',
          message: 'Live restore cannot be judged: invalid value: "live-restore" is "yes", not true or false, and dockerd refuses the file.',
        },
      ],
    },
    {
      name: 'absent, unit only',
      systemd: '[Service]\nType=notify\nExecStart=/usr/sbin/dockerd -H fd://\n',
      errors: [{ messageId: 'byDefault', line: 3, column: 1 }],
    },
  ],
});
