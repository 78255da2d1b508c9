import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noHostNetwork } from './no-host-network.js';

testRule(noHostNetwork, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          network_mode: bridge
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"NetworkMode": "default"}}' },
    { run: 'docker run --network backend nginx:1.27' },
  ],
  invalid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          network_mode: host
    `,
      errors: [{ messageId: 'host', line: 4, column: 19 }],
    },
    {
      name: 'quoted',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          network_mode: "host"
    `,
      errors: [{ messageId: 'host', line: 4, column: 19 }],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    network_mode: ${MODE}\n',
      errors: [{ messageId: 'unknown', line: 4, column: 19, status: 'unknown' }],
    },
    {
      name: 'engine NetworkMode',
      engine: '{"Name": "/web", "HostConfig": {"NetworkMode": "host"}}',
      errors: [{ messageId: 'host', line: 1, column: 48 }],
    },
    { name: 'hidden --net alias', run: 'docker run --net=host nginx:1.27', errors: [{ messageId: 'host', line: 1, column: 12 }] },
  ],
});
