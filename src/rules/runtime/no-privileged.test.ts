import { emptyContainerSpec } from '../../model/index.js';
import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noPrivileged } from './no-privileged.js';

testRule(noPrivileged, {
  valid: [
    {
      compose: yaml`
      services:
        web: { image: nginx:1.27 }
    `,
    },
    {
      name: 'explicit false',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          privileged: false
    `,
    },
    { name: 'string false after interpolation', compose: 'services:\n  web:\n    image: nginx:1.27\n    privileged: "${PRIV:-false}"\n' },
    { model: emptyContainerSpec('web', 'engine', { source: 'container:web' }) },
    { engine: '{"Name": "/web", "HostConfig": {"Privileged": false}}' },
    { name: 'boolean flag set to false after =', run: 'docker run --privileged=false nginx:1.27' },
  ],
  invalid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          privileged: true  # keep me
    `,
      errors: [{ messageId: 'privileged', line: 4, column: 17, endColumn: 21 }],
    },
    {
      name: 'quoted string',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          privileged: "true"
    `,
      errors: [{ messageId: 'privileged', line: 4, column: 17 }],
    },
    {
      name: 'through an anchor and merge key',
      compose: yaml`
      x-base: &base
        privileged: true
      services:
        a:
          <<: *base
          image: nginx:1.27
        b:
          <<: *base
          image: nginx:1.27
    `,
      errors: [
        { messageId: 'privileged', line: 2, column: 15 },
        { messageId: 'privileged', line: 2, column: 15 },
      ],
    },
    {
      name: 'interpolated from the environment',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    privileged: ${PRIV}\n',
      env: { PRIV: 'true' },
      errors: [{ messageId: 'privileged', line: 4, column: 17 }],
    },
    {
      name: 'unset variable is unknown',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    privileged: ${PRIV}\n',
      errors: [
        {
          messageId: 'unknown',
          line: 4,
          column: 17,
          status: 'unknown',
          message: 'Whether service "web" runs privileged cannot be known: variable PRIV is not set.',
        },
      ],
    },
    {
      name: 'a YAML 1.1 word compose reads as true (with a warning)',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    privileged: yes\n',
      errors: [{ messageId: 'privileged', line: 4, column: 17 }],
    },
    {
      name: 'a YAML 1.1 word from the environment',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    privileged: ${P}\n',
      env: { P: 'On' },
      errors: [{ messageId: 'privileged', line: 4, column: 17 }],
    },
    {
      name: 'engine HostConfig.Privileged',
      engine: '{"Name": "/web", "HostConfig": {"Privileged": true}}',
      errors: [{ messageId: 'privileged', line: 1, column: 47 }],
    },
    { run: 'docker run -d --privileged nginx:1.27', errors: [{ messageId: 'privileged', line: 1, column: 15 }] },
  ],
});
