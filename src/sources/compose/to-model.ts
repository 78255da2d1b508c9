import {
  type ContainerSpec,
  type DeviceMapping,
  type Diagnostic,
  emptyContainerSpec,
  type Healthcheck,
  type ImageRef,
  type LogConfig,
  type Mount,
  normalizeCapability,
  type PortBinding,
  parseBytes,
  parseCpus,
  parseDuration,
  parseImageRef,
  parsePortSpec,
  parseSecurityOpt,
  parseVolumeSpec,
  quoteValue,
  type RestartPolicy,
  type Sourced,
  type Unknown,
  unknown,
  type ValuePiece,
} from '../../model/index.js';

import { toNameMap } from './merge.js';
import type { ComposeService } from './project.js';
import { get, type LMap, type LNode, type LScalar, locate } from './tree.js';

/**
 * Maps one merged compose service to a ContainerSpec (compose-spec "Services top-level elements"), keeping
 * every value's location and logical path (`services.api.cap_add[1]`). Values compose would refuse
 * become `invalid-value` diagnostics and are left out of the model; their messages quote values through
 * `quoteValue`, so a value from the environment shows as its variable (`"${DB_PASSWORD}"`), never as its text.
 */
export function serviceToSpec(svc: ComposeService, diagnostics: Diagnostic[]): ContainerSpec {
  const base = `services.${svc.name}`;
  const n = svc.node;
  const spec = emptyContainerSpec(svc.name, 'compose', locate(svc.key, base));
  const p = (k: string) => `${base}.${k}`;
  const bad: Bad = (node, path, message) =>
    diagnostics.push({ code: 'invalid-value', severity: 'error', message: `service "${svc.name}": ${message}`, at: locate(node, path) });
  const warn: Bad = (node, path, message) =>
    diagnostics.push({ code: 'invalid-value', severity: 'warning', message: `service "${svc.name}": ${message}`, at: locate(node, path) });
  const r: Report = { bad, warn };

  const image = get(n, 'image');
  if (image) {
    const s = scalarText(image);
    if (s !== undefined) {
      if (typeof s !== 'string') spec.image = { value: s, at: locate(image, p('image')) };
      else {
        try {
          spec.image = { value: parseImageRef(s, piecesOf(image)) as ImageRef, at: locate(image, p('image')) };
        } catch (e) {
          bad(image, p('image'), (e as Error).message);
        }
      }
    }
  }
  const user = get(n, 'user');
  if (user) setText(user, p('user'), (v) => (spec.user = v));
  setBool(get(n, 'privileged'), p('privileged'), (v) => (spec.privileged = v), r);
  setBool(get(n, 'read_only'), p('read_only'), (v) => (spec.readonlyRootfs = v), r);

  forEachItem(get(n, 'cap_add'), p('cap_add'), (item, path) => {
    const t = scalarText(item);
    if (t !== undefined) spec.capAdd.push({ value: typeof t === 'string' ? normalizeCapability(t) : t, at: locate(item, path) });
  });
  forEachItem(get(n, 'cap_drop'), p('cap_drop'), (item, path) => {
    const t = scalarText(item);
    if (t !== undefined) spec.capDrop.push({ value: typeof t === 'string' ? normalizeCapability(t) : t, at: locate(item, path) });
  });
  forEachItem(get(n, 'security_opt'), p('security_opt'), (item, path) => {
    const t = scalarText(item);
    if (t === undefined) return;
    const at = locate(item, path);
    if (typeof t === 'string') parseSecurityOpt(t, at, spec.securityOpt);
    else if (item.kind === 'scalar' && typeof item.value === 'string') parseSecurityOpt(item.value, at, spec.securityOpt, t);
    else spec.securityOpt.other.push({ value: t, at });
  });

  const tmpfs = get(n, 'tmpfs');
  if (tmpfs?.kind === 'scalar') pushTmpfs(tmpfs, p('tmpfs'), spec);
  else forEachItem(tmpfs, p('tmpfs'), (item, path) => pushTmpfs(item, path, spec));

  forEachItem(get(n, 'volumes'), p('volumes'), (item, path) => {
    const m = volumeOf(item, path, r);
    if (m === undefined) return;
    if (typeof m === 'string') return bad(item, path, m);
    const at = locate(item, path);
    spec.mounts.push({ value: m, at });
    if (!('kind' in m) && m.type === 'tmpfs') spec.tmpfs.push({ value: m.target, at });
  });

  forEachItem(get(n, 'ports'), p('ports'), (item, path) => {
    const r = portsOf(item);
    if (typeof r === 'string') return bad(item, path, r);
    for (const b of r) spec.ports.push({ value: b, at: locate(item, path) });
  });

  const nm = get(n, 'network_mode');
  if (nm) setText(nm, p('network_mode'), (v) => (spec.networkMode = v));
  const networks = get(n, 'networks');
  if (networks?.kind === 'seq') forEachItem(networks, p('networks'), (item, path) => setText(item, path, (v) => spec.networks.push(v)));
  else if (networks?.kind === 'map')
    for (const [name, pair] of networks.entries) spec.networks.push({ value: name, at: locate(pair.key, `${p('networks')}.${name}`) });

  for (const [key, field] of [
    ['pid', 'pidMode'],
    ['ipc', 'ipcMode'],
    ['uts', 'utsMode'],
    ['userns_mode', 'usernsMode'],
    ['cgroup', 'cgroupnsMode'],
  ] as const) {
    const v = get(n, key);
    if (v) setText(v, p(key), (s) => (spec[field] = s));
  }

  forEachItem(get(n, 'devices'), p('devices'), (item, path) => {
    const d = deviceOf(item);
    if (d !== undefined) spec.devices.push({ value: d, at: locate(item, path) });
  });

  const sysctls = get(n, 'sysctls');
  const sysMap = sysctls ? toNameMap(sysctls) : undefined;
  if (sysMap) {
    for (const [name, pair] of sysMap.entries) {
      const t = scalarText(pair.value);
      spec.sysctls.push({
        value: typeof t === 'object' ? t : [name, t === undefined ? '' : String(t)],
        at: locate(sysctls?.kind === 'seq' ? pair.key : pair.key, `${p('sysctls')}.${name}`),
      });
    }
  }

  readLimits(n, p, spec, bad);
  readHealthcheck(get(n, 'healthcheck'), p('healthcheck'), spec, r);
  readRestart(n, p, spec);

  const environment = get(n, 'environment');
  const envMap = environment ? toNameMap(environment) : undefined;
  if (envMap) {
    for (const [name, pair] of envMap.entries) {
      const v = pair.value;
      const at = locate(environment?.kind === 'seq' ? v : pair.key, `${p('environment')}.${name}`);
      if (v.kind !== 'scalar') continue;
      if (v.unknown)
        spec.env.push({ value: typeof v.value === 'string' ? { name, unknownValue: v.unknown, template: v.value } : { name, unknownValue: v.unknown }, at });
      else spec.env.push({ value: v.value === null ? { name } : { name, value: String(v.value) }, at });
    }
  }
  forEachItem(get(n, 'secrets'), p('secrets'), (item, path) => {
    const at = locate(item, path);
    if (item.kind === 'scalar') {
      const t = scalarText(item);
      if (t !== undefined) spec.secrets.push({ value: typeof t === 'string' ? { source: t } : t, at });
    } else if (item.kind === 'map') {
      const src = scalarText(get(item, 'source'));
      const tgt = scalarText(get(item, 'target'));
      if (typeof src === 'string') spec.secrets.push({ value: typeof tgt === 'string' ? { source: src, target: tgt } : { source: src }, at });
    }
  });
  readLogging(get(n, 'logging'), p('logging'), spec);

  const build = get(n, 'build');
  if (build) {
    const ctx = build.kind === 'scalar' ? scalarText(build) : scalarText(get(build, 'context'));
    const df = build.kind === 'map' ? scalarText(get(build, 'dockerfile')) : undefined;
    spec.build = {
      context: typeof ctx === 'string' ? ctx : '.',
      dockerfile: typeof df === 'string' ? df : 'Dockerfile',
      baseDir: svc.baseDir,
      at: locate(build, p('build')),
    };
    const targetNode = build.kind === 'map' ? get(build, 'target') : undefined;
    const target = scalarText(targetNode);
    if (targetNode && target !== undefined) spec.build.target = { value: target, at: locate(targetNode, p('build.target')) };
  }
  return spec;
}

