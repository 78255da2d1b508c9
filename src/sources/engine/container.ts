import {
  type CommandLine,
  type ContainerSpec,
  cfsQuotaNanoCpus,
  type DeviceRequest,
  emptyContainerSpec,
  type Healthcheck,
  type ImageRef,
  type LiveContainerSpec,
  type LiveImage,
  type LiveState,
  type Mount,
  normalizeCapability,
  parseDeviceCgroupRule,
  parseImageRef,
  parseSecurityOpt,
  type Sourced,
  unknown,
} from '../../model/index.js';
import type { ContainerInspect, ImageInspect } from './inspect-types.js';
import { type JsonLocator, type JsonPath, jsonLocation } from './json-path.js';

/** What the mapper may know besides the container's own inspect answer. */
export interface ContainerContext {
  /** Inspect answer of the container's image (`Image` id), when read. */
  image?: ImageInspect;
  /** Whether icc is on for the default `bridge` network, when the network was inspected. */
  defaultBridgeIcc?: boolean;
  /** ISO 8601 time of the audit (injected: rules have no clock). */
  auditedAt: string;
  /** Positions in the JSON text, for fixtures; absent for live answers. */
  locate?: JsonLocator;
}

const NS_PER_SECOND = 1e9;
const NOT_A_RETRY_COUNT = 'HostConfig.RestartPolicy.MaximumRetryCount is not a retry count an engine writes (an integer from 0 to 9223372036854775807)';
const IMAGE_ID = /^(?:sha256:)?[0-9a-f]{12,64}$/;

/**
 * Maps a container inspect answer (`GET /containers/{id}/json`, Engine API 1.41) to a ContainerSpec with
 * origin `engine` plus the live facts. Every value is located as `container:NAME` with its JSON path
 * (`HostConfig.CapAdd[1]`). The engine stores the image's `User`, `Env` and `Healthcheck` merged into
 * `Config` at create time, so an empty `Config.User` means the process runs as root, and the image is
 * recorded as known (`imageDefaults`) rather than left to decide. Never throws on missing fields.
 */
