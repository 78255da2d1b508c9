import { emptyContainerSpec, refusedValue, unknown } from '../../model/index.js';
import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { requireRestartPolicy } from './require-restart-policy.js';

const at = { source: 'compose.yaml', line: 4, column: 14 };

testRule(requireRestartPolicy, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          restart: on-failure:5
    `,
    },
    {
      name: 'deploy.restart_policy with max_attempts',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          deploy:
            restart_policy:
              condition: on-failure
              max_attempts: 3
    `,
    },
    {
      name: 'a larger bound allowed by option',
      options: { maxRetries: 10 },
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          restart: on-failure:10
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 3}}}' },
    {
      name: 'a one-shot --rm container cannot have a restart policy',
      engine: '{"Name": "/job", "HostConfig": {"AutoRemove": true, "RestartPolicy": {"Name": "no"}}}',
    },
    { run: 'docker run --restart on-failure:3 nginx:1.27' },
    { name: 'a count with a leading + (strconv.Atoi reads it)', run: 'docker run --restart on-failure:+3 nginx:1.27' },
    { name: 'a count with a leading +, in compose', compose: 'services:\n  web:\n    image: nginx:1.27\n    restart: on-failure:+3\n' },
    {
      name: 'a value its source reported as an input error (always:3): the error is its only report',
      model: { ...emptyContainerSpec('web', 'compose', at), restart: { value: refusedValue(unknown('"always:3" is not a valid value')), at } },
    },
    {
      name: 'deploy.restart_policy condition any with max_attempts: bounded as Swarm runs it (the compose source warns that docker compose up is refused)',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy: {condition: any, max_attempts: 3}\n',
    },
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
      name: '"no" and unbounded policies',
      compose: yaml`
      services:
        a:
          image: nginx:1.27
          restart: "no"
        b:
          image: nginx:1.27
          restart: always
        c:
          image: nginx:1.27
          restart: unless-stopped
        d:
          image: nginx:1.27
          restart: on-failure
        e:
          image: nginx:1.27
          restart: on-failure:20
        f:
          image: nginx:1.27
          deploy:
            restart_policy: {}
        g:
          image: nginx:1.27
          deploy:
            restart_policy:
              max_attempts: 3
        h:
          image: nginx:1.27
          deploy:
            restart_policy:
              condition: any
    `,
      errors: [
        { messageId: 'missing', line: 4, column: 14 },
        { messageId: 'unbounded', line: 7, column: 14, message: 'Service "b" restarts with policy always, which has no retry bound.' },
        { messageId: 'unbounded', line: 10, column: 14 },
        { messageId: 'unbounded', line: 13, column: 14 },
        { messageId: 'tooMany', line: 16, column: 14, message: 'Service "e" restarts up to 20 times, more than 5.' },
        { messageId: 'missing', line: 20, column: 23, message: 'Service "f" has no restart policy.' },
        // docker compose passes no condition on as an empty policy name: no restart (Swarm's `any` is for stack deploy).
        { messageId: 'missing', line: 25, column: 9, message: 'Service "g" has no restart policy.' },
        { messageId: 'unbounded', line: 30, column: 9, message: 'Service "h" restarts with policy always, which has no retry bound.' },
      ],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    restart: ${POLICY}\n',
      errors: [{ messageId: 'unknown', line: 4, column: 14, status: 'unknown' }],
    },
    {
      name: 'engine RestartPolicy',
      engine: '{"Name": "/web", "HostConfig": {"RestartPolicy": {"Name": "always", "MaximumRetryCount": 0}}}',
      errors: [{ messageId: 'unbounded', line: 1, column: 50 }],
    },
    {
      name: 'engine RestartPolicy empty name',
      engine: '{"Name": "/web", "HostConfig": {"RestartPolicy": {"Name": "", "MaximumRetryCount": 0}}}',
      errors: [{ messageId: 'missing', line: 1, column: 50 }],
    },
    { run: 'docker run --restart=always nginx:1.27', errors: [{ messageId: 'unbounded', line: 1, column: 12 }] },
    { run: 'docker run --restart on-failure:10 nginx:1.27', errors: [{ messageId: 'tooMany', line: 1, column: 12 }] },
    { run: 'docker run nginx:1.27', errors: [{ messageId: 'missing', line: 1, column: 1 }] },
    {
      name: 'engine MaximumRetryCount beyond int64, which no engine writes: the policy cannot be known',
      engine: '{"Name": "/web", "HostConfig": {"RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 99999999999999999999}}}',
      errors: [
        {
          messageId: 'unknown',
          line: 1,
          column: 94,
          status: 'unknown',
          message:
            'The restart policy of container "web" cannot be known: HostConfig.RestartPolicy.MaximumRetryCount is not a retry count an engine writes (an integer from 0 to 9223372036854775807).',
        },
      ],
    },
    {
      name: 'engine MaximumRetryCount negative with on-failure (dockerd refuses it)',
      engine: '{"Name": "/web", "HostConfig": {"RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": -1}}}',
      errors: [{ messageId: 'unknown', line: 1, column: 94, status: 'unknown' }],
    },
    {
      name: 'engine MaximumRetryCount of int64 largest is a count',
      engine: '{"Name": "/web", "HostConfig": {"RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 9223372036854775807}}}',
      errors: [{ messageId: 'tooMany', line: 1, column: 50 }],
    },
    { run: 'docker run --restart on-failure:9223372036854775807 nginx:1.27', errors: [{ messageId: 'tooMany', line: 1, column: 12 }] },
    {
      name: 'an empty count is no count, and always takes a count of 0 (docker compose and dockerd take both)',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    restart: "on-failure:"\n  b:\n    image: nginx:1.27\n    restart: always:0\n',
      errors: [
        { messageId: 'unbounded', line: 4, column: 14, message: 'Service "a" restarts with policy on-failure, which has no retry bound.' },
        { messageId: 'unbounded', line: 7, column: 14, message: 'Service "b" restarts with policy always, which has no retry bound.' },
      ],
    },
    {
      name: '--restart on-failure: (docker/cli reads no count)',
      run: 'docker run --restart on-failure: nginx:1.27',
      errors: [{ messageId: 'unbounded', line: 1, column: 12 }],
    },
    { name: '--restart no:0', run: 'docker run --restart no:0 nginx:1.27', errors: [{ messageId: 'missing', line: 1, column: 12 }] },
    {
      name: 'a count beyond 2^53 is named exact (the model keeps a bigint), not as a rounded double',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    restart: on-failure:9223372036854775807\n',
      errors: [{ messageId: 'tooMany', line: 4, column: 14, message: 'Service "web" restarts up to 9223372036854775807 times, more than 5.' }],
    },
    {
      name: 'deploy.restart_policy condition any with max_attempts over the bound: too many (Swarm bounds it)',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy: {condition: any, max_attempts: 10}\n',
      errors: [{ messageId: 'tooMany', line: 5, column: 23, message: 'Service "web" restarts up to 10 times, more than 5.' }],
    },
  ],
});
