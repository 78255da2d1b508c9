import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { requireLogRotation } from './require-log-rotation.js';

testRule(requireLogRotation, {
  valid: [
    {
      compose: yaml`
      services:
        a:
          image: nginx:1.27
          logging:
            driver: json-file
            options: { max-size: 10m, max-file: "3" }
        b:
          image: nginx:1.27
          logging: { driver: local }
        c:
          image: nginx:1.27
          logging: { driver: journald }
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"LogConfig": {"Type": "json-file", "Config": {"max-size": "10m", "max-file": "3"}}}}' },
    { run: 'docker run --log-driver local nginx:1.27' },
  ],
  invalid: [
    {
      name: 'json-file without max-size',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          logging:
            driver: json-file
            options:
              max-file: "3"
    `,
      errors: [{ messageId: 'noMaxSize', line: 5, column: 7, message: 'Service "web" logs with json-file without max-size.' }],
    },
    {
      name: 'left to the daemon',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
    `,
      errors: [{ messageId: 'daemonDecides', line: 2, column: 3, status: 'unknown' }],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    logging:\n      driver: ${DRIVER}\n',
      errors: [{ messageId: 'unknown', line: 5, column: 7, status: 'unknown' }],
    },
    {
      name: 'engine LogConfig',
      engine: '{"Name": "/web", "HostConfig": {"LogConfig": {"Type": "json-file", "Config": {}}}}',
      errors: [{ messageId: 'noMaxSize', line: 1, column: 46 }],
    },
    { run: 'docker run --log-driver json-file nginx:1.27', errors: [{ messageId: 'noMaxSize', line: 1, column: 12 }] },
  ],
});
