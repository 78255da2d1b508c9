import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noPortsOnAllInterfaces } from './no-ports-on-all-interfaces.js';

testRule(noPortsOnAllInterfaces, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          expose: ["8080"]
          ports:
            - 127.0.0.1:8080:80
            - "[::1]:8443:443"
            - 10.0.0.5:9000:9000/udp
            - target: 80
              published: "8081"
              host_ip: 127.0.0.1
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"PortBindings": {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "8080"}]}}}' },
    { run: 'docker run -p 127.0.0.1:8080:80 -p [::1]:8443:443 nginx:1.27' },
    {
      name: 'engine: no address written, but the daemon binds 127.0.0.1 ("ip" in daemon.json)',
      engine:
        '{"Name": "/web", "HostConfig": {"PortBindings": {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}}, "NetworkSettings": {"Ports": {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "8080"}]}}}',
    },
    {
      name: 'an address written without a variable, the port from one',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          ports:
            - "127.0.0.1:\${HOST_PORT}:80"
            - target: \${CPORT}
              host_ip: 127.0.0.1
              published: \${PUB}
    `,
    },
  ],
  invalid: [
    {
      name: 'short syntax forms',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          ports:
            - "80:80"
            - 0.0.0.0:443:443
            - "[::]:8443:443"
            - 9000
            - 8000-8001:8000-8001/udp
    `,
      errors: [
        { messageId: 'allInterfaces', line: 5, column: 9, message: 'Service "web" publishes port 80->80/tcp on all interfaces.' },
        { messageId: 'allInterfaces', line: 6, column: 9 },
        { messageId: 'allInterfaces', line: 7, column: 9 },
        { messageId: 'allInterfaces', line: 8, column: 9, message: 'Service "web" publishes port (ephemeral)->9000/tcp on all interfaces.' },
        { messageId: 'allInterfaces', line: 9, column: 9, message: 'Service "web" publishes port 8000-8001->8000-8001/udp on all interfaces.' },
      ],
    },
    {
      name: 'long syntax without host_ip',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          ports:
            - target: 80
              published: 8080
              protocol: tcp
    `,
      errors: [{ messageId: 'allInterfaces', line: 5, column: 9 }],
    },
    {
      name: 'engine PortBindings',
      engine:
        '{"Name": "/web", "HostConfig": {"PortBindings": {"80/tcp": [{"HostIp": "", "HostPort": "8080"}], "53/udp": [{"HostIp": "::", "HostPort": ""}]}}}',
      errors: [
        { messageId: 'allInterfaces', line: 1, column: 61 },
        { messageId: 'allInterfaces', line: 1, column: 109 },
      ],
    },
    {
      name: 'the unspecified address in its other spellings (Go IP.IsUnspecified): zero groups, an IPv4 tail, IPv4-mapped',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          ports:
            - "[0:0:0:0:0:0:0:0]:8080:80"
            - "[::0.0.0.0]:8081:81"
            - "[::ffff:0.0.0.0]:8082:82"
            - target: 83
              published: 8083
              host_ip: "::ffff:0.0.0.0"
            - "[::ffff:127.0.0.1]:8084:84"
    `,
      errors: [
        { messageId: 'allInterfaces', line: 5, column: 9, message: 'Service "web" publishes port 8080->80/tcp on all interfaces.' },
        { messageId: 'allInterfaces', line: 6, column: 9, message: 'Service "web" publishes port 8081->81/tcp on all interfaces.' },
        { messageId: 'allInterfaces', line: 7, column: 9, message: 'Service "web" publishes port 8082->82/tcp on all interfaces.' },
        { messageId: 'allInterfaces', line: 8, column: 9, message: 'Service "web" publishes port 8083->83/tcp on all interfaces.' },
      ],
    },
    { name: 'combined shorthand flags', run: 'docker run -dp 8080:80 nginx:1.27', errors: [{ messageId: 'allInterfaces', line: 1, column: 14 }] },
    {
      name: 'a run line binding ::ffff:0.0.0.0',
      run: 'docker run -p [::ffff:0.0.0.0]:8080:80 nginx:1.27',
      errors: [{ messageId: 'allInterfaces', line: 1, column: 12 }],
    },
    {
      name: 'engine HostIp ::0.0.0.0',
      engine: '{"Name": "/web", "HostConfig": {"PortBindings": {"80/tcp": [{"HostIp": "::0.0.0.0", "HostPort": "8080"}]}}}',
      errors: [{ messageId: 'allInterfaces', line: 1, column: 61 }],
    },
    {
      name: 'variables without a value: every interface when no address can be written there, unknown where one may be',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          ports:
            - "8090:\${CPORT}/udp"
            - target: 86
              published: \${PUB}
            - "\${BIND_ADDR}:82:82"
            - "\${IP:?need an address}:88:88"
            - "[\${V6}]:89:89"
            - "\${HOST_PORT}:87"
            - "\${SPEC}"
            - target: 91
              host_ip: \${HIP}
    `,
      errors: [
        { messageId: 'allInterfaces', line: 5, column: 9, message: 'Service "web" publishes port 8090->${CPORT}/udp on all interfaces.' },
        { messageId: 'allInterfaces', line: 6, column: 9, message: 'Service "web" publishes port ${PUB}->86/tcp on all interfaces.' },
        {
          messageId: 'unknown',
          line: 8,
          column: 9,
          status: 'unknown',
          message: 'Whether service "web" publishes port 82->82/tcp on all interfaces cannot be known: variable BIND_ADDR is not set.',
        },
        {
          messageId: 'unknown',
          line: 9,
          column: 9,
          status: 'unknown',
          message: 'Whether service "web" publishes port 88->88/tcp on all interfaces cannot be known: required variable IP is not set.',
        },
        {
          messageId: 'unknown',
          line: 10,
          column: 9,
          status: 'unknown',
          message: 'Whether service "web" publishes port 89->89/tcp on all interfaces cannot be known: variable V6 is not set.',
        },
        {
          messageId: 'unknown',
          line: 11,
          column: 9,
          status: 'unknown',
          message: 'Whether service "web" publishes port ${HOST_PORT}->87/tcp on all interfaces cannot be known: variable HOST_PORT is not set.',
        },
        {
          messageId: 'unknown',
          line: 12,
          column: 9,
          status: 'unknown',
          message: 'Whether service "web" publishes port ${SPEC} on all interfaces cannot be known: variable SPEC is not set.',
        },
        {
          messageId: 'unknown',
          line: 13,
          column: 9,
          status: 'unknown',
          message: 'Whether service "web" publishes port (ephemeral)->91/tcp on all interfaces cannot be known: variable HIP is not set.',
        },
      ],
    },
  ],
});
