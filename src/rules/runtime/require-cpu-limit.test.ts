import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { requireCpuLimit } from './require-cpu-limit.js';

testRule(requireCpuLimit, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          cpus: 0.5
    `,
    },
    {
      name: 'deploy.resources as a string',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          deploy: { resources: { limits: { cpus: "1.5" } } }
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"NanoCpus": 500000000}}' },
    { engine: '{"Name": "/web", "HostConfig": {"NanoCpus": 0, "CpuQuota": 50000, "CpuPeriod": 100000}}' },
    { run: 'docker run --cpus 1.5 nginx:1.27' },
    {
      name: 'a CFS quota is a hard CPU limit (0.5 CPU; the period defaults to 100 ms)',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          cpu_quota: 50000
          cpu_period: 100000
        worker:
          image: nginx:1.27
          cpu_quota: "25000"
    `,
    },
    { run: 'docker run --cpu-quota 50000 --cpu-period 100000 nginx:1.27' },
    { run: 'docker run --cpu-quota=150000 nginx:1.27' },
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
      name: 'zero',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          cpus: 0
    `,
      errors: [{ messageId: 'unlimited', line: 4, column: 11 }],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    cpus: ${CPUS}\n',
      errors: [{ messageId: 'unknown', line: 4, column: 11, status: 'unknown' }],
    },
    {
      name: 'engine no CPU limit',
      engine: '{"Name": "/web", "HostConfig": {"NanoCpus": 0, "CpuQuota": 0}}',
      errors: [{ messageId: 'missing', line: 1, column: 10 }],
    },
    { name: 'cpu shares are not a limit', run: 'docker run -c 512 nginx:1.27', errors: [{ messageId: 'missing', line: 1, column: 1 }] },
    {
      name: 'a quota of -1 is no limit; a quota from an unset variable is unknown, at cpu_quota',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    cpu_quota: -1\n  b:\n    image: nginx:1.27\n    cpu_quota: ${Q}\n',
      errors: [
        { messageId: 'missing', line: 2, column: 3 },
        { messageId: 'unknown', line: 7, column: 16, status: 'unknown' },
      ],
    },
    { name: 'a period alone is no limit', run: 'docker run --cpu-period 50000 nginx:1.27', errors: [{ messageId: 'missing', line: 1, column: 1 }] },
  ],
});
