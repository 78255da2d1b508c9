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
    {
      name: 'narrow mounts agents, time zones and hardware need (a device node opens only if the device cgroup allows it)',
      compose: yaml`
      services:
        agent:
          image: agent:2
          volumes:
            - /etc/localtime:/etc/localtime
            - /etc/timezone:/etc/timezone:ro
            - /usr/share/zoneinfo:/usr/share/zoneinfo:ro
            - /dev/log:/dev/log
            - /sys/fs/cgroup:/host/sys/fs/cgroup:ro
            - /lib/modules:/lib/modules:ro
            - /etc/machine-id:/etc/machine-id:ro
            - /etc/os-release:/host/etc/os-release:ro
            - /etc/resolv.conf:/etc/resolv.conf:ro
            - /etc/nginx/conf.d:/etc/nginx/conf.d:ro
            - /sys/class/thermal/thermal_zone0/temp:/host/temp:ro
            - /dev/bus/usb:/dev/bus/usb
            - /dev/ttyUSB0:/dev/ttyUSB0
    `,
    },
    {
      name: 'relative paths inside the project, and one that leaves it for a folder that is not sensitive',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          volumes:
            - ./data:/data
            - .:/app:ro
            - ./etc/../conf:/etc/nginx/conf.d
            - ../shared:/shared
            - type: bind
              source: ./root
              target: /root
    `,
    },
    {
      name: 'named volumes: the default driver, a local volume on a disk, a bind of a project folder, another driver',
      compose: yaml`
      services:
        db:
          image: postgres:16
          volumes:
            - pgdata:/var/lib/postgresql/data
            - disk:/disk
            - project:/project
            - nfs:/nfs
            - type: volume
              source: plugin
              target: /plugin
      volumes:
        pgdata: {}
        disk:
          driver: local
          driver_opts: {type: ext4, device: /dev/sdb1}
        project:
          driver_opts: {type: none, o: bind, device: ./data}
        nfs:
          driver_opts: {type: nfs, o: "addr=10.0.0.1,rw", device: ":/export/etc"}
        plugin:
          driver: rexray/ebs
          driver_opts: {o: bind, device: /}
    `,
    },
    {
      name: 'a named volume bound to a host path (the engine sees a volume; its source is the volume folder)',
      engine:
        '{"Name": "/web", "Mounts": [{"Type": "volume", "Name": "hostroot", "Source": "/var/lib/docker/volumes/hostroot/_data", "Destination": "/named-root", "RW": true}]}',
    },
    {
      name: 'an included project resolves its relative paths against its own folder (../etc there is /mem/etc)',
      compose: yaml`
      include: [sub/compose.yaml]
      services:
        web:
          image: nginx:1.27
    `,
      files: { 'sub/compose.yaml': 'services:\n  agent:\n    image: agent:2\n    volumes: ["../etc:/mem-etc", "./conf:/conf"]\n' },
    },
    { name: 'a relative path on a run line: the shell decides where it points', run: 'docker run -v ./etc:/etc-copy nginx:1.27' },
    {
      name: 'volume-opt of a local volume on a disk',
      run: 'docker run --mount type=volume,src=d,dst=/d,volume-opt=type=ext4,volume-opt=device=/dev/sdb1 nginx:1.27',
    },
    { name: "the containerd socket is BW1014's", run: 'docker run -v /run/containerd/containerd.sock:/run/containerd/containerd.sock nginx:1.27' },
    {
      name: 'read-only paths below /usr, /bin, /sbin and /lib, public trust stores, and home folders without credentials',
      compose: yaml`
      services:
        agent:
          image: agent:2
          volumes:
            - /usr/local/share/ca-certificates:/usr/local/share/ca-certificates:ro
            - /usr/share/ca-certificates:/usr/share/ca-certificates:ro
            - /usr/lib/os-release:/host/os-release:ro
            - /usr/src:/usr/src:ro
            - /usr/bin/docker:/usr/bin/docker:ro
            - /usr/share/zoneinfo:/usr/share/zoneinfo:ro
            - /bin/busybox:/host/busybox:ro
            - /lib/x86_64-linux-gnu:/host/lib:ro
            - /sbin/iptables:/host/iptables:ro
            - /etc/ssl/certs:/etc/ssl/certs:ro
            - /etc/pki/ca-trust:/etc/pki/ca-trust:ro
            - /etc/pki/tls/certs:/etc/pki/tls/certs:ro
            - /etc/localtime:/etc/localtime:ro
            - ~/projects/app:/app
            - /home/bob/.cache/pip:/root/.cache/pip
            - ~/.docker/buildx:/buildx:ro
            - ./data:/data
            - data:/var/lib/data
      volumes:
        data: {}
    `,
    },
    {
      name: 'a variable without a value after a folder no judged path lies in, in the project folder, or in read-only options',
      compose: yaml`
      services:
        agent:
          image: agent:2
          volumes:
            - "/srv/\${APP}:/app"
            - "./data/\${SUB}:/sub"
            - "/etc/nginx:/n:ro,\${MODE}"
            - "/data:/data:\${MODE}"
            - type: volume
              source: \${VOL}
              target: /vol
    `,
    },
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
      errors: [{ messageId: 'sensitive', line: 6, column: 17, message: 'Service "agent" bind-mounts host path /usr read-write.' }],
    },
    {
      name: 'engine Mounts',
      engine: '{"Name": "/web", "Mounts": [{"Type": "bind", "Source": "/etc", "Destination": "/host-etc", "RW": true}]}',
      errors: [{ messageId: 'sensitive', line: 1, column: 29 }],
    },
    { run: 'docker run --mount type=bind,source=/etc,target=/host-etc,readonly nginx:1.27', errors: [{ messageId: 'sensitive', line: 1, column: 12 }] },
    {
      name: 'host escapes below sensitive folders',
      compose: yaml`
      services:
        agent:
          image: agent:2
          volumes:
            - /proc/1/root:/host
            - /proc/sys:/host-sys
            - /sys/fs/cgroup:/cg
            - /usr/bin:/host-bin
            - /var/lib/containerd:/ctrd
            - /proc/self/root/etc:/self-etc:ro
            - /var/lib:/var-lib:ro
            - /etc/letsencrypt:/etc/letsencrypt
            - /etc/kubernetes/admin.conf:/kubeconfig:ro
            - /usr/local/bin:/opt/bin
            - /dev/shm:/dev/shm
            - /run/containerd/io.containerd.runtime.v2.task:/tasks:ro
            - /lib/modules:/lib/modules
            - /etc//ssh/./:/ssh:ro
            - /sys/kernel/security:/sec:ro
            - /sys/class/net:/net
            - /dev/pts:/dev/pts
            - /dev:/dev:ro
    `,
      errors: [
        {
          messageId: 'hostRoot',
          line: 5,
          column: 9,
          message: 'Service "agent" bind-mounts /proc/1/root, the host\'s root filesystem seen through /proc, read-write.',
        },
        { messageId: 'sensitive', line: 6, column: 9, message: 'Service "agent" bind-mounts host path /proc/sys read-write.' },
        { messageId: 'sensitive', line: 7, column: 9, message: 'Service "agent" bind-mounts host path /sys/fs/cgroup read-write.' },
        { messageId: 'sensitive', line: 8, column: 9 },
        { messageId: 'sensitive', line: 9, column: 9 },
        { messageId: 'hostRoot', line: 10, column: 9 },
        { messageId: 'sensitive', line: 11, column: 9 },
        { messageId: 'sensitive', line: 12, column: 9 },
        { messageId: 'sensitive', line: 13, column: 9 },
        { messageId: 'sensitive', line: 14, column: 9 },
        { messageId: 'sensitive', line: 15, column: 9 },
        { messageId: 'sensitive', line: 16, column: 9 },
        { messageId: 'sensitive', line: 17, column: 9 },
        { messageId: 'sensitive', line: 18, column: 9 },
        { messageId: 'sensitive', line: 19, column: 9 },
        { messageId: 'sensitive', line: 20, column: 9, message: 'Service "agent" bind-mounts host path /sys/class/net read-write.' },
        { messageId: 'sensitive', line: 21, column: 9 },
        { messageId: 'sensitive', line: 22, column: 9 },
      ],
    },
    {
      name: 'relative paths that leave the project folder (/mem) for / and /etc',
      compose: yaml`
      services:
        agent:
          image: agent:2
          volumes:
            - ../../../../../../../..:/rel-root
            - ../../../../../../../../etc:/rel-etc
            - type: bind
              source: ./data/../../usr/bin
              target: /bin2
    `,
      errors: [
        {
          messageId: 'relative',
          line: 5,
          column: 9,
          message: 'Service "agent" bind-mounts ../../../../../../../.., host path / from the project folder, read-write.',
        },
        {
          messageId: 'relative',
          line: 6,
          column: 9,
          message: 'Service "agent" bind-mounts ../../../../../../../../etc, host path /etc from the project folder, read-write.',
        },
        {
          messageId: 'relative',
          line: 8,
          column: 17,
          message: 'Service "agent" bind-mounts ./data/../../usr/bin, host path /usr/bin from the project folder, read-write.',
        },
      ],
    },
    {
      name: "a relative path written in an extends base in a subfolder is resolved against that file's folder (../etc there is /mem/etc)",
      compose: yaml`
      services:
        agent:
          extends: {file: deep/base.yaml, service: base}
    `,
      files: { 'deep/base.yaml': 'services:\n  base:\n    image: agent:2\n    volumes: ["../../etc:/host-etc:ro", "./conf:/conf", "../etc:/mem-etc"]\n' },
      errors: [
        {
          messageId: 'relative',
          line: 4,
          column: 15,
          source: 'deep/base.yaml',
          message: 'Service "agent" bind-mounts ../../etc, host path /etc from the project folder, read-only.',
        },
      ],
    },
    {
      name: 'named volumes that bind-mount host paths',
      compose: yaml`
      services:
        agent:
          image: agent:2
          volumes:
            - hostroot:/named-root
            - type: volume
              source: etc
              target: /named-etc
              read_only: true
            - up:/up
      volumes:
        hostroot:
          driver_opts: {type: none, o: bind, device: /}
        etc:
          driver: local
          driver_opts:
            type: none
            o: bind,ro
            device: /etc
        up:
          driver: local
          driver_opts: {type: none, o: rbind, device: ../../../../../../../../proc/1/root}
    `,
      errors: [
        {
          messageId: 'volume',
          line: 5,
          column: 9,
          message: 'Service "agent" mounts volume "hostroot", which volumes.hostroot has the local driver bind to host path /, read-write.',
        },
        {
          messageId: 'volume',
          line: 7,
          column: 17,
          message: 'Service "agent" mounts volume "etc", which volumes.etc has the local driver bind to host path /etc, read-only.',
        },
        {
          messageId: 'volume',
          line: 10,
          column: 9,
          message: 'Service "agent" mounts volume "up", which volumes.up has the local driver bind to host path /proc/1/root, read-write.',
        },
      ],
    },
    {
      name: 'a volume defined in an override file',
      compose: yaml`
      services:
        agent:
          image: agent:2
          volumes: ["hostroot:/named-root:ro"]
    `,
      files: { 'compose.override.yaml': 'volumes:\n  hostroot:\n    driver_opts: {type: none, o: bind, device: /}\n' },
      errors: [
        {
          messageId: 'volume',
          line: 4,
          column: 15,
          message: 'Service "agent" mounts volume "hostroot", which volumes.hostroot has the local driver bind to host path /, read-only.',
        },
      ],
    },
    { run: 'docker run -v /proc/1/root:/host alpine:3.20', errors: [{ messageId: 'hostRoot', line: 1, column: 12 }] },
    {
      name: 'relative paths on a run line that climb to a sensitive folder from a working directory that is not known',
      run: 'docker run -v ../../../../../../../..:/rel-root -v ./../../../../../../../../etc:/rel-etc:ro -v ../data:/data --mount type=bind,src=../../usr/bin,dst=/b alpine:3.20',
      errors: [
        {
          messageId: 'upward',
          line: 1,
          column: 12,
          status: 'unknown',
          message:
            'The docker run command bind-mounts ../../../../../../../.., host path / when it runs 8 folders deep or less: its working directory cannot be known.',
        },
        { messageId: 'upward', line: 1, column: 49, status: 'unknown' },
        { messageId: 'upward', line: 1, column: 111, status: 'unknown' },
      ],
    },
    {
      run: 'docker run -v /usr/bin:/host-bin -v /proc/sys:/host-sys:ro alpine:3.20',
      errors: [
        { messageId: 'sensitive', line: 1, column: 12 },
        { messageId: 'sensitive', line: 1, column: 34 },
      ],
    },
    {
      name: 'a --mount whose volume options bind-mount the host root',
      run: "docker run --mount 'type=volume,source=hostroot,target=/named-root,volume-driver=local,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/' alpine:3.20",
      errors: [
        {
          messageId: 'volumeOpt',
          line: 1,
          column: 12,
          message: 'The docker run command mounts a volume whose volume-opt options have the local driver bind host path /, read-write.',
        },
      ],
    },
    {
      name: 'engine bind mounts below /proc and /sys',
      engine: '{"Name": "/web", "Mounts": [{"Type": "bind", "Source": "/proc/1/root", "Destination": "/host", "RW": false}]}',
      errors: [{ messageId: 'hostRoot', line: 1, column: 29 }],
    },
    {
      name: 'credentials in any home folder, read-only too: ~, long syntax, $HOME, /root, /home/USER',
      compose: yaml`
      services:
        agent:
          image: agent:2
          volumes:
            - ~/.ssh:/root/.ssh:ro
            - type: bind
              source: ~/.aws
              target: /root/.aws
              read_only: true
            - ~/.docker/config.json:/config.json:ro
            - $HOME/.kube:/kube:ro
            - /home/bob/.ssh:/ssh:ro
            - /home/bob/.gnupg:/gnupg:ro
            - /home/bob/.config/gcloud:/gcloud:ro
            - /home/bob/.azure:/azure:ro
            - /home/bob/.netrc:/netrc:ro
            - /home/bob/.git-credentials:/gc:ro
            - /home/bob/.docker:/docker:ro
            - ~/.config:/config:ro
            - ~:/home:ro
            - /home:/homes:ro
    `,
      env: { HOME: '/home/ann' },
      errors: [
        { messageId: 'sensitive', line: 5, column: 9, message: 'Service "agent" bind-mounts host path ~/.ssh read-only.' },
        { messageId: 'sensitive', line: 7, column: 17, message: 'Service "agent" bind-mounts host path ~/.aws read-only.' },
        { messageId: 'sensitive', line: 10, column: 9, message: 'Service "agent" bind-mounts host path ~/.docker/config.json read-only.' },
        { messageId: 'sensitive', line: 11, column: 9, message: 'Service "agent" bind-mounts host path /home/ann/.kube read-only.' },
        { messageId: 'sensitive', line: 12, column: 9, message: 'Service "agent" bind-mounts host path /home/bob/.ssh read-only.' },
        { messageId: 'sensitive', line: 13, column: 9 },
        { messageId: 'sensitive', line: 14, column: 9 },
        { messageId: 'sensitive', line: 15, column: 9 },
        { messageId: 'sensitive', line: 16, column: 9 },
        { messageId: 'sensitive', line: 17, column: 9 },
        { messageId: 'sensitive', line: 18, column: 9 },
        { messageId: 'sensitive', line: 19, column: 9 },
        { messageId: 'sensitive', line: 20, column: 9 },
        { messageId: 'sensitive', line: 21, column: 9 },
      ],
    },
    {
      name: 'run: credentials in a home folder, read-only',
      run: 'docker run -v /root/.docker/config.json:/config.json:ro -v /home/bob/.aws:/aws:ro -v ~/.ssh:/ssh:ro alpine:3.20',
      errors: [
        { messageId: 'sensitive', line: 1, column: 12, message: 'The docker run command bind-mounts host path /root/.docker/config.json read-only.' },
        { messageId: 'sensitive', line: 1, column: 57, message: 'The docker run command bind-mounts host path /home/bob/.aws read-only.' },
        { messageId: 'sensitive', line: 1, column: 83, message: 'The docker run command bind-mounts host path ~/.ssh read-only.' },
      ],
    },
    {
      name: 'folders of /etc that hold secrets, read-only',
      compose: yaml`
      services:
        agent:
          image: agent:2
          volumes:
            - /etc/ssl:/etc/ssl:ro
            - /etc/pki:/etc/pki:ro
            - /etc/pki/tls:/etc/pki/tls:ro
            - /etc/security:/etc/security:ro
            - /etc/letsencrypt:/etc/letsencrypt:ro
            - /etc/letsencrypt/live/x/privkey.pem:/key.pem:ro
            - /etc/wireguard:/etc/wireguard:ro
            - /etc/openvpn/server.key:/server.key:ro
            - /etc/krb5.keytab:/etc/krb5.keytab:ro
    `,
      errors: [
        { messageId: 'sensitive', line: 5, column: 9, message: 'Service "agent" bind-mounts host path /etc/ssl read-only.' },
        { messageId: 'sensitive', line: 6, column: 9 },
        { messageId: 'sensitive', line: 7, column: 9 },
        { messageId: 'sensitive', line: 8, column: 9 },
        { messageId: 'sensitive', line: 9, column: 9 },
        { messageId: 'sensitive', line: 10, column: 9, message: 'Service "agent" bind-mounts host path /etc/letsencrypt/live/x/privkey.pem read-only.' },
        { messageId: 'sensitive', line: 11, column: 9 },
        { messageId: 'sensitive', line: 12, column: 9 },
        { messageId: 'sensitive', line: 13, column: 9 },
      ],
    },
    {
      name: 'below /usr read-write changes host binaries; /usr itself read-only holds them all',
      compose: yaml`
      services:
        agent:
          image: agent:2
          volumes:
            - /usr/bin/docker:/usr/bin/docker
            - /usr/local/share/ca-certificates:/certs
            - /usr:/host/usr:ro
            - /lib/modules:/lib/modules
            - /bin:/host/bin:ro
    `,
      errors: [
        { messageId: 'sensitive', line: 5, column: 9, message: 'Service "agent" bind-mounts host path /usr/bin/docker read-write.' },
        { messageId: 'sensitive', line: 6, column: 9 },
        { messageId: 'sensitive', line: 7, column: 9, message: 'Service "agent" bind-mounts host path /usr read-only.' },
        { messageId: 'sensitive', line: 8, column: 9, message: 'Service "agent" bind-mounts host path /lib/modules read-write.' },
        { messageId: 'sensitive', line: 9, column: 9, message: 'Service "agent" bind-mounts host path /bin read-only.' },
      ],
    },
    {
      name: "an include's project_directory is where its relative paths start: /etc",
      compose: yaml`
      include:
        - path: sub/app2.yaml
          project_directory: /etc
    `,
      files: { 'sub/app2.yaml': 'services:\n  a:\n    image: a:1\n    volumes:\n      - ./shadow:/s:ro\n      - ./:/all\n      - ./ssl/certs:/certs:ro\n' },
      errors: [
        {
          messageId: 'relative',
          line: 5,
          column: 9,
          source: 'sub/app2.yaml',
          message: 'Service "a" bind-mounts ./shadow, host path /etc/shadow from the project folder, read-only.',
        },
        {
          messageId: 'relative',
          line: 6,
          column: 9,
          source: 'sub/app2.yaml',
          message: 'Service "a" bind-mounts ./, host path /etc from the project folder, read-write.',
        },
      ],
    },
    {
      name: 'a source from a variable without a value: unknown, unless what is written before it leads to no judged path',
      compose: yaml`
      services:
        agent:
          image: agent:2
          volumes:
            - "\${HOSTDIR}:/data"
            - "\${REQ:?set REQ}:/req:ro"
            - "/var/\${X}:/x"
            - "~/\${H}:/h"
            - "../../../../../../../\${UP}:/up"
            - type: bind
              target: /long
              source: \${SRC}
    `,
      errors: [
        {
          messageId: 'unknownSource',
          line: 5,
          column: 9,
          status: 'unknown',
          message: 'Which host path service "agent" bind-mounts at /data cannot be known: variable HOSTDIR is not set.',
        },
        {
          messageId: 'unknownSource',
          line: 6,
          column: 9,
          status: 'unknown',
          message: 'Which host path service "agent" bind-mounts at /req cannot be known: required variable REQ is not set.',
        },
        {
          messageId: 'unknownSource',
          line: 7,
          column: 9,
          status: 'unknown',
          message: 'Which host path service "agent" bind-mounts at /x cannot be known: variable X is not set.',
        },
        {
          messageId: 'unknownSource',
          line: 8,
          column: 9,
          status: 'unknown',
          message: 'Which host path service "agent" bind-mounts at /h cannot be known: variable H is not set.',
        },
        {
          messageId: 'unknownSource',
          line: 9,
          column: 9,
          status: 'unknown',
          message: 'Which host path service "agent" bind-mounts at /up cannot be known: variable UP is not set.',
        },
        {
          messageId: 'unknownSource',
          line: 12,
          column: 17,
          status: 'unknown',
          message: 'Which host path service "agent" bind-mounts at /long cannot be known: variable SRC is not set.',
        },
      ],
    },
    {
      name: 'read-only or not from a variable without a value: unknown where only read-write is sensitive, reported where both are',
      compose: yaml`
      services:
        agent:
          image: agent:2
          volumes:
            - "/etc/nginx:/etc/nginx:\${MODE}"
            - "/etc:/host-etc:\${MODE}"
            - type: bind
              source: /etc/ssl/certs
              target: /certs
              read_only: \${RO}
    `,
      errors: [
        {
          messageId: 'unknownMode',
          line: 5,
          column: 9,
          status: 'unknown',
          message: 'Whether service "agent" mounts host path /etc/nginx read-only cannot be known: variable MODE is not set; read-write, it is sensitive.',
        },
        {
          messageId: 'sensitive',
          line: 6,
          column: 9,
          message: 'Service "agent" bind-mounts host path /etc read-only or read-write (variable MODE is not set).',
        },
        {
          messageId: 'unknownMode',
          line: 8,
          column: 17,
          status: 'unknown',
          message: 'Whether service "agent" mounts host path /etc/ssl/certs read-only cannot be known: variable RO is not set; read-write, it is sensitive.',
        },
      ],
    },
    {
      name: 'volumes_from: the mounts of the service named, read-only with :ro, located at the entry',
      compose: yaml`
      services:
        agent:
          image: agent:1
          volumes: ["/etc:/host-etc", "/srv/data:/data"]
        app:
          image: app:1
          volumes_from: ["agent:ro"]
    `,
      errors: [
        { messageId: 'sensitive', line: 4, column: 15, message: 'Service "agent" bind-mounts host path /etc read-write.' },
        { messageId: 'sensitive', line: 7, column: 20, message: 'Service "app" bind-mounts host path /etc read-only.' },
      ],
    },
  ],
});
