import { emptyContainerSpec } from '../../model/index.js';
import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { requireHealthcheck } from './require-healthcheck.js';

const at = { source: 'compose.yaml', line: 2, column: 3 };

testRule(requireHealthcheck, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          healthcheck:
            test: ["CMD-SHELL", "curl -fsS http://localhost:8080/health || exit 1"]
            interval: 30s
            timeout: 5s
            retries: 3
    `,
    },
    {
      name: 'string test',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          healthcheck:
            test: wget -qO- http://localhost/health
    `,
    },
    {
      name: 'the image (scanned Dockerfile) defines one',
      model: { ...emptyContainerSpec('web', 'compose', at), imageDefaults: { healthcheck: { value: { test: ['CMD', 'true'] }, at } } },
    },
    { engine: '{"Name": "/web", "Config": {"Healthcheck": {"Test": ["CMD-SHELL", "wget -qO- http://localhost:8080/health"], "Interval": 30000000000}}}' },
    { name: 'quoted command with shell operators', run: "docker run --health-cmd 'curl -f http://localhost/ || exit 1' nginx:1.27" },
  ],
  invalid: [
    {
      name: 'missing: the image decides',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
    `,
      errors: [{ messageId: 'missing', line: 2, column: 3, status: 'unknown' }],
    },
    {
      name: 'disabled',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          healthcheck:
            disable: true
    `,
      errors: [{ messageId: 'disabled', line: 5, column: 16, status: 'violation' }],
    },
    {
      name: 'test NONE',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          healthcheck:
            test: ["NONE"]
    `,
      errors: [{ messageId: 'disabled', line: 5, column: 13 }],
    },
    {
      name: 'only timings: still up to the image',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          healthcheck:
            interval: 10s
    `,
      errors: [{ messageId: 'missing', line: 5, column: 7, status: 'unknown' }],
    },
    {
      name: 'the scanned image has none',
      model: { ...emptyContainerSpec('web', 'compose', at), imageDefaults: {} },
      errors: [{ messageId: 'imageHasNone', line: 2, column: 3 }],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      disable: ${OFF}\n',
      errors: [
        {
          messageId: 'unknown',
          line: 5,
          column: 16,
          status: 'unknown',
          message: 'The health check of service "web" cannot be known: variable OFF is not set.',
        },
      ],
    },
    {
      name: 'engine health check disabled',
      engine: '{"Name": "/web", "Config": {"Healthcheck": {"Test": ["NONE"]}}}',
      errors: [{ messageId: 'disabled', line: 1, column: 44 }],
    },
    {
      name: 'engine Config holds the image health check merged in',
      engine: '{"Name": "/web", "Config": {"User": "1000"}}',
      errors: [{ messageId: 'imageHasNone', line: 1, column: 10 }],
    },
    { run: 'docker run --no-healthcheck nginx:1.27', errors: [{ messageId: 'disabled', line: 1, column: 12 }] },
    { run: 'docker run nginx:1.27', errors: [{ messageId: 'missing', line: 1, column: 1 }] },
  ],
});
