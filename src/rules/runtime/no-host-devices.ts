import {
  type DeviceCgroupRule,
  type DeviceRequest,
  deviceCgroupRisk,
  deviceNumber,
  isUnknown,
  numberIs,
  parseAcceptedDeviceCgroupRule,
} from '../../model/index.js';
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
      "A host device node gives the container direct access to hardware or kernel interfaces (disks, /dev/mem, GPUs, USB). With write or mknod permission, a disk device is the whole host filesystem. A device cgroup rule (`device_cgroup_rules`, `--device-cgroup-rule`) grants the same access by number: with the MKNOD capability Docker keeps by default, the container can create the device node itself. A GPU request (`gpus`, `deploy.resources.reservations.devices`, `--gpus`) has the driver give the container the GPUs' device nodes, their control nodes and the driver's libraries: GPU drivers are large kernel interfaces with a history of privilege escalations, and a GPU's memory may hold other workloads' data.",
    remediation:
      'Remove the device. When it is really needed, give exactly one device, read-only where possible (`/dev/snd:/dev/snd:r`), and document why; never a whole /dev. A device cgroup rule names one device class (`c 42:* rmw`), never all devices (`a *:* rwm`, `c *:* rw`), block devices (`b 8:* r`), or /dev/mem (`c 1:1 r`). A GPU workload needs its GPUs: request only the ones it uses, by id (`device_ids: ["0"]`, `--gpus \'"device=0"\'`) rather than `all`, and keep the rest of the hardening (a non-root user, `cap_drop: [ALL]`, no-new-privileges, a read-only root filesystem).',
    references: {
      seed: '§5.8',
      cis: { version: '1.6.0', items: ['5.18'] },
      docs: ['https://docs.docker.com/reference/cli/docker/container/run/#device'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      device: '{target} is given host device {device} with permissions {permissions}.',
      cdiDevice: '{target} is given CDI device {device}: the host device nodes its CDI specification names.',
      cgroupAll:
        '{target} has device cgroup rule {rule}, which opens every device node to it, character and block, with read, write and mknod whatever follows the `a`: the host disks and /dev/mem included.',
      cgroupCharacter: '{target} has device cgroup rule {rule}, which opens character devices of every major number to it ({minors}){included}.',
      cgroupBlock: '{target} has device cgroup rule {rule}, which opens block devices to it ({devices}): the host disks, under their filesystems.',
      cgroupMemory: '{target} has device cgroup rule {rule}, which opens memory devices to it ({devices}): {what}.',
      cgroupUnknown: 'The device cgroup rules of {target} cannot be known: {reason}.',
      deviceRequest: '{target} requests {what} from {driver}, which gives the container their host device nodes.',
      deviceRequestUnknown: 'A device request of {target} cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    for (const r of c.deviceRequests ?? []) {
      if (isUnknown(r.value)) {
        ctx.report({ messageId: 'deviceRequestUnknown', at: r, status: 'unknown', data: { reason: r.value.reason } });
        continue;
      }
      const req = r.value;
      // A CDI request (what the Docker CLI and compose make of a CDI name in `devices`) names its devices.
      if (req.driver === 'cdi') for (const id of req.deviceIds) ctx.report({ messageId: 'cdiDevice', at: r, data: { device: id } });
      else if (req.count !== 0 || req.deviceIds.length > 0)
        ctx.report({ messageId: 'deviceRequest', at: r, data: { what: requested(req), driver: driverOf(req) } });
    }
    for (const r of c.deviceCgroupRules ?? []) {
      if (isUnknown(r.value)) {
        ctx.report({ messageId: 'cgroupUnknown', at: r, status: 'unknown', data: { reason: r.value.reason } });
        continue;
      }
      // The sources keep only rules the engine accepts (a live container's once it has run, `a` alone included).
      const rule = parseAcceptedDeviceCgroupRule(r.value);
      const risk = rule ? deviceCgroupRisk(rule) : undefined;
      if (rule === undefined || risk === undefined) continue;
      if (risk === 'all') ctx.report({ messageId: 'cgroupAll', at: r, data: { rule: r.value } });
      else if (risk === 'character') ctx.report({ messageId: 'cgroupCharacter', at: r, data: { rule: r.value, ...characterDevices(rule) } });
      else if (risk === 'block') ctx.report({ messageId: 'cgroupBlock', at: r, data: { rule: r.value, ...blockDevices(rule) } });
      else ctx.report({ messageId: 'cgroupMemory', at: r, data: { rule: r.value, ...memoryDevices(rule) } });
    }
    for (const d of c.devices) {
      if (isUnknown(d.value)) continue;
      // A CDI name (`nvidia.com/gpu=all`, Docker 25+) is resolved by dockerd through the CDI specifications on the
      // host, not a path: permissions do not apply to it.
      if (CDI_NAME.test(d.value.pathOnHost)) ctx.report({ messageId: 'cdiDevice', at: d, data: { device: d.value.pathOnHost } });
      else ctx.report({ messageId: 'device', at: d, data: { device: d.value.pathOnHost, permissions: d.value.permissions } });
    }
  },
});