export function containerToSpec(j: ContainerInspect, ctx: ContainerContext): LiveContainerSpec {
  const name = (j.Name ?? j.Id ?? 'unnamed').replace(/^\//, '');
  const source = `container:${name}`;
  const at = (...path: JsonPath) => jsonLocation(source, path, ctx.locate);
  const s = <T>(value: T, ...path: JsonPath): Sourced<T> => ({ value, at: at(...path) });
  const spec = emptyContainerSpec(name, 'engine', at('Name')) as ContainerSpec;
  const hc = j.HostConfig ?? {};
  const cfg = j.Config ?? {};

  const imageText = cfg.Image;
  if (imageText && !IMAGE_ID.test(imageText)) {
    // A container created from an image id (`docker run sha256:…`) runs content-addressed bytes: no tag to judge.
    try {
      spec.image = s(parseImageRef(imageText) as ImageRef, 'Config', 'Image');
    } catch {
      /* an engine accepted it, so it is a reference form Bulwark does not model; leave it out */
    }
  }
  if (cfg.User) spec.user = s(cfg.User, 'Config', 'User');
  spec.imageDefaults = {};
  if (hc.Privileged !== undefined) spec.privileged = s(hc.Privileged, 'HostConfig', 'Privileged');
  (hc.CapAdd ?? []).forEach((c, i) => {
    spec.capAdd.push(s(normalizeCapability(c), 'HostConfig', 'CapAdd', i));
  });
  (hc.CapDrop ?? []).forEach((c, i) => {
    spec.capDrop.push(s(normalizeCapability(c), 'HostConfig', 'CapDrop', i));
  });
  // The engine adds `label=disable` by itself to containers with host PID or IPC or --privileged (moby
  // `generateSecurityOpt`); that consequence is left out so the cause is reported once, by its own rule, as it is
  // for the same settings in compose or a run line.
  const implicitLabel = hc.Privileged === true || hc.PidMode === 'host' || hc.IpcMode === 'host';
  (hc.SecurityOpt ?? []).forEach((o, i) => {
    if (implicitLabel && (o === 'label=disable' || o === 'label:disable')) return;
    parseSecurityOpt(o, at('HostConfig', 'SecurityOpt', i), spec.securityOpt);
  });
  // The profile the engine applied: `unconfined` also when set by the daemon or by --privileged.
  if (spec.securityOpt.apparmor === undefined && j.AppArmorProfile === 'unconfined') spec.securityOpt.apparmor = s('unconfined', 'AppArmorProfile');
  if (hc.ReadonlyRootfs !== undefined) spec.readonlyRootfs = s(hc.ReadonlyRootfs, 'HostConfig', 'ReadonlyRootfs');
  for (const target of Object.keys(hc.Tmpfs ?? {})) spec.tmpfs.push(s(target, 'HostConfig', 'Tmpfs', target));

  (j.Mounts ?? []).forEach((m, i) => {
    const type = (['bind', 'volume', 'tmpfs', 'npipe', 'cluster', 'image'] as const).find((t) => t === m.Type) ?? 'volume';
    const mount: Mount = { type, target: m.Destination ?? '', readOnly: m.RW === false };
    const src = type === 'volume' ? m.Name : m.Source;
    if (src) mount.source = src;
    if (m.Propagation) mount.propagation = m.Propagation;
    const z = (m.Mode ?? '').split(',').find((o) => o === 'z' || o === 'Z');
    // Docker reports `z` as the mode of every local volume; relabelling only means something for binds.
    if (z && type === 'bind') mount.selinux = z as 'z' | 'Z';
    spec.mounts.push(s(mount, 'Mounts', i));
  });

  for (const [key, list] of Object.entries(hc.PortBindings ?? {})) {
    const [containerPort = key, proto = 'tcp'] = key.split('/');
    const protocol = proto === 'udp' || proto === 'sctp' ? proto : 'tcp';
    (list ?? []).forEach((b, i) => {
      const binding: { containerPort: string; protocol: typeof protocol; hostIp?: string; hostPort?: string } = { containerPort, protocol };
      if (b.HostIp) binding.hostIp = b.HostIp;
      else {
        // No address written: dockerd binds its default address (`--ip`, 0.0.0.0 unless set). What it really
        // bound is in NetworkSettings.Ports while the container runs; a daemon set to `"ip": "127.0.0.1"`
        // publishes on loopback only, which is not "all interfaces".
        const bound = effectiveAddresses(j.NetworkSettings?.Ports?.[key], b.HostPort);
        if (bound.length > 0 && bound.every((a) => a !== '0.0.0.0' && a !== '::')) binding.hostIp = bound[0] as string;
      }
      if (b.HostPort) binding.hostPort = b.HostPort;
      spec.ports.push(s(binding, 'HostConfig', 'PortBindings', key, i));
    });
  }
  if (hc.PublishAllPorts === true) {
    // `-P`: every exposed port not bound explicitly is published on an ephemeral port of every interface.
    for (const key of Object.keys(cfg.ExposedPorts ?? {})) {
      if (hc.PortBindings?.[key]) continue;
      const [containerPort = key, proto = 'tcp'] = key.split('/');
      spec.ports.push(s({ containerPort, protocol: proto === 'udp' || proto === 'sctp' ? proto : 'tcp' }, 'HostConfig', 'PublishAllPorts'));
    }
  }

  if (hc.NetworkMode) spec.networkMode = s(hc.NetworkMode, 'HostConfig', 'NetworkMode');
  const attached = Object.keys(j.NetworkSettings?.Networks ?? {}).map((n) => s(n, 'NetworkSettings', 'Networks', n));
  spec.networks.push(...attached);
  if (hc.PidMode) spec.pidMode = s(hc.PidMode, 'HostConfig', 'PidMode');
  if (hc.IpcMode) spec.ipcMode = s(hc.IpcMode, 'HostConfig', 'IpcMode');
  if (hc.UTSMode) spec.utsMode = s(hc.UTSMode, 'HostConfig', 'UTSMode');
  if (hc.UsernsMode) spec.usernsMode = s(hc.UsernsMode, 'HostConfig', 'UsernsMode');
  if (hc.CgroupnsMode) spec.cgroupnsMode = s(hc.CgroupnsMode, 'HostConfig', 'CgroupnsMode');
  // dockerd checks device cgroup rules when it starts a container, not at create (parseDeviceCgroupRule): a rule it
  // refuses (`a` alone, on dockerd 20.10 and in moby at ff14d7e) is held by a container that stays `created` and never
  // runs, so it opens nothing, and is left out. Once a container has run, its engine accepted every rule it holds, so
  // all are kept: `a` alone then opens every device (parseAcceptedDeviceCgroupRule).
  const started = hasRun(j.State);
  (hc.DeviceCgroupRules ?? []).forEach((rule, i) => {
    if (!started && parseDeviceCgroupRule(rule) === undefined) return;
    (spec.deviceCgroupRules ??= []).push(s(rule, 'HostConfig', 'DeviceCgroupRules', i));
  });
  (hc.Devices ?? []).forEach((d, i) => {
    const device = { pathOnHost: d.PathOnHost ?? '', pathInContainer: d.PathInContainer ?? d.PathOnHost ?? '', permissions: d.CgroupPermissions || 'rwm' };
    spec.devices.push(s(device, 'HostConfig', 'Devices', i));
  });
  (hc.DeviceRequests ?? []).forEach((d, i) => {
    // The Docker CLI turns a CDI name given to `--device` into a request of driver `cdi` whose DeviceIDs are the names.
    const count = typeof d.Count === 'number' && d.Count < 0 ? 'all' : (d.Count ?? 0);
    const request: DeviceRequest = { driver: d.Driver ?? '', count, deviceIds: d.DeviceIDs ?? [], capabilities: d.Capabilities ?? [] };
    (spec.deviceRequests ??= []).push(s(request, 'HostConfig', 'DeviceRequests', i));
  });
  for (const [k, v] of Object.entries(hc.Sysctls ?? {})) spec.sysctls.push(s([k, v] as [string, string], 'HostConfig', 'Sysctls', k));

  // 0 (or null) means "no limit set" for Memory, NanoCpus, CpuQuota and PidsLimit: left absent, as in compose.
  if (typeof hc.Memory === 'number' && hc.Memory > 0) spec.limits.memoryBytes = s(hc.Memory, 'HostConfig', 'Memory');
  if (typeof hc.NanoCpus === 'number' && hc.NanoCpus > 0) spec.limits.nanoCpus = s(hc.NanoCpus, 'HostConfig', 'NanoCpus');
  else if (typeof hc.CpuQuota === 'number' && hc.CpuQuota > 0) {
    // --cpu-quota over --cpu-period (default 100 ms) gives the CPU share; expressed in nano-CPUs.
    spec.limits.nanoCpus = s(cfsQuotaNanoCpus(hc.CpuQuota, hc.CpuPeriod) as number, 'HostConfig', 'CpuQuota');
  }
  if (typeof hc.PidsLimit === 'number' && hc.PidsLimit !== 0) spec.limits.pidsLimit = s(hc.PidsLimit, 'HostConfig', 'PidsLimit');
  (hc.Ulimits ?? []).forEach((u, i) => {
    spec.limits.ulimits.push(s({ name: u.Name ?? '', soft: u.Soft ?? -1, hard: u.Hard ?? -1 }, 'HostConfig', 'Ulimits', i));
  });

  if (hc.AutoRemove === true) spec.autoRemove = s(true, 'HostConfig', 'AutoRemove');
  const rp = hc.RestartPolicy;
  if (rp) {
    const policy: { name: string; maximumRetryCount?: number } = { name: rp.Name || 'no' };
    const count: unknown = policy.name === 'on-failure' ? rp.MaximumRetryCount : undefined;
    // The engine writes a Go int: a JSON integer within int64 (whose largest is 2^63 once read as a double), never
    // negative with on-failure (dockerd refuses that). Another value (a saved answer edited by hand) is no count.
    if (typeof count === 'number' && Number.isInteger(count) && count > 0 && count <= 2 ** 63) policy.maximumRetryCount = count;
    spec.restart =
      count && policy.maximumRetryCount === undefined
        ? { value: unknown(NOT_A_RETRY_COUNT), at: at('HostConfig', 'RestartPolicy', 'MaximumRetryCount') }
        : s(policy, 'HostConfig', 'RestartPolicy');
  }
  const lc = hc.LogConfig;
  if (lc) {
    const logging: { driver?: string; options: Record<string, string> } = { options: { ...(lc.Config ?? {}) } };
    if (lc.Type) logging.driver = lc.Type;
    spec.logging = s(logging, 'HostConfig', 'LogConfig');
  }

  (cfg.Env ?? []).forEach((e, i) => {
    const eq = e.indexOf('=');
    spec.env.push(s(eq === -1 ? { name: e } : { name: e.slice(0, eq), value: e.slice(eq + 1) }, 'Config', 'Env', i));
  });
  const h = cfg.Healthcheck;
  if (h?.Test && h.Test.length > 0) {
    const health = healthcheckOf(h);
    // `["CMD-SHELL", "…"]` is the shell form, `["CMD", …]` the exec form: the arguments after the first element.
    const form = h.Test[0] === 'CMD-SHELL' ? 'shell' : h.Test[0] === 'CMD' ? 'exec' : undefined;
    if (health !== 'disabled' && form !== undefined) {
      const args = h.Test.slice(1).map((a, i) => s({ value: a }, 'Config', 'Healthcheck', 'Test', i + 1));
      spec.healthcheckTest = s({ form, args }, 'Config', 'Healthcheck', 'Test');
    }
    spec.healthcheck = s(health, 'Config', 'Healthcheck');
  }
  // Config.Cmd and Config.Entrypoint (Engine API ContainerConfig, strslice: an array, or a string the Engine takes as
  // an array of one), as the container runs them: the image's when the create request set none.
  const run = cfg as typeof cfg & { Cmd?: string[] | string | null; Entrypoint?: string[] | string | null };
  const commandOf = (field: 'Cmd' | 'Entrypoint'): Sourced<CommandLine> | undefined => {
    const v = run[field];
    if (v === undefined || v === null) return undefined;
    const list = typeof v === 'string' ? [v] : v;
    const args = list.map((a, i) => (typeof v === 'string' ? s({ value: a }, 'Config', field) : s({ value: a }, 'Config', field, i)));
    return s({ form: 'exec', args }, 'Config', field);
  };
  const command = commandOf('Cmd');
  if (command) spec.command = command;
  const entrypoint = commandOf('Entrypoint');
  if (entrypoint) spec.entrypoint = entrypoint;
  // Config.Labels: the image's labels merged with the container's own.
  for (const [name, value] of Object.entries(cfg.Labels ?? {})) (spec.labels ??= []).push(s({ name, value: String(value) }, 'Config', 'Labels', name));

  const st = j.State ?? {};
  const state: LiveState = {
    status: st.Status ?? 'unknown',
    running: st.Running === true,
    restarting: st.Restarting === true,
    oomKilled: st.OOMKilled === true,
  };
  if (typeof st.ExitCode === 'number') state.exitCode = st.ExitCode;
  if (st.Health?.Status) {
    const hs = st.Health.Status;
    state.health = {
      status: hs === 'healthy' || hs === 'unhealthy' || hs === 'starting' ? hs : 'none',
      failingStreak: st.Health.FailingStreak ?? 0,
    };
  }
  const live: LiveContainerSpec['live'] = {
    id: j.Id ?? name,
    state: s(state, 'State'),
    restartCount: s(j.RestartCount ?? 0, 'RestartCount'),
    attachedNetworks: attached,
    auditedAt: ctx.auditedAt,
  };
  if (ctx.defaultBridgeIcc !== undefined) live.defaultBridgeIcc = ctx.defaultBridgeIcc;
  if (ctx.image) live.image = liveImage(ctx.image, j.Image ?? '', source, ctx.locate);
  return Object.assign(spec, { live });
}

/**
 * Whether the engine has started the container with its settings: it runs, is paused or restarting, or has exited. A
 * container whose start dockerd refused stays `created` (State.Status, with the reason in State.Error); a missing
 * State says nothing, so it is read as not started.
 */
function hasRun(st: ContainerInspect['State']): boolean {
  return st?.Running === true || ['running', 'paused', 'restarting', 'exited'].includes(st?.Status ?? '');
}

/** Host addresses the engine bound for one container port (and host port, when one was asked for). */
function effectiveAddresses(list: readonly { HostIp?: string; HostPort?: string }[] | null | undefined, hostPort: string | undefined): string[] {
  return (list ?? []).filter((p) => !hostPort || p.HostPort === hostPort).map((p) => p.HostIp ?? '');
}

/** Maps an Engine `Healthcheck` (durations in nanoseconds) to the model's (seconds); `["NONE"]` is `disabled`. */
export function healthcheckOf(h: {
  Test?: string[] | null;
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  Retries?: number;
}): Healthcheck | 'disabled' {
  const test = h.Test ?? [];
  if (test[0] === 'NONE') return 'disabled';
  const out: Healthcheck = { test };
  if (h.Interval) out.intervalSeconds = h.Interval / NS_PER_SECOND;
  if (h.Timeout) out.timeoutSeconds = h.Timeout / NS_PER_SECOND;
  if (h.StartPeriod) out.startPeriodSeconds = h.StartPeriod / NS_PER_SECOND;
  if (h.Retries) out.retries = h.Retries;
  return out;
}

function liveImage(img: ImageInspect, imageId: string, source: string, locate?: JsonLocator): LiveImage {
  const out: LiveImage = { id: img.Id ?? imageId, repoTags: img.RepoTags ?? [], repoDigests: img.RepoDigests ?? [] };
  // The image's creation time is located on the container's `Image` field: that is what names the image here.
  if (img.Created) out.created = { value: img.Created, at: jsonLocation(source, ['Image'], locate) };
  return out;
}
