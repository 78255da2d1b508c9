import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noHostDevices } from './no-host-devices.js';

testRule(noHostDevices, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          devices: []
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"Devices": []}}' },
    { name: 'a throttle is not a device', run: 'docker run --device-read-bps /dev/sda:1mb nginx:1.27' },
    { name: '/dev/null (1:3) with leading zeros is no memory device', run: "docker run --device-cgroup-rule 'c 001:03 rw' nginx:1.27" },
    { name: '--gpus 0 requests no GPU (the NVIDIA driver gives none)', run: 'docker run --gpus 0 nvidia/cuda:12.4.0-base-ubuntu22.04' },
    {
      name: 'a device request of count 0 without ids asks for no device',
      engine: '{"Name": "/ml", "HostConfig": {"DeviceRequests": [{"Driver": "nvidia", "Count": 0, "DeviceIDs": null, "Capabilities": [["gpu"]]}]}}',
    },
    {
      name: 'reserved memory is no device',
      compose: 'services:\n  ml:\n    image: nginx:1.27\n    deploy:\n      resources:\n        reservations:\n          memory: 1g\n',
    },
    {
      name: 'engine: a alone in a container that never ran (dockerd refuses it at each start, the container stays created): it opens nothing',
      engine:
        '{"Name": "/dev", "State": {"Status": "created", "Running": false, "ExitCode": 128, "Error": "invalid device cgroup rule format: \'a\'"}, "HostConfig": {"DeviceCgroupRules": ["a"]}}',
    },
  ],
  invalid: [
    {
      compose: yaml`
      services:
        audio:
          image: player:1
          devices:
            - /dev/snd:/dev/snd:r
            - source: /dev/sda
              target: /dev/xvda
              permissions: rwm
            - /dev/fuse
    `,
      errors: [
        { messageId: 'device', line: 5, column: 9, message: 'Service "audio" is given host device /dev/snd with permissions r.' },
        { messageId: 'device', line: 6, column: 17, message: 'Service "audio" is given host device /dev/sda with permissions rwm.' },
        { messageId: 'device', line: 9, column: 9, message: 'Service "audio" is given host device /dev/fuse with permissions rwm.' },
      ],
    },
    {
      name: 'engine Devices',
      engine: '{"Name": "/web", "HostConfig": {"Devices": [{"PathOnHost": "/dev/fuse", "PathInContainer": "/dev/fuse", "CgroupPermissions": "rwm"}]}}',
      errors: [{ messageId: 'device', line: 1, column: 45 }],
    },
    { run: 'docker run --device /dev/sda:/dev/xvdc:r nginx:1.27', errors: [{ messageId: 'device', line: 1, column: 12 }] },
    {
      name: 'a device from a variable without a value is a host device whatever it is, shown as written',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    devices: ["${DEV}:/dev/x:r"]\n',
      errors: [{ messageId: 'device', line: 4, column: 15, message: 'Service "a" is given host device ${DEV} with permissions r.' }],
    },
    {
      name: 'a CDI device name is no path: named as a CDI device, without permissions',
      compose: 'services:\n  gpu:\n    image: nginx:1.27\n    devices: ["nvidia.com/gpu=all", "vendor.com/class=dev-0"]\n',
      errors: [
        {
          messageId: 'cdiDevice',
          line: 4,
          column: 15,
          message: 'Service "gpu" is given CDI device nvidia.com/gpu=all: the host device nodes its CDI specification names.',
        },
        {
          messageId: 'cdiDevice',
          line: 4,
          column: 37,
          message: 'Service "gpu" is given CDI device vendor.com/class=dev-0: the host device nodes its CDI specification names.',
        },
      ],
    },
    { run: 'docker run --device nvidia.com/gpu=0 nginx:1.27', errors: [{ messageId: 'cdiDevice', line: 1, column: 12 }] },
    {
      name: 'device cgroup rules that open every device (type a whatever follows it: runc allows all), block devices or /dev/mem; a narrow one, and m alone for b or c (create, not open), are not reported',
      compose: yaml`
      services:
        dev:
          image: nginx:1.27
          device_cgroup_rules:
            - 'a *:* rwm'
            - 'c *:* rw'
            - 'b 8:* r'
            - 'c 1:1 r'
            - 'c 42:* rmw'
            - 'b *:* m'
            - 'a 1:3 m'
    `,
      errors: [
        {
          messageId: 'cgroupAll',
          line: 5,
          column: 9,
          message:
            'Service "dev" has device cgroup rule a *:* rwm, which opens every device node to it, character and block, with read, write and mknod whatever follows the `a`: the host disks and /dev/mem included.',
        },
        {
          messageId: 'cgroupCharacter',
          line: 6,
          column: 9,
          message:
            'Service "dev" has device cgroup rule c *:* rw, which opens character devices of every major number to it (every minor), /dev/mem, /dev/kmem and /dev/port included: the host memory and I/O ports, not the disks.',
        },
        {
          messageId: 'cgroupBlock',
          line: 7,
          column: 9,
          message: 'Service "dev" has device cgroup rule b 8:* r, which opens block devices to it (major 8): the host disks, under their filesystems.',
        },
        {
          messageId: 'cgroupMemory',
          line: 8,
          column: 9,
          message: 'Service "dev" has device cgroup rule c 1:1 r, which opens memory devices to it (/dev/mem): the host physical memory.',
        },
        {
          messageId: 'cgroupAll',
          line: 11,
          column: 9,
          message:
            'Service "dev" has device cgroup rule a 1:3 m, which opens every device node to it, character and block, with read, write and mknod whatever follows the `a`: the host disks and /dev/mem included.',
        },
      ],
    },
    {
      name: 'each message names what the rule covers: a c rule character devices (/dev/mem when its minor is one of them), a b rule block devices (the disks)',
      compose: yaml`
      services:
        dev:
          image: nginx:1.27
          device_cgroup_rules:
            - 'b *:* r'
            - 'c *:1 r'
            - 'c *:3 rw'
            - 'b *:0 r'
            - 'b 008:01 w'
            - 'c 1:* r'
            - 'c 01:04 w'
    `,
      errors: [
        {
          messageId: 'cgroupBlock',
          line: 5,
          column: 9,
          message: 'Service "dev" has device cgroup rule b *:* r, which opens block devices to it (every one): the host disks, under their filesystems.',
        },
        {
          messageId: 'cgroupCharacter',
          line: 6,
          column: 9,
          message:
            'Service "dev" has device cgroup rule c *:1 r, which opens character devices of every major number to it (minor 1), /dev/mem (1:1) included: the host physical memory.',
        },
        {
          messageId: 'cgroupCharacter',
          line: 7,
          column: 9,
          message: 'Service "dev" has device cgroup rule c *:3 rw, which opens character devices of every major number to it (minor 3).',
        },
        {
          messageId: 'cgroupBlock',
          line: 8,
          column: 9,
          message:
            'Service "dev" has device cgroup rule b *:0 r, which opens block devices to it (minor 0 of every major number): the host disks, under their filesystems.',
        },
        {
          messageId: 'cgroupBlock',
          line: 9,
          column: 9,
          message: 'Service "dev" has device cgroup rule b 008:01 w, which opens block devices to it (8:1): the host disks, under their filesystems.',
        },
        {
          messageId: 'cgroupMemory',
          line: 10,
          column: 9,
          message:
            'Service "dev" has device cgroup rule c 1:* r, which opens memory devices to it (every minor of major 1: /dev/mem, /dev/kmem and /dev/port): the host memory and I/O ports.',
        },
        {
          messageId: 'cgroupMemory',
          line: 11,
          column: 9,
          message: 'Service "dev" has device cgroup rule c 01:04 w, which opens memory devices to it (/dev/port): the host I/O ports.',
        },
      ],
    },
    {
      name: 'a device cgroup rule from an unset variable is unknown',
      compose: 'services:\n  dev:\n    image: nginx:1.27\n    device_cgroup_rules: ["${RULE}"]\n',
      errors: [{ messageId: 'cgroupUnknown', line: 4, column: 27, status: 'unknown' }],
    },
    { run: "docker run --device-cgroup-rule 'b *:* rwm' nginx:1.27", errors: [{ messageId: 'cgroupBlock', line: 1, column: 12 }] },
    {
      name: 'numbers with leading zeros are the same devices (dockerd reads integers): /dev/mem, /dev/port',
      run: "docker run --device-cgroup-rule 'c 01:01 r' --device-cgroup-rule 'c 1:04 w' --device-cgroup-rule 'c 01:03 rw' nginx:1.27",
      errors: [
        {
          messageId: 'cgroupMemory',
          line: 1,
          column: 12,
          message: 'The docker run command has device cgroup rule c 01:01 r, which opens memory devices to it (/dev/mem): the host physical memory.',
        },
        { messageId: 'cgroupMemory', line: 1, column: 45 },
      ],
    },
    {
      name: 'GPUs requested with gpus (all, or items) and deploy.resources.reservations.devices, each at its item',
      compose: yaml`
      services:
        ml:
          image: nvidia/cuda:12.4.0-base-ubuntu22.04
          gpus: all
        train:
          image: nvidia/cuda:12.4.0-base-ubuntu22.04
          gpus:
            - driver: nvidia
              device_ids: ["0", "3"]
          deploy:
            resources:
              reservations:
                devices:
                  - capabilities: [gpu]
                    driver: nvidia
                    count: 1
                  - capabilities: [compute, utility]
                  - capabilities: [tpu]
                    count: 2
    `,
      errors: [
        {
          messageId: 'deviceRequest',
          line: 4,
          column: 11,
          message: 'Service "ml" requests all GPUs from the driver dockerd picks for capabilities gpu, which gives the container their host device nodes.',
        },
        {
          messageId: 'deviceRequest',
          line: 8,
          column: 9,
          message: 'Service "train" requests GPUs 0, 3 from the nvidia driver, which gives the container their host device nodes.',
        },
        {
          messageId: 'deviceRequest',
          line: 14,
          column: 15,
          message: 'Service "train" requests 1 GPU from the nvidia driver, which gives the container their host device nodes.',
        },
        {
          messageId: 'deviceRequest',
          line: 17,
          column: 15,
          message:
            'Service "train" requests all GPUs from the driver dockerd picks for capabilities compute, utility, which gives the container their host device nodes.',
        },
        {
          messageId: 'deviceRequest',
          line: 18,
          column: 15,
          message:
            'Service "train" requests 2 devices with capabilities tpu from the driver dockerd picks for capabilities tpu, which gives the container their host device nodes.',
        },
      ],
    },
    {
      name: 'a GPU count from a variable without a value is unknown, never guessed',
      compose: yaml`
      services:
        ml:
          image: nvidia/cuda:12.4.0-base-ubuntu22.04
          deploy:
            resources:
              reservations:
                devices:
                  - capabilities: [gpu]
                    count: \${GPU_COUNT}
    `,
      errors: [
        {
          messageId: 'deviceRequestUnknown',
          line: 8,
          column: 15,
          status: 'unknown',
          message: 'A device request of service "ml" cannot be known: variable GPU_COUNT is not set.',
        },
      ],
    },
    {
      name: '--gpus in each form, at its flag; a shell variable is unknown',
      run: `docker run --gpus all --gpus 2 --gpus '"device=0,1"' --gpus driver=nvidia,count=1,capabilities=gpu --gpus "$GPUS" nvidia/cuda:12.4.0-base-ubuntu22.04`,
      errors: [
        {
          messageId: 'deviceRequest',
          line: 1,
          column: 12,
          message:
            'The docker run command requests all GPUs from the driver dockerd picks for capabilities gpu, which gives the container their host device nodes.',
        },
        { messageId: 'deviceRequest', line: 1, column: 23 },
        {
          messageId: 'deviceRequest',
          line: 1,
          column: 32,
          message:
            'The docker run command requests GPUs 0, 1 from the driver dockerd picks for capabilities gpu, which gives the container their host device nodes.',
        },
        {
          messageId: 'deviceRequest',
          line: 1,
          column: 54,
          message: 'The docker run command requests 1 GPU from the nvidia driver, which gives the container their host device nodes.',
        },
        { messageId: 'deviceRequestUnknown', line: 1, column: 100, status: 'unknown' },
      ],
    },
    {
      name: 'engine DeviceRequests: all GPUs (Count -1), by id; a cdi request (a CDI name given to --device) names CDI devices',
      engine:
        '{"Name": "/ml", "HostConfig": {"DeviceRequests": [{"Driver": "", "Count": -1, "Capabilities": [["gpu"]]}, {"Driver": "nvidia", "Count": 0, "DeviceIDs": ["GPU-3f2a"], "Capabilities": [["gpu", "utility"]]}, {"Driver": "cdi", "Count": 0, "DeviceIDs": ["nvidia.com/gpu=all"]}]}}',
      errors: [
        {
          messageId: 'deviceRequest',
          line: 1,
          column: 51,
          message: 'Container "ml" requests all GPUs from the driver dockerd picks for capabilities gpu, which gives the container their host device nodes.',
        },
        {
          messageId: 'deviceRequest',
          line: 1,
          column: 107,
          message: 'Container "ml" requests GPU GPU-3f2a from the nvidia driver, which gives the container their host device nodes.',
        },
        {
          messageId: 'cdiDevice',
          line: 1,
          column: 206,
          message: 'Container "ml" is given CDI device nvidia.com/gpu=all: the host device nodes its CDI specification names.',
        },
      ],
    },
    {
      name: 'engine DeviceCgroupRules',
      engine: '{"Name": "/web", "HostConfig": {"DeviceCgroupRules": ["c 42:* rmw", "a *:* rwm"]}}',
      errors: [{ messageId: 'cgroupAll', line: 1, column: 69 }],
    },
    {
      name: 'engine: a alone in a container that has run (its engine accepted the rule; the kernel reads it as a *:* rwm)',
      engine: '{"Name": "/dev", "State": {"Status": "running", "Running": true}, "HostConfig": {"DeviceCgroupRules": ["c 42:* rmw", "a"]}}',
      errors: [
        {
          messageId: 'cgroupAll',
          line: 1,
          column: 118,
          message:
            'Container "dev" has device cgroup rule a, which opens every device node to it, character and block, with read, write and mknod whatever follows the `a`: the host disks and /dev/mem included.',
        },
      ],
    },
    {
      name: 'engine: a alone in an exited container, which ran with its rules',
      engine: '{"Name": "/dev", "State": {"Status": "exited", "Running": false, "ExitCode": 0}, "HostConfig": {"DeviceCgroupRules": ["a"]}}',
      errors: [{ messageId: 'cgroupAll', line: 1, column: 119 }],
    },
    {
      name: 'engine: a container that never ran keeps the rules dockerd accepts, and leaves out the one it refuses',
      engine: '{"Name": "/dev", "State": {"Status": "created", "Running": false}, "HostConfig": {"DeviceCgroupRules": ["a", "b *:* r"]}}',
      errors: [{ messageId: 'cgroupBlock', line: 1, column: 110 }],
    },
  ],
});
