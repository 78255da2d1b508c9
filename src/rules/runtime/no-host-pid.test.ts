import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noHostPid } from './no-host-pid.js';

testRule(noHostPid, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          pid: "container:db"
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"PidMode": ""}}' },
    { run: 'docker run --pid container:db nginx:1.27' },
  ],
  invalid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          pid: host
    `,
      errors: [{ messageId: 'host', line: 4, column: 10 }],
    },
    {
      name: 'quoted',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          pid: "host"
    `,
      errors: [{ messageId: 'host', line: 4, column: 10 }],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    pid: ${MODE}\n',
      errors: [{ messageId: 'unknown', line: 4, column: 10, status: 'unknown' }],
    },
    {
      name: 'engine PidMode',
      engine: '{"Name": "/web", "HostConfig": {"PidMode": "host"}}',
      errors: [{ messageId: 'host', line: 1, column: 44 }],
    },
    { run: 'docker run --pid=host nginx:1.27', errors: [{ messageId: 'host', line: 1, column: 12 }] },
  ],
});