/** The memory devices (major 1) by minor: name, and what it gives. */
const MEMORY_DEVICES: [number, string, string][] = [
  [1, '/dev/mem', 'the host physical memory'],
  [2, '/dev/kmem', 'the kernel memory'],
  [4, '/dev/port', 'the host I/O ports'],
];

/** A `c` rule of any major number (`c *:*`, `c *:1`): which minors, and the memory devices among them (never a disk). */
function characterDevices(rule: DeviceCgroupRule): { minors: string; included: string } {
  if (rule.minor === '*')
    return { minors: 'every minor', included: ', /dev/mem, /dev/kmem and /dev/port included: the host memory and I/O ports, not the disks' };
  const minor = deviceNumber(rule.minor);
  const memory = MEMORY_DEVICES.find(([n]) => numberIs(rule.minor, n));
  return { minors: `minor ${minor}`, included: memory ? `, ${memory[1]} (1:${minor}) included: ${memory[2]}` : '' };
}

/** A `b` rule: which block devices (`every one`, `major 8`, `minor 0 of every major number`, `8:1`). */
function blockDevices(rule: DeviceCgroupRule): { devices: string } {
  const [major, minor] = [deviceNumber(rule.major), deviceNumber(rule.minor)];
  if (major === '*') return { devices: minor === '*' ? 'every one' : `minor ${minor} of every major number` };
  return { devices: minor === '*' ? `major ${major}` : `${major}:${minor}` };
}

/** A `c 1:…` rule that opens memory: which of /dev/mem, /dev/kmem, /dev/port, and what they give. */
function memoryDevices(rule: DeviceCgroupRule): { devices: string; what: string } {
  const memory = MEMORY_DEVICES.find(([n]) => numberIs(rule.minor, n));
  if (memory) return { devices: memory[1], what: memory[2] };
  return { devices: 'every minor of major 1: /dev/mem, /dev/kmem and /dev/port', what: 'the host memory and I/O ports' };
}

/**
 * The capabilities dockerd registers its NVIDIA driver for (moby `daemon/nvidia_linux.go`): `gpu`, `nvidia`, and the
 * NVIDIA driver capabilities. A request for one of them with no driver named is served by that driver: GPUs.
 */
const NVIDIA_CAPABILITIES = new Set(['gpu', 'nvidia', 'compute', 'compat32', 'graphics', 'utility', 'video', 'display']);

/** The capabilities of a request, once each, in order (`gpu, compute`). */
const capabilitiesOf = (r: DeviceRequest) => [...new Set(r.capabilities.flat())].join(', ');

/** What a request asks for: `all GPUs`, `2 GPUs`, `GPUs 0, 1`; `devices with capabilities tpu` when no GPU is asked for. */
function requested(r: DeviceRequest): string {
  const gpu = r.driver === 'nvidia' || r.capabilities.some((set) => set.some((c) => NVIDIA_CAPABILITIES.has(c)));
  const noun = (many: boolean) => (gpu ? (many ? 'GPUs' : 'GPU') : many ? 'devices' : 'device');
  const caps = gpu || r.capabilities.flat().length === 0 ? '' : ` with capabilities ${capabilitiesOf(r)}`;
  if (r.deviceIds.length > 0) return `${noun(r.deviceIds.length > 1)} ${r.deviceIds.join(', ')}${caps}`;
  if (r.count === 'all') return `all ${noun(true)}${caps}`;
  return `${r.count} ${noun(r.count !== 1)}${caps}`;
}

/** The driver a request names, or, when it names none, the one dockerd picks for its capabilities. */
function driverOf(r: DeviceRequest): string {
  if (r.driver !== '') return `the ${r.driver} driver`;
  const caps = capabilitiesOf(r);
  return caps === '' ? 'the driver dockerd picks' : `the driver dockerd picks for capabilities ${caps}`;
}

/**
 * A fully qualified CDI device name, `vendor/class=name` (Container Device Interface spec, `parser.go`
 * `IsQualifiedName`): a vendor domain, a class, and a device name (or `all`).
 */
const CDI_NAME = /^[a-zA-Z0-9][a-zA-Z0-9.-]*\/[a-zA-Z0-9][a-zA-Z0-9_.-]*=[a-zA-Z0-9][a-zA-Z0-9_.:-]*$/;
