import { type ContainerSpec, isUnknown, type Sourced, type Unknown } from '../../model/index.js';
import type { ParsedRun } from './argv.js';

/** A compose service as a plain object, keys in the compose-spec's names, ready for YAML output. */
export type ComposeService = Record<string, unknown>;

/** Shell `$VAR` / `${VAR}` written as compose interpolation; other run-time values as written. */
function unknownText(u: Unknown): string {
  const raw = u.raw ?? '';
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(raw);
  return m ? `\${${m[1]}}` : raw;
}

function val<T>(s: Sourced<T> | undefined): T | string | undefined {
  if (s === undefined) return undefined;
  return isUnknown(s.value) ? unknownText(s.value) : (s.value as T);
}

/** Flags with a plain compose equivalent, by long flag name: compose key, and whether the flag repeats. */
const PLAIN: Record<string, [string, boolean]> = {
  entrypoint: ['entrypoint', false],
  workdir: ['working_dir', false],
  hostname: ['hostname', false],
  domainname: ['domainname', false],
  'add-host': ['extra_hosts', true],
  dns: ['dns', true],
  'dns-search': ['dns_search', true],
  'dns-option': ['dns_opt', true],
  'env-file': ['env_file', true],
  expose: ['expose', true],
  'group-add': ['group_add', true],
  'stop-signal': ['stop_signal', false],
  platform: ['platform', false],
  runtime: ['runtime', false],
  'shm-size': ['shm_size', false],
  'cpu-shares': ['cpu_shares', false],
  'memory-reservation': ['mem_reservation', false],
  'memory-swap': ['memswap_limit', false],
  'oom-score-adj': ['oom_score_adj', false],
  'cgroup-parent': ['cgroup_parent', false],
  'mac-address': ['mac_address', false],
  'volumes-from': ['volumes_from', true],
  'device-cgroup-rule': ['device_cgroup_rules', true],
  'security-opt': ['', true],
  pull: ['pull_policy', false],
  isolation: ['isolation', false],
  'storage-opt': ['', true],
};

/** Flags already carried by other keys (`--name` is `container_name`) or that say nothing about the container. */
const CARRIED = new Set(['help', 'name']);

/** What to do instead, for client flags compose has no key for (shown in the top comment after the flag). */
const CLIENT_HINTS: Record<string, string> = {
  detach: 'use `docker compose up -d`',
  rm: '`docker compose down` removes the containers',
};

/** Top-level compose entries a service refers to: named volumes and networks, by key. */
export interface ComposeTopLevel {
  volumes: Record<string, Record<string, unknown>>;
  networks: Record<string, Record<string, unknown>>;
}

/**
 * The inverse of the run mapping: a compose service equivalent to a `docker run` line (compose-spec keys),
 * built from the ContainerSpec (every hardening-relevant field) plus the line's other options that compose
 * can express. Options compose cannot express are listed in `dropped`.
 */
