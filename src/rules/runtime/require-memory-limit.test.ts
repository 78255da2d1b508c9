import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { requireMemoryLimit } from './require-memory-limit.js';

testRule(requireMemoryLimit, {
  valid: [
    {
      name: 'deploy.resources',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          deploy:
            resources:
              limits: { memory: 512M }
    `,
    },
    {
      name: 'service-level mem_limit in bytes',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          mem_limit: 536870912
    `,
    },
    { name: 'interpolated default', compose: 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: ${MEM:-1g}\n' },
    { engine: '{"Name": "/web", "HostConfig": {"Memory": 67108864}}' },
    { run: 'docker run -m 512m nginx:1.27' },
  ],
  invalid: [
    {
      name: 'missing',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
    `,
      errors: [{ messageId: 'missing', line: 2, column: 3 }],
    },
    {
      name: 'zero means unlimited',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          mem_limit: "0"
    `,
      errors: [{ messageId: 'unlimited', line: 4, column: 16, message: 'Service "web" sets memory limit 0, which means no limit.' }],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: ${MEM}\n',
      errors: [{ messageId: 'unknown', line: 7, column: 19, status: 'unknown' }],
    },
    {
      name: 'engine Memory 0 means no limit',
      engine: '{"Name": "/web", "HostConfig": {"Memory": 0}}',
      errors: [{ messageId: 'missing', line: 1, column: 10 }],
    },
    { name: 'a reservation is not a limit', run: 'docker run --memory-reservation 256m nginx:1.27', errors: [{ messageId: 'missing', line: 1, column: 1 }] },
  ],
});