type Bad = (node: LNode, path: string, message: string) => void;

/** Where an interpolated scalar's value came from, for `quoteValue`; undefined for a value written in the file. */
function piecesOf(node: LNode | undefined): readonly ValuePiece[] | undefined {
  return node?.kind === 'scalar' ? node.pieces : undefined;
}

/** The text of a scalar (numbers as strings), its Unknown marker, or undefined for null/non-scalars. */
function scalarText(node: LNode | undefined): string | Unknown | undefined {
  if (node?.kind !== 'scalar') return undefined;
  if (node.unknown) return node.unknown;
  if (node.value === null) return undefined;
  return String(node.value);
}

function setText(node: LNode, path: string, set: (v: Sourced<string>) => void): void {
  const t = scalarText(node);
  if (t !== undefined) set({ value: t, at: locate(node, path) });
}

/** Where a service's input problems go: errors (`bad`, compose refuses the value) and warnings (`warn`, compose reads it but says so). */
interface Report {
  bad: Bad;
  warn: Bad;
}

/**
 * compose-go's `toBoolean`, which it applies to every string at a boolean field (after interpolation): `true` and
 * `false` in any case; `y`, `yes`, `on`, `n`, `no` and `off` in any case too, with a warning (YAML 1.1 words, which
 * YAML 1.2 reads as strings); anything else is refused, `1` and `0` included.
 */
