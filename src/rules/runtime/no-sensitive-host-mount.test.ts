import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noSensitiveHostMount } from './no-sensitive-host-mount.js';

testRule(noSensitiveHostMount, {
  valid: [
    {
      name: 'narrow, common host files',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          volumes:
            - /etc/localtime:/etc/localtime:ro
            - /etc/passwd:/etc/passwd:ro
            - /etc/group:/etc/group:ro
            - /etc/ssl/certs:/etc/ssl/certs:ro
            - ./conf:/etc/nginx/conf.d:ro
            - etc:/etc/app
            - /srv/app/data:/data
    `,
    },
    {
      name: 'container paths that look sensitive are not host paths',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          volumes: ["data:/etc", "./root:/root"]
    `,
    },
    { engine: '{"Name": "/web", "Mounts": [{"Type": "bind", "Source": "/srv/app", "Destination": "/app", "RW": false}]}' },
    { name: 'a named volume, not a host path', run: 'docker run -v etc-data:/etc nginx:1.27' },
  ],
  invalid: [
    {
      compose: yaml`
      services:
        agent:
          image: agent:2
          volumes:
            - /:/host:ro
            - /etc:/host/etc
            - /proc/:/host/proc:ro
            - /var/lib/docker/volumes:/volumes
            - /root/.ssh:/ssh:ro
            - /etc/shadow:/shadow:ro
            - /etc/passwd:/etc/passwd
    `,
      errors: [
        { messageId: 'sensitive', line: 5, column: 9, message: 'Service "agent" bind-mounts host path / read-only.' },
        { messageId: 'sensitive', line: 6, column: 9, message: 'Service "agent" bind-mounts host path /etc read-write.' },
        { messageId: 'sensitive', line: 7, column: 9 },
        { messageId: 'sensitive', line: 8, column: 9 },
        { messageId: 'sensitive', line: 9, column: 9 },
        { messageId: 'sensitive', line: 10, column: 9 },
        { messageId: 'sensitive', line: 11, column: 9, message: 'Service "agent" bind-mounts host path /etc/passwd read-write.' },
      ],
    },
    {
      name: 'long syntax',
      compose: yaml`
      services:
        agent:
          image: agent:2
          volumes:
            - type: bind
              source: /usr
              target: /host/usr
    `,
      errors: [{ messageId: 'sensitive', line: 5, column: 9 }],
    },
    {
      name: 'engine Mounts',
      engine: '{"Name": "/web", "Mounts": [{"Type": "bind", "Source": "/etc", "Destination": "/host-etc", "RW": true}]}',
      errors: [{ messageId: 'sensitive', line: 1, column: 29 }],
    },
    { run: 'docker run --mount type=bind,source=/etc,target=/host-etc,readonly nginx:1.27', errors: [{ messageId: 'sensitive', line: 1, column: 12 }] },
  ],
});
