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
    {
      name: 'relative paths, a home folder and a local volume that bind no socket folder',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          volumes:
            - ./run:/var/run
            - ../../../../../../srv/run:/srv-run
            - ~/app:/app:ro
            - disk:/disk
      volumes:
        disk:
          driver_opts: {type: none, o: bind, device: /srv/disk}
    `,
    },
    { name: 'a relative path on a run line that climbs to no socket folder', run: 'docker run -v ../../srv:/srv -v ./run:/var/run nginx:1.27' },
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
        { messageId: 'parent', line: 6, column: 17, message: 'Service "worker" mounts /var/run, which contains the Docker socket.' },
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
    {
      name: 'the host path BW1015 judges: a local volume bound to /var/run, relative paths to /var/run and /, /proc/1/root',
      compose: yaml`
      services:
        agent:
          image: agent:2
          volumes:
            - sock:/d
            - ../../../../../../var/run:/f
            - ../../../../../../../:/g
            - /proc/1/root:/n:ro
            - /proc/self/root:/s
            - /proc/1/root/var/run/docker.sock:/docker.sock
            - ./docker.sock:/p.sock
      volumes:
        sock:
          driver_opts: {type: none, o: bind, device: /var/run}
    `,
      errors: [
        {
          messageId: 'parent',
          line: 5,
          column: 9,
          message: 'Service "agent" mounts volume "sock" (volumes.sock has the local driver bind host path /var/run), which contains the Docker socket.',
        },
        {
          messageId: 'parent',
          line: 6,
          column: 9,
          message: 'Service "agent" mounts ../../../../../../var/run (host path /var/run), which contains the Docker socket.',
        },
        { messageId: 'parent', line: 7, column: 9, message: 'Service "agent" mounts ../../../../../../../ (host path /), which contains the Docker socket.' },
        { messageId: 'parent', line: 8, column: 9, message: 'Service "agent" mounts /proc/1/root (host path /), which contains the Docker socket.' },
        { messageId: 'parent', line: 9, column: 9 },
        {
          messageId: 'socket',
          line: 10,
          column: 9,
          message: 'Service "agent" mounts the container engine socket /proc/1/root/var/run/docker.sock (host path /var/run/docker.sock).',
        },
        { messageId: 'socket', line: 11, column: 9, message: 'Service "agent" mounts the container engine socket ./docker.sock (host path /mem/docker.sock).' },
      ],
    },
    {
      name: 'volume-opt has the local driver bind /var/run',
      run: 'docker run --mount type=volume,dst=/y,volume-opt=o=bind,volume-opt=device=/var/run nginx:1.27',
      errors: [
        {
          messageId: 'parent',
          line: 1,
          column: 12,
          message:
            'The docker run command mounts a volume whose volume-opt options have the local driver bind host path /var/run, which contains the Docker socket.',
        },
      ],
    },
    {
      name: 'a run line: relative paths to /var/run and /, and a socket by name; its working directory is not known',
      run: 'docker run -v ../../var/run:/f -v ../../../..:/g -v ./docker.sock:/d.sock nginx:1.27',
      errors: [
        {
          messageId: 'unknown',
          line: 1,
          column: 12,
          status: 'unknown',
          message:
            'The docker run command mounts /f from a source that cannot be known: ../../var/run is /var/run, which contains the Docker socket, when it runs 2 folders deep or less (its working directory is not known).',
        },
        { messageId: 'unknown', line: 1, column: 32, status: 'unknown' },
        { messageId: 'socket', line: 1, column: 50, message: 'The docker run command mounts the container engine socket ./docker.sock.' },
      ],
    },
    {
      name: 'an include whose project_directory is /var/run',
      compose: yaml`
      include:
        - path: sub/app.yaml
          project_directory: /var/run
    `,
      files: { 'sub/app.yaml': 'services:\n  a:\n    image: a:1\n    volumes: ["./:/all", "./docker.sock:/d.sock"]\n' },
      errors: [
        {
          messageId: 'parent',
          line: 4,
          column: 15,
          message: 'Service "a" mounts ./ (host path /var/run), which contains the Docker socket.',
          source: 'sub/app.yaml',
        },
        { messageId: 'socket', line: 4, column: 26, source: 'sub/app.yaml' },
      ],
    },
    {
      name: 'CRI-O and Podman sockets and their folders are engine sockets too',
      compose: yaml`
      services:
        agent:
          image: agent:2
          volumes:
            - /var/run/crio/crio.sock:/var/run/crio/crio.sock
            - /run/crio:/run/crio:ro
            - /run/podman:/run/podman
    `,
      errors: [
        { messageId: 'socket', line: 5, column: 9, message: 'Service "agent" mounts the container engine socket /var/run/crio/crio.sock.' },
        { messageId: 'parent', line: 6, column: 9 },
        { messageId: 'parent', line: 7, column: 9 },
      ],
    },
    {
      name: 'volumes_from a service that mounts the socket, through another one too: at the volumes_from entry',
      compose: yaml`
      services:
        agent:
          image: agent:1
          volumes: [/var/run/docker.sock:/var/run/docker.sock]
        app:
          image: app:1
          volumes_from: [agent, "container:outside"]
        app2:
          image: app:1
          volumes_from:
            - service:app:ro
        own:
          image: app:1
          volumes_from: [agent]
          volumes: [sock:/var/run/docker.sock]
    `,
      errors: [
        { messageId: 'socket', line: 4, column: 15, message: 'Service "agent" mounts the container engine socket /var/run/docker.sock.' },
        { messageId: 'socket', line: 7, column: 20, message: 'Service "app" mounts the container engine socket /var/run/docker.sock.' },
        { messageId: 'socket', line: 11, column: 9, message: 'Service "app2" mounts the container engine socket /var/run/docker.sock.' },
      ],
    },
  ],
});