export function specToComposeService(
  spec: ContainerSpec,
  run?: ParsedRun,
): { name: string; service: ComposeService; dropped: string[]; topLevel: ComposeTopLevel } {
  const s: ComposeService = {};
  const dropped: string[] = [];
  const topLevel: ComposeTopLevel = { volumes: {}, networks: {} };
  const img = spec.image;
  if (img) s.image = isUnknown(img.value) ? unknownText(img.value) : img.value.raw;
  if (spec.name && !spec.name.startsWith('run@')) s.container_name = spec.name;
  if (run && run.command.length > 0) s.command = run.command.map((w) => (w.unknown ? w.rawText : w.text));
  if (spec.user) s.user = val(spec.user);
  if (spec.privileged) s.privileged = val(spec.privileged);
  if (spec.readonlyRootfs) s.read_only = val(spec.readonlyRootfs);
  if (spec.capAdd.length) s.cap_add = spec.capAdd.map(val);
  if (spec.capDrop.length) s.cap_drop = spec.capDrop.map(val);
  const so: string[] = [];
  const nnp = spec.securityOpt.noNewPrivileges;
  if (nnp) so.push(`no-new-privileges:${val(nnp)}`);
  if (spec.securityOpt.seccomp) so.push(`seccomp=${val(spec.securityOpt.seccomp)}`);
  if (spec.securityOpt.apparmor) so.push(`apparmor=${val(spec.securityOpt.apparmor)}`);
  for (const l of spec.securityOpt.selinux) so.push(`label=${val(l)}`);
  for (const o of spec.securityOpt.other) so.push(String(val(o)));
  if (so.length) s.security_opt = so;
  const mountTmpfs = new Set(spec.mounts.filter((m) => !isUnknown(m.value) && m.value.type === 'tmpfs').map((m) => m.at.offset));
  const tmpfs = spec.tmpfs.filter((t) => !mountTmpfs.has(t.at.offset)).map(val);
  if (tmpfs.length) s.tmpfs = tmpfs;
  if (spec.mounts.length) {
    s.volumes = spec.mounts.map((m) => {
      if (isUnknown(m.value)) return unknownText(m.value);
      const v = m.value;
      // A named volume must be declared at the top level (docker run creates it on first use; compose does too, once declared).
      if (v.type === 'volume' && v.source) topLevel.volumes[v.source] = {};
      const long: Record<string, unknown> = { type: v.type };
      if (v.source !== undefined) long.source = v.source;
      long.target = v.target;
      if (v.readOnly) long.read_only = true;
      if (v.propagation || v.selinux) {
        const bind: Record<string, string> = {};
        if (v.propagation) bind.propagation = v.propagation;
        if (v.selinux) bind.selinux = v.selinux;
        long.bind = bind;
      }
      return long;
    });
  }
  if (spec.ports.length) {
    s.ports = spec.ports.map((p) => {
      if (isUnknown(p.value)) return unknownText(p.value);
      const { hostIp, hostPort, containerPort, protocol } = p.value;
      const ip = hostIp === undefined ? '' : hostIp.includes(':') ? `[${hostIp}]:` : `${hostIp}:`;
      const head = hostIp !== undefined ? `${ip}${hostPort ?? ''}:` : hostPort !== undefined ? `${hostPort}:` : '';
      return `${head}${containerPort}${protocol === 'tcp' ? '' : `/${protocol}`}`;
    });
  }
  if (spec.networkMode) s.network_mode = val(spec.networkMode);
  if (spec.networks.length) {
    // docker run only attaches to networks that already exist, hence `external: true`. A name known only at run
    // time gets a key of its own and the name as compose interpolation (keys are not interpolated).
    let n = 0;
    s.networks = spec.networks.map((x) => {
      if (!isUnknown(x.value)) {
        topLevel.networks[x.value] = { external: true };
        return x.value;
      }
      const key = `network-${++n}`;
      topLevel.networks[key] = { external: true, name: unknownText(x.value) };
      return key;
    });
  }
  if (spec.pidMode) s.pid = val(spec.pidMode);
  if (spec.ipcMode) s.ipc = val(spec.ipcMode);
  if (spec.utsMode) s.uts = val(spec.utsMode);
  if (spec.usernsMode) s.userns_mode = val(spec.usernsMode);
  if (spec.cgroupnsMode) s.cgroup = val(spec.cgroupnsMode);
  if (spec.devices.length)
    s.devices = spec.devices.map((d) =>
      isUnknown(d.value) ? unknownText(d.value) : `${d.value.pathOnHost}:${d.value.pathInContainer}:${d.value.permissions}`,
    );
  if (spec.sysctls.length) {
    const m: Record<string, string> = {};
    for (const x of spec.sysctls) if (!isUnknown(x.value)) m[x.value[0]] = x.value[1];
    s.sysctls = m;
  }
  const lim = spec.limits;
  if (lim.nanoCpus) s.cpus = isUnknown(lim.nanoCpus.value) ? unknownText(lim.nanoCpus.value) : String(lim.nanoCpus.value / 1e9);
  if (lim.memoryBytes) s.mem_limit = isUnknown(lim.memoryBytes.value) ? unknownText(lim.memoryBytes.value) : `${lim.memoryBytes.value}b`;
  if (lim.pidsLimit) s.pids_limit = val(lim.pidsLimit);
  if (lim.ulimits.length) {
    const u: Record<string, unknown> = {};
    for (const x of lim.ulimits)
      if (!isUnknown(x.value)) u[x.value.name] = x.value.soft === x.value.hard ? x.value.soft : { soft: x.value.soft, hard: x.value.hard };
    s.ulimits = u;
  }
  const hc = spec.healthcheck;
  if (hc) {
    if (isUnknown(hc.value)) s.healthcheck = { test: unknownText(hc.value) };
    else if (hc.value === 'disabled') s.healthcheck = { disable: true };
    else {
      const h: Record<string, unknown> = {};
      if (hc.value.test.length) h.test = hc.value.test;
      if (hc.value.intervalSeconds !== undefined) h.interval = `${hc.value.intervalSeconds}s`;
      if (hc.value.timeoutSeconds !== undefined) h.timeout = `${hc.value.timeoutSeconds}s`;
      if (hc.value.startPeriodSeconds !== undefined) h.start_period = `${hc.value.startPeriodSeconds}s`;
      if (hc.value.retries !== undefined) h.retries = hc.value.retries;
      s.healthcheck = h;
    }
  }
  const r = spec.restart;
  if (r) s.restart = isUnknown(r.value) ? unknownText(r.value) : r.value.maximumRetryCount ? `${r.value.name}:${r.value.maximumRetryCount}` : r.value.name;
  if (spec.env.length) {
    const env: Record<string, string | null> = {};
    for (const e of spec.env) {
      if (isUnknown(e.value)) continue;
      env[e.value.name] = e.value.unknownValue ? unknownText(e.value.unknownValue) : (e.value.value ?? null);
    }
    s.environment = env;
  }
  const lg = spec.logging;
  if (lg) {
    if (isUnknown(lg.value)) s.logging = { driver: unknownText(lg.value) };
    else {
      const l: Record<string, unknown> = {};
      if (lg.value.driver) l.driver = lg.value.driver;
      if (Object.keys(lg.value.options).length) l.options = lg.value.options;
      s.logging = l;
    }
  }
  if (run) {
    for (const o of run.options) {
      const name = o.flag.aliasOf ?? o.flag.name;
      const value = o.unknown ? o.rawValue : o.value;
      if (name === 'interactive' && o.value === 'true') s.stdin_open = true;
      else if (name === 'tty' && o.value === 'true') s.tty = true;
      else if (name === 'init' && o.value === 'true') s.init = true;
      else if (name === 'oom-kill-disable' && o.value === 'true') s.oom_kill_disable = true;
      else if (name === 'stop-timeout') s.stop_grace_period = `${value}s`;
      else if (name === 'label' || name === 'annotation') {
        const key = name === 'label' ? 'labels' : 'annotations';
        const eq = value.indexOf('=');
        const m = (s[key] as Record<string, string>) ?? {};
        m[eq === -1 ? value : value.slice(0, eq)] = eq === -1 ? '' : value.slice(eq + 1);
        s[key] = m;
      } else if (name === 'network-alias') {
        dropped.push(`${o.written} ${value} (set aliases under networks.<name>.aliases)`);
      } else if (PLAIN[name] !== undefined) {
        const [key, many] = PLAIN[name] as [string, boolean];
        if (key === '') continue;
        if (many) s[key] = [...((s[key] as string[]) ?? []), value];
        else s[key] = value;
      } else if (CLIENT_HINTS[name] !== undefined) dropped.push(`${o.written} (${CLIENT_HINTS[name]})`);
      else if (!isModelled(name) && !CARRIED.has(name)) dropped.push(`${o.written}${o.flag.kind === 'bool' ? '' : ` ${value}`}`);
    }
  }
  const name = spec.name.startsWith('run@') ? 'app' : spec.name;
  return { name, service: s, dropped, topLevel };
}

/** Flags whose meaning is already in the ContainerSpec. */
function isModelled(flag: string): boolean {
  return [
    'privileged',
    'read-only',
    'cap-add',
    'cap-drop',
    'tmpfs',
    'volume',
    'mount',
    'use-api-socket',
    'publish',
    'network',
    'pid',
    'ipc',
    'uts',
    'userns',
    'cgroupns',
    'device',
    'sysctl',
    'memory',
    'cpus',
    'pids-limit',
    'ulimit',
    'user',
    'env',
    'health-cmd',
    'health-interval',
    'health-timeout',
    'health-start-period',
    'health-retries',
    'no-healthcheck',
    'restart',
    'log-driver',
    'log-opt',
    'interactive',
    'tty',
    'init',
    'oom-kill-disable',
  ].includes(flag);
}
