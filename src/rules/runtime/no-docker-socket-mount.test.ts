import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noDockerSocketMount } from './no-docker-socket-mount.js';

testRule(noDockerSocketMount, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          volumes:
            - ./site:/usr/share/nginx/html:ro
            - data:/var/run
            - type: tmpfs
              target: /var/run
    `,
    },
    {
      name: 'a proxy socket in a dedicated folder',
      compose: yaml`
      services:
        agent:
          image: agent:2
          volumes: ["/run/docker-proxy/proxy.sock.d:/run/proxy:ro"]
    `,
    },
    {
      engine:
        '{"Name": "/web", "Mounts": [{"Type": "volume", "Name": "data", "Source": "/var/lib/docker/volumes/data/_data", "Destination": "/data", "RW": true}]}',
    },
    { run: 'docker run -v /srv/app:/app:ro nginx:1.27' },
    {
      name: 'use_api_socket: false, or from a variable set to false',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    use_api_socket: false\n  b:\n    image: nginx:1.27\n    use_api_socket: ${UAS}\n',
      env: { UAS: 'false' },
    },
  ],
  invalid: [
    {
      name: 'short syntax, read-only still counts',
      compose: yaml`
      services:
        worker:
          image: worker:1
          volumes:
            - /var/run/docker.sock:/var/run/docker.sock:ro
            - /run/docker.sock:/docker.sock
            - /var/run//docker.sock:/x.sock
    `,
      errors: [
        { messageId: 'socket', line: 5, column: 9, message: 'Service "worker" mounts the container engine socket /var/run/docker.sock.' },
        { messageId: 'socket', line: 6, column: 9 },
        { messageId: 'socket', line: 7, column: 9 },
      ],
    },
    {
      name: 'long syntax and a parent folder',
      compose: yaml`
      services:
        worker:
          image: worker:1
          volumes:
            - type: bind
              source: /var/run
              target: /host-run
              read_only: true
            - /run/containerd/containerd.sock:/c.sock
    `,
      errors: [
        { messageId: 'parent', line: 5, column: 9, message: 'Service "worker" mounts /var/run, which contains the Docker socket.' },
        { messageId: 'socket', line: 9, column: 9 },
      ],
    },
    {
      name: 'unset source variable',
      compose: 'services:\n  w:\n    image: w:1\n    volumes:\n      - "${SOCK}:/var/run/docker.sock"\n',
      errors: [
        {
          messageId: 'unknown',
          line: 5,
          column: 9,
          status: 'unknown',
          message: 'Service "w" mounts /var/run/docker.sock from a source that cannot be known: source ${SOCK}.',
        },
      ],
    },
    {
      name: 'engine Mounts',
      engine: '{"Name": "/web", "Mounts": [{"Type": "bind", "Source": "/var/run/docker.sock", "Destination": "/var/run/docker.sock", "RW": false}]}',
      errors: [{ messageId: 'socket', line: 1, column: 29 }],
    },
    { run: 'docker run -v /var/run/docker.sock:/var/run/docker.sock:ro nginx:1.27', errors: [{ messageId: 'socket', line: 1, column: 12 }] },
    { name: '--use-api-socket binds the socket', run: 'docker run --use-api-socket nginx:1.27', errors: [{ messageId: 'socket', line: 1, column: 12 }] },
    {
      name: 'use_api_socket: true, and from a variable that is not set',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    use_api_socket: true\n  b:\n    image: nginx:1.27\n    use_api_socket: ${UAS}\n',
      errors: [
        { messageId: 'socket', line: 4, column: 5, message: 'Service "a" mounts the container engine socket /var/run/docker.sock.' },
        {
          messageId: 'apiSocketUnknown',
          line: 7,
          column: 5,
          status: 'unknown',
          message: 'Whether service "b" mounts the Docker API socket cannot be known: variable UAS is not set.',
        },
      ],
    },
    {
      name: '--use-api-socket from a shell variable',
      run: 'docker run --use-api-socket=$UAS nginx:1.27',
      errors: [{ messageId: 'apiSocketUnknown', line: 1, column: 12, status: 'unknown' }],
    },
  ],
});
