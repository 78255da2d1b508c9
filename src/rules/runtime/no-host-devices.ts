import { isUnknown } from '../../model/index.js';
import { runtimeRule } from '../types.js';

/** BW1021: host devices given to a container (seed §5.8 "éviter --device"; CIS 5.18). */
export const noHostDevices = runtimeRule({
  meta: {
    id: 'BW1021',
    name: 'no-host-devices',
    scope: 'runtime',
    severity: 'medium',
    title: 'Host devices are not passed to containers',
    rationale:
      'A host device node gives the container direct access to hardware or kernel interfaces (disks, /dev/mem, GPUs, USB). With write or mknod permission, a disk device is the whole host filesystem.',
    remediation:
      'Remove the device. When it is really needed, give exactly one device, read-only where possible (`/dev/snd:/dev/snd:r`), and document why; never a whole /dev.',
    references: {
      seed: '§5.8',
      cis: { version: '1.6.0', items: ['5.18'] },
      docs: ['https://docs.docker.com/reference/cli/docker/container/run/#device'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      device: '{target} is given host device {device} with permissions {permissions}.',
    },
  },
  check(c, ctx) {
    for (const d of c.devices) {
      if (isUnknown(d.value)) continue;
      ctx.report({ messageId: 'device', at: d, data: { device: d.value.pathOnHost, permissions: d.value.permissions } });
    }
  },
});
