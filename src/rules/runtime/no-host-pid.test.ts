import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noHostPid } from './no-host-pid.js';

testRule(noHostPid, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          pid: "container:db"
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"PidMode": ""}}' },
    { run: 'docker run --pid container:db nginx:1.27' },
    {
      name: 'joining a service whose namespace is its own, a loop, or a service the project does not have',
      compose: yaml`
      services:
        a:
          image: nginx:1.27
          pid: "service:b"
        b:
          image: nginx:1.27
        c:
          image: nginx:1.27
          pid: "service:d"
        d:
          image: nginx:1.27
          pid: "service:c"
        e:
          image: nginx:1.27
          pid: "service:nope"
    `,
    },
  ],
  invalid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          pid: host
    `,
      errors: [{ messageId: 'host', line: 4, column: 10 }],
    },
    {
      name: 'quoted',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          pid: "host"
    `,
      errors: [{ messageId: 'host', line: 4, column: 10 }],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    pid: ${MODE}\n',
      errors: [{ messageId: 'unknown', line: 4, column: 10, status: 'unknown' }],
    },
    {
      name: 'engine PidMode',
      engine: '{"Name": "/web", "HostConfig": {"PidMode": "host"}}',
      errors: [{ messageId: 'host', line: 1, column: 44 }],
    },
    { run: 'docker run --pid=host nginx:1.27', errors: [{ messageId: 'host', line: 1, column: 12 }] },
    {
      name: 'joining, through other services, a service on the host namespace; or one whose mode cannot be known',
      compose: yaml`
      services:
        vpn:
          image: vpn:1
          pid: host
        app:
          image: app:1
          pid: "service:vpn"
        app2:
          image: app:1
          pid: service:app
        u:
          image: app:1
          pid: \${MODE}
        app3:
          image: app:1
          pid: service:u
    `,
      errors: [
        { messageId: 'host', line: 4, column: 10 },
        {
          messageId: 'hostThrough',
          line: 7,
          column: 10,
          message: 'Service "app" shares the host PID namespace through service "vpn", whose namespace it joins.',
        },
        {
          messageId: 'hostThrough',
          line: 10,
          column: 10,
          message: 'Service "app2" shares the host PID namespace through service "vpn", whose namespace it joins.',
        },
        { messageId: 'unknown', line: 13, column: 10, status: 'unknown' },
        {
          messageId: 'unknown',
          line: 16,
          column: 10,
          status: 'unknown',
          message: 'The PID namespace mode of service "app3" cannot be known: it joins that of service "u", and variable MODE is not set.',
        },
      ],
    },
    {
      name: 'a service name of 3,000 characters joined with service:NAME is quoted cut, with its length',
      // Explicit keys (`? key`): YAML takes an implicit key of at most 1,024 characters.
      compose: yaml`
      services:
        ? ${'v'.repeat(3000)}
        : image: vpn:1
          pid: host
        app:
          image: app:1
          pid: service:${'v'.repeat(3000)}
        ? ${'u'.repeat(3000)}
        : image: app:1
          pid: \${MODE}
        app2:
          image: app:1
          pid: service:${'u'.repeat(3000)}
    `,
      errors: [
        { messageId: 'host', line: 4, column: 10, message: `Service "${'v'.repeat(100)}..." (3000 characters) shares the host PID namespace.` },
        {
          messageId: 'hostThrough',
          line: 7,
          column: 10,
          message: `Service "app" shares the host PID namespace through service "${'v'.repeat(100)}..." (3000 characters), whose namespace it joins.`,
        },
        { messageId: 'unknown', line: 10, column: 10, status: 'unknown' },
        {
          messageId: 'unknown',
          line: 13,
          column: 10,
          status: 'unknown',
          message: `The PID namespace mode of service "app2" cannot be known: it joins that of service "${'u'.repeat(100)}..." (3000 characters), and variable MODE is not set.`,
        },
      ],
    },
  ],
});