function toBoolean(s: string): { value: boolean; yaml11: boolean } | undefined {
  switch (s.toLowerCase()) {
    case 'true':
      return { value: true, yaml11: false };
    case 'false':
      return { value: false, yaml11: false };
    case 'y':
    case 'yes':
    case 'on':
      return { value: true, yaml11: true };
    case 'n':
    case 'no':
    case 'off':
      return { value: false, yaml11: true };
    default:
      return undefined;
  }
}

/**
 * Reads a boolean field as compose does: a YAML boolean, or a string `toBoolean` takes (a YAML 1.1 word with a
 * located warning). Unknown for a variable without a value, and for a value compose refuses (a located error;
 * a number is refused too: the schema wants a boolean or a string). Undefined when not set (null).
 */
function readBool(node: LNode | undefined, path: string, r: Report): Sourced<boolean> | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  const at = locate(node, path);
  if (node.unknown) return { value: node.unknown, at };
  if (typeof node.value === 'boolean') return { value: node.value, at };
  const b = typeof node.value === 'string' ? toBoolean(node.value) : undefined;
  if (b === undefined) {
    r.bad(node, path, `${quoteValue(String(node.value), node.pieces)} is not a boolean`);
    // A value compose refuses is not "not set": rules say it cannot be known rather than report it missing.
    return { value: invalid(node), at };
  }
  if (b.yaml11) {
    const word = String(b.value);
    r.warn(node, path, `${quoteValue(String(node.value), node.pieces)} for a boolean is not YAML 1.2; compose reads it as ${word} (write \`${word}\`)`);
  }
  return { value: b.value, at };
}

function setBool(node: LNode | undefined, path: string, set: (v: Sourced<boolean>) => void, r: Report): void {
  const b = readBool(node, path, r);
  if (b) set(b);
}

/** The Unknown for a value compose refuses; `raw` only for a value written in the file (it may be a secret otherwise). */
function invalid(node: LScalar): Unknown {
  const reason = `${quoteValue(String(node.value), node.pieces)} is not a valid value`;
  return node.pieces ? unknown(reason) : unknown(reason, String(node.value));
}

function forEachItem(node: LNode | undefined, path: string, fn: (item: LNode, path: string) => void): void {
  if (node?.kind === 'seq') {
    node.items.forEach((item, i) => {
      fn(item, `${path}[${i}]`);
    });
  } else if (node?.kind === 'scalar' && node.value !== null) fn(node, `${path}[0]`);
}

function pushTmpfs(item: LNode, path: string, spec: ContainerSpec): void {
  const t = scalarText(item);
  if (t === undefined) return;
  spec.tmpfs.push({ value: typeof t === 'string' ? (t.split(':')[0] as string) : t, at: locate(item, path) });
}

function volumeOf(item: LNode, path: string, r: Report): Sourced<Mount>['value'] | string | undefined {
  if (item.kind === 'scalar') {
    const t = scalarText(item);
    if (t === undefined) return undefined;
    if (typeof t === 'string') return parseVolumeSpec(t);
    if (typeof item.value !== 'string') return t;
    // `${SRC}:/target`: the target is known, the source is not; rules decide what they can (status unknown).
    const m = parseVolumeSpec(item.value);
    if (m.source?.includes('$')) m.type = 'bind';
    return m;
  }
  if (item.kind !== 'map') return 'a volume must be a string or a mapping';
  const type = scalarText(get(item, 'type'));
  const target = scalarText(get(item, 'target'));
  if (typeof target !== 'string') return typeof target === 'object' ? target : 'a long-syntax volume needs a target';
  const source = scalarText(get(item, 'source'));
  // A read_only that cannot be known, or that compose refuses (reported), leaves the mount writable: the default.
  const ro = readBool(get(item, 'read_only'), `${path}.read_only`, r)?.value;
  const m: Mount = {
    type: (typeof type === 'string' ? type : 'volume') as Mount['type'],
    target,
    readOnly: ro === true,
  };
  if (typeof source === 'string') m.source = source;
  else if (typeof source === 'object') return source;
  const bind = get(item, 'bind');
  const prop = scalarText(get(bind, 'propagation'));
  if (typeof prop === 'string') m.propagation = prop;
  const sel = scalarText(get(bind, 'selinux'));
  if (sel === 'z' || sel === 'Z') m.selinux = sel;
  return m;
}

