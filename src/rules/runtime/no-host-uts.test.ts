import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noHostUts } from './no-host-uts.js';

testRule(noHostUts, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          hostname: web
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"UTSMode": ""}}' },
    { run: 'docker run --uts=private nginx:1.27' },
  ],
  invalid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          uts: host
    `,
      errors: [{ messageId: 'host', line: 4, column: 10 }],
    },
    {
      name: 'quoted',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          uts: "host"
    `,
      errors: [{ messageId: 'host', line: 4, column: 10 }],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    uts: ${MODE}\n',
      errors: [{ messageId: 'unknown', line: 4, column: 10, status: 'unknown' }],
    },
    {
      name: 'engine UTSMode',
      engine: '{"Name": "/web", "HostConfig": {"UTSMode": "host"}}',
      errors: [{ messageId: 'host', line: 1, column: 44 }],
    },
    { run: 'docker run --uts=host nginx:1.27', errors: [{ messageId: 'host', line: 1, column: 12 }] },
  ],
});
