import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noUnsafeSysctls } from './no-unsafe-sysctls.js';

testRule(noUnsafeSysctls, {
  valid: [
    {
      name: 'the seed §5.7 safe values, map form',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          sysctls:
            net.ipv4.ip_forward: 0
            net.ipv4.tcp_syncookies: 1
            net.core.somaxconn: 1024
    `,
    },
    {
      name: 'list form',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          sysctls: ["net.ipv4.ip_unprivileged_port_start=80"]
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"Sysctls": {"net.ipv4.ip_unprivileged_port_start": "80"}}}' },
    { run: 'docker run --sysctl net.ipv4.ip_unprivileged_port_start=80 nginx:1.27' },
  ],
  invalid: [
    {
      name: 'map form',
      compose: yaml`
      services:
        router:
          image: router:1
          sysctls:
            net.ipv4.ip_forward: 1
            net.ipv4.conf.all.route_localnet: "1"
            net.ipv4.tcp_syncookies: 0
            kernel.shmmax: 68719476736
    `,
      errors: [
        { messageId: 'unsafe', line: 5, column: 7, message: 'Service "router" sets sysctl net.ipv4.ip_forward=1, which turns the container into a router.' },
        { messageId: 'unsafe', line: 6, column: 7 },
        { messageId: 'unsafe', line: 7, column: 7 },
        { messageId: 'unsafe', line: 8, column: 7 },
      ],
    },
    {
      name: 'list form',
      compose: yaml`
      services:
        router:
          image: router:1
          sysctls:
            - net.ipv6.conf.all.forwarding=1
    `,
      errors: [{ messageId: 'unsafe', line: 5, column: 9 }],
    },
    {
      name: 'engine Sysctls',
      engine: '{"Name": "/web", "HostConfig": {"Sysctls": {"net.ipv4.ip_forward": "1"}}}',
      errors: [{ messageId: 'unsafe', line: 1, column: 68 }],
    },
    { run: 'docker run --sysctl net.ipv4.ip_forward=1 nginx:1.27', errors: [{ messageId: 'unsafe', line: 1, column: 12 }] },
    {
      name: 'a value from a variable without a value: unknown for a sysctl that has unsafe values, or a name not known',
      compose: yaml`
      services:
        a:
          image: nginx:1.27
          sysctls:
            net.ipv4.ip_forward: \${FWD}
            net.core.somaxconn: \${CONN}
        b:
          image: nginx:1.27
          sysctls: ["\${SYSCTL}", "net.ipv4.conf.all.route_localnet=\${RL}", "net.core.somaxconn=\${CONN}"]
    `,
      errors: [
        {
          messageId: 'unknown',
          line: 5,
          column: 7,
          status: 'unknown',
          message: 'Whether service "a" sets sysctl net.ipv4.ip_forward to an unsafe value cannot be known: variable FWD is not set.',
        },
        {
          messageId: 'unknown',
          line: 9,
          column: 15,
          status: 'unknown',
          message: 'Whether service "b" sets sysctl ${SYSCTL} to an unsafe value cannot be known: variable SYSCTL is not set.',
        },
        {
          messageId: 'unknown',
          line: 9,
          column: 28,
          status: 'unknown',
          message: 'Whether service "b" sets sysctl net.ipv4.conf.all.route_localnet to an unsafe value cannot be known: variable RL is not set.',
        },
      ],
    },
  ],
});
