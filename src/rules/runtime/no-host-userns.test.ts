import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noHostUserns } from './no-host-userns.js';

testRule(noHostUserns, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          userns_mode: ""
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"UsernsMode": ""}}' },
    { name: 'empty value', run: 'docker run --userns= nginx:1.27' },
  ],
  invalid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          userns_mode: host
    `,
      errors: [{ messageId: 'host', line: 4, column: 18 }],
    },
    {
      name: 'quoted',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          userns_mode: "host"
    `,
      errors: [{ messageId: 'host', line: 4, column: 18 }],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    userns_mode: ${MODE}\n',
      errors: [{ messageId: 'unknown', line: 4, column: 18, status: 'unknown' }],
    },
    {
      name: 'engine UsernsMode',
      engine: '{"Name": "/web", "HostConfig": {"UsernsMode": "host"}}',
      errors: [{ messageId: 'host', line: 1, column: 47 }],
    },
    { run: 'docker run --userns host nginx:1.27', errors: [{ messageId: 'host', line: 1, column: 12 }] },
  ],
});