function portsOf(item: LNode): (PortBinding | Unknown)[] | string {
  if (item.kind === 'scalar') {
    const t = scalarText(item);
    if (t === undefined) return [];
    if (typeof t !== 'string') return [t];
    try {
      return [parsePortSpec(t, item.pieces)];
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (item.kind !== 'map') return 'a port must be a string, a number or a mapping';
  const target = scalarText(get(item, 'target'));
  if (target === undefined) return 'a long-syntax port needs a target';
  if (typeof target !== 'string') return [target];
  const published = scalarText(get(item, 'published'));
  const hostIp = scalarText(get(item, 'host_ip'));
  const proto = scalarText(get(item, 'protocol'));
  if (typeof published === 'object') return [published];
  if (typeof hostIp === 'object') return [hostIp];
  const b: PortBinding = { containerPort: target, protocol: proto === 'udp' || proto === 'sctp' ? proto : 'tcp' };
  if (published !== undefined && published !== '') b.hostPort = published;
  if (hostIp !== undefined && hostIp !== '') b.hostIp = hostIp.replace(/^\[|\]$/g, '');
  return [b];
}

function deviceOf(item: LNode): DeviceMapping | Unknown | undefined {
  if (item.kind === 'map') {
    const s = scalarText(get(item, 'source'));
    const t = scalarText(get(item, 'target'));
    const perm = scalarText(get(item, 'permissions'));
    if (typeof s !== 'string') return typeof s === 'object' ? s : undefined;
    return { pathOnHost: s, pathInContainer: typeof t === 'string' ? t : s, permissions: typeof perm === 'string' ? perm : 'rwm' };
  }
  const t = scalarText(item);
  if (t === undefined || typeof t !== 'string') return t;
  const [host, ctr, perm] = t.split(':');
  return { pathOnHost: host as string, pathInContainer: ctr ?? (host as string), permissions: perm ?? 'rwm' };
}

/** A parser of a number that takes an interpolated value's pieces for its message (`parseBytes`, `parseDuration`). */
type NumberParser = (s: string | number, pieces?: readonly ValuePiece[]) => number;

function numberish(node: LNode | undefined, path: string, parse: NumberParser, bad: Bad): Sourced<number> | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  const at = locate(node, path);
  if (node.unknown) return { value: node.unknown, at };
  try {
    return { value: parse(typeof node.value === 'boolean' ? String(node.value) : node.value, node.pieces), at };
  } catch (e) {
    bad(node, path, (e as Error).message);
    return { value: invalid(node), at };
  }
}

const int: NumberParser = (s, pieces) => {
  const n = typeof s === 'number' ? s : Number(s);
  if (!Number.isInteger(n)) throw new Error(`${quoteValue(String(s), pieces)} is not an integer`);
  return n;
};

function readLimits(n: LMap, p: (k: string) => string, spec: ContainerSpec, bad: Bad): void {
  const lim = get(get(get(n, 'deploy'), 'resources'), 'limits');
  const lp = (k: string) => p(`deploy.resources.limits.${k}`);
  const cpus = numberish(get(lim, 'cpus'), lp('cpus'), parseCpus, bad) ?? numberish(get(n, 'cpus'), p('cpus'), parseCpus, bad);
  if (cpus) spec.limits.nanoCpus = cpus;
  const mem = numberish(get(lim, 'memory'), lp('memory'), parseBytes, bad) ?? numberish(get(n, 'mem_limit'), p('mem_limit'), parseBytes, bad);
  if (mem) spec.limits.memoryBytes = mem;
  const pids = numberish(get(lim, 'pids'), lp('pids'), int, bad) ?? numberish(get(n, 'pids_limit'), p('pids_limit'), int, bad);
  if (pids) spec.limits.pidsLimit = pids;
  const ulimits = get(n, 'ulimits');
  if (ulimits?.kind === 'map') {
    for (const [name, pair] of ulimits.entries) {
      const v = pair.value;
      const at = locate(pair.key, `${p('ulimits')}.${name}`);
      if (v.kind === 'scalar' && typeof v.value === 'number') spec.limits.ulimits.push({ value: { name, soft: v.value, hard: v.value }, at });
      else if (v.kind === 'map') {
        const soft = Number(scalarText(get(v, 'soft')));
        const hard = Number(scalarText(get(v, 'hard')));
        if (Number.isFinite(soft) && Number.isFinite(hard)) spec.limits.ulimits.push({ value: { name, soft, hard }, at });
      }
    }
  }
}

function readHealthcheck(hc: LNode | undefined, path: string, spec: ContainerSpec, r: Report): void {
  if (hc?.kind !== 'map') return;
  const { bad } = r;
  const at = locate(hc, path);
  const disable = readBool(get(hc, 'disable'), `${path}.disable`, r);
  if (disable && typeof disable.value === 'object') {
    spec.healthcheck = { value: disable.value, at: disable.at };
    return;
  }
  if (disable?.value === true) {
    spec.healthcheck = { value: 'disabled', at: disable.at };
    return;
  }
  const test = get(hc, 'test');
  let cmd: string[] | undefined;
  if (test?.kind === 'scalar' && test.value !== null) cmd = ['CMD-SHELL', String(test.value)];
  else if (test?.kind === 'seq') cmd = test.items.map((i) => (i.kind === 'scalar' ? String(i.value) : ''));
  if (cmd?.[0] === 'NONE') {
    spec.healthcheck = { value: 'disabled', at: locate(test as LNode, `${path}.test`) };
    return;
  }
  const h: Healthcheck = { test: cmd ?? [] };
  const dur = (k: 'interval' | 'timeout' | 'start_period', set: (s: number) => void) => {
    const s = numberish(get(hc, k), `${path}.${k}`, parseDuration, bad);
    if (s && typeof s.value === 'number') set(s.value);
  };
  dur('interval', (s) => (h.intervalSeconds = s));
  dur('timeout', (s) => (h.timeoutSeconds = s));
  dur('start_period', (s) => (h.startPeriodSeconds = s));
  const retries = numberish(get(hc, 'retries'), `${path}.retries`, int, bad);
  if (retries && typeof retries.value === 'number') h.retries = retries.value;
  // A healthcheck without `test` only tunes the image's own HEALTHCHECK: test stays empty.
  spec.healthcheck = { value: h, at };
}

function readRestart(n: LMap, p: (k: string) => string, spec: ContainerSpec): void {
  const rp = get(get(n, 'deploy'), 'restart_policy');
  if (rp?.kind === 'map') {
    const cond = scalarText(get(rp, 'condition'));
    const max = scalarText(get(rp, 'max_attempts'));
    const at = locate(rp, p('deploy.restart_policy'));
    if (typeof cond === 'object') return void (spec.restart = { value: cond, at });
    // Swarm's default condition is `any`, i.e. always.
    const name = cond === undefined || cond === 'any' ? 'always' : cond === 'none' ? 'no' : cond;
    const policy: RestartPolicy = { name };
    if (typeof max === 'string' && Number(max) > 0) policy.maximumRetryCount = Number(max);
    spec.restart = { value: policy, at };
    return;
  }
  const r = get(n, 'restart');
  if (r?.kind !== 'scalar' || r.value === null) return;
  const at = locate(r, p('restart'));
  if (r.unknown) return void (spec.restart = { value: r.unknown, at });
  const text = String(r.value === false ? 'no' : r.value);
  const [name, count] = text.split(':');
  const policy: RestartPolicy = { name: name as string };
  if (count !== undefined && Number(count) > 0) policy.maximumRetryCount = Number(count);
  spec.restart = { value: policy, at };
}

function readLogging(node: LNode | undefined, path: string, spec: ContainerSpec): void {
  if (node?.kind !== 'map') return;
  const at = locate(node, path);
  const d = scalarText(get(node, 'driver'));
  if (typeof d === 'object') return void (spec.logging = { value: d, at });
  const options: Record<string, string> = {};
  const opts = get(node, 'options');
  if (opts?.kind === 'map')
    for (const [k, pair] of opts.entries) if (pair.value.kind === 'scalar' && pair.value.value !== null) options[k] = String(pair.value.value);
  const cfg: LogConfig = { options };
  if (d !== undefined) cfg.driver = d;
  spec.logging = { value: cfg, at };
}
