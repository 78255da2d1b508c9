import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { requirePidsLimit } from './require-pids-limit.js';

testRule(requirePidsLimit, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          pids_limit: 256
    `,
    },
    {
      name: 'deploy.resources.limits.pids',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          deploy:
            resources:
              limits:
                pids: 100
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"PidsLimit": 100}}' },
    { run: 'docker run --pids-limit=200 nginx:1.27' },
  ],
  invalid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
    `,
      errors: [{ messageId: 'missing', line: 2, column: 3 }],
    },
    {
      name: '-1 means unlimited',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          pids_limit: -1
    `,
      errors: [{ messageId: 'unlimited', line: 4, column: 17, message: 'Service "web" sets pids limit -1, which means no limit.' }],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    pids_limit: ${PIDS}\n',
      errors: [{ messageId: 'unknown', line: 4, column: 17, status: 'unknown' }],
    },
    {
      name: 'engine PidsLimit null',
      engine: '{"Name": "/web", "HostConfig": {"PidsLimit": null}}',
      errors: [{ messageId: 'missing', line: 1, column: 10 }],
    },
    {
      name: 'engine PidsLimit -1',
      engine: '{"Name": "/web", "HostConfig": {"PidsLimit": -1}}',
      errors: [{ messageId: 'unlimited', line: 1, column: 46 }],
    },
    { name: 'a value starting with a dash', run: 'docker run --pids-limit -1 nginx:1.27', errors: [{ messageId: 'unlimited', line: 1, column: 12 }] },
    { run: 'docker run nginx:1.27', errors: [{ messageId: 'missing', line: 1, column: 1 }] },
  ],
});
