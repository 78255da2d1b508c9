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
      name: 'device cgroup rules that open every device, block devices or /dev/mem; a narrow one, and m alone (create, not open), are not reported',
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
    `,
      errors: [
        {
          messageId: 'cgroupAll',
          line: 5,
          column: 9,
          message: 'Service "dev" has device cgroup rule a *:* rwm, which opens every device node to it, the host disks and /dev/mem included.',
        },
        { messageId: 'cgroupAll', line: 6, column: 9 },
        { messageId: 'cgroupBlock', line: 7, column: 9 },
        { messageId: 'cgroupMemory', line: 8, column: 9 },
      ],
    },
    {
      name: 'a device cgroup rule from an unset variable is unknown',
      compose: 'services:\n  dev:\n    image: nginx:1.27\n    device_cgroup_rules: ["${RULE}"]\n',
      errors: [{ messageId: 'cgroupUnknown', line: 4, column: 27, status: 'unknown' }],
    },
    { run: "docker run --device-cgroup-rule 'b *:* rwm' nginx:1.27", errors: [{ messageId: 'cgroupAll', line: 1, column: 12 }] },
    {
      name: 'engine DeviceCgroupRules',
      engine: '{"Name": "/web", "HostConfig": {"DeviceCgroupRules": ["c 42:* rmw", "a *:* rwm"]}}',
      errors: [{ messageId: 'cgroupAll', line: 1, column: 69 }],
    },
  ],
});
