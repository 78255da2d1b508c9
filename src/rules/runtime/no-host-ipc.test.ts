import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noHostIpc } from './no-host-ipc.js';

testRule(noHostIpc, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          ipc: shareable
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"IpcMode": "private"}}' },
    { run: 'docker run --ipc private nginx:1.27' },
  ],
  invalid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          ipc: host
    `,
      errors: [{ messageId: 'host', line: 4, column: 10 }],
    },
    {
      name: 'quoted',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          ipc: "host"
    `,
      errors: [{ messageId: 'host', line: 4, column: 10 }],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    ipc: ${MODE}\n',
      errors: [{ messageId: 'unknown', line: 4, column: 10, status: 'unknown' }],
    },
    {
      name: 'engine IpcMode',
      engine: '{"Name": "/web", "HostConfig": {"IpcMode": "host"}}',
      errors: [{ messageId: 'host', line: 1, column: 44 }],
    },
    { run: 'docker run --ipc host nginx:1.27', errors: [{ messageId: 'host', line: 1, column: 12 }] },
  ],
});
