import { type ContainerSpec, type DeviceRequest, type EnvVar, isUnknown, type Mount, parseVolumeSpec, type Sourced, type Unknown } from '../../model/index.js';
import { dropLiteral, type ParsedRun, type RunOption } from './argv.js';
import type { ShellWord } from './shell.js';
import { parseMountOpt } from './to-model.js';

/** A compose service as a plain object, keys in the compose-spec's names, ready for YAML output. */
export type ComposeService = Record<string, unknown>;

/**
 * Text written as a compose value, where `$` starts an interpolation: every literal `$` is doubled (`pa$$word`
 * is written `pa$$$$word`, which compose reads back as `pa$$word`). Keys are not interpolated and are written as
 * they are.
 */
export function composeLiteral(s: string): string {
  return s.replace(/\$/g, '$$$$');
}

/**
 * The compose interpolation for a run-time part of a run line: `$VAR` as `${VAR}`, and `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?error}`, `${VAR:+alt}` as written (compose reads them the same way, from the
 * environment of `docker compose`). Undefined for what compose cannot compute (`$(cmd)`, backquotes, `$((1+2))`,
 * `$1`, `${#VAR}`, `${VAR%x}`, a GitHub `${{ }}` expression).
 */
export function composeInterpolation(u: Unknown): string | undefined {
  const raw = u.raw ?? '';
  const name = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(raw);
  if (name) return `\${${name[1]}}`;
  if (/^\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-?+][^${}]*)?\}$/.test(raw)) return raw;
  return undefined;
}

/**
 * A run-time part as compose text: its interpolation, or else its text as written, as a literal (compose cannot
 * run `$(cmd)`; runLinesToCompose warns about such parts). Documentation placeholders (`<digest>`) stay as written.
 */
function unknownText(u: Unknown): string {
  return composeInterpolation(u) ?? composeLiteral(u.raw ?? '');
}

/** Literal text and run-time parts (ShellWord.parts) as one compose value. */
function partsText(parts: readonly (string | Unknown)[]): string {
  return parts.map((p) => (typeof p === 'string' ? composeLiteral(p) : unknownText(p))).join('');
}

/** An option's value as compose text, without its first `skip` literal characters (`NAME=` of `-e NAME=x`). */
function optionText(o: RunOption, skip = 0): string {
  return o.parts ? partsText(dropLiteral(o.parts, skip)) : composeLiteral(o.value.slice(skip));
}

/** A word as compose text. */
function wordText(w: ShellWord): string {
  return w.parts ? partsText(w.parts) : composeLiteral(w.text);
}

/** Marks for the run-time parts of a value while it is parsed as a mount: no character a mount parser splits at. */
const MARK = /\u0001(\d+)\u0002/;

/**
 * A mount whose option has run-time parts, parsed again with each part replaced by a mark, so that every field
 * can be written with its literal text escaped and its run-time parts as interpolation
 * (`-v "$PWD/$$data:/data"` gives source `${PWD}/$$$$data`). A source with a run-time part is a bind, as in
 * runToSpec.
 */
function markedMount(o: RunOption, parts: readonly (string | Unknown)[]): Mount | undefined {
  const unknowns: Unknown[] = [];
  const marked = parts.map((p) => (typeof p === 'string' ? p : `\u0001${unknowns.push(p) - 1}\u0002`)).join('');
  const m = o.flag.name === 'mount' ? parseMountOpt(marked) : parseVolumeSpec(marked);
  if (typeof m === 'string') return undefined;
  // split() with a capturing group: literal text at even indexes, mark numbers at odd ones.
  const field = (v: string): string =>
    v
      .split(new RegExp(MARK.source, 'g'))
      .map((x, k) => (k % 2 === 0 ? composeLiteral(x) : unknownText(unknowns[Number(x)] as Unknown)))
      .join('');
  const out: Mount = { ...m, target: field(m.target) };
  if (m.source !== undefined) {
    out.source = field(m.source);
    if (MARK.test(m.source)) out.type = 'bind';
  }
  return out;
}

/**
 * `--gpus` requests as compose `gpus:` (compose-spec services `gpus`): `all` for the one request `--gpus all` makes,
 * else one item per request (driver, count, device_ids, and capabilities besides `gpu`, which compose adds to each
 * item as the Docker CLI does).
 */
function composeGpus(requests: readonly DeviceRequest[]): 'all' | Record<string, unknown>[] {
  const items = requests.map(({ driver, count, deviceIds, capabilities }) => {
    const item: Record<string, unknown> = {};
    if (driver !== '') item.driver = composeLiteral(driver);
    if (deviceIds.length > 0) item.device_ids = deviceIds.map(composeLiteral);
    else item.count = count;
    const caps = (capabilities[0] ?? []).filter((c) => c !== 'gpu');
    if (caps.length > 0) item.capabilities = caps.map(composeLiteral);
    return item;
  });
  const only = items[0];
  return items.length === 1 && only !== undefined && Object.keys(only).length === 1 && only.count === 'all' ? 'all' : items;
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
 * can express. Options compose cannot express are listed in `dropped`. The environment variables in `secretEnv`
 * (the entries of `spec.env` that hold a secret written on the line, as BW1024 judges them; the caller decides) are
 * written as interpolation of their own name (`TOKEN: ${TOKEN}`), never with their value, and named in `secrets`.
 * `secretAt` holds the offsets (in the run line's text) of the literal secrets BW1032 reports in the command, the
 * entrypoint, the health command and the labels: an option or a command holding one is not copied either (listed in
 * `dropped` without its value).
 */
export function specToComposeService(
  spec: ContainerSpec,
  run?: ParsedRun,
  secretEnv: ReadonlySet<Sourced<EnvVar>> = new Set(),
  secretAt: readonly number[] = [],
): { name: string; service: ComposeService; dropped: string[]; topLevel: ComposeTopLevel; secrets: string[] } {
  const s: ComposeService = {};
  const dropped: string[] = [];
  const holdsSecret = (start: number, end: number): boolean => secretAt.some((x) => x >= start && x < end);
  const notCopied = ' (holds a literal secret: not copied; give the secret as a file, see BW1032)';
  const secrets: string[] = [];
  const topLevel: ComposeTopLevel = { volumes: {}, networks: {} };
  // The option each spec value came from (by the offset of its flag), to write a run-time value with its
  // literal parts: `-u "$UID:1000"` is `${UID}:1000`, not only `${UID}`.
  const options = new Map<number, RunOption>();
  for (const o of run?.options ?? []) options.set(o.start, o);
  const optionAt = (x: Sourced<unknown>): RunOption | undefined => (x.at.offset === undefined ? undefined : options.get(x.at.offset));
  /** A spec value as compose writes it: text escaped, a run-time value from its option, booleans and numbers as they are. */
  const val = <T>(x: Sourced<T> | undefined): T | string | undefined => {
    if (x === undefined) return undefined;
    if (isUnknown(x.value)) {
      const o = optionAt(x);
      return o ? optionText(o) : unknownText(x.value);
    }
    return typeof x.value === 'string' ? composeLiteral(x.value) : (x.value as T);
  };
  const img = spec.image;
  if (img) s.image = run?.image ? wordText(run.image) : isUnknown(img.value) ? unknownText(img.value) : composeLiteral(img.value.raw);
  if (spec.name && !spec.name.startsWith('run@')) s.container_name = composeLiteral(spec.name);
  if (run && run.command.length > 0) {
    if (holdsSecret((run.command[0] as ShellWord).start, (run.command.at(-1) as ShellWord).end)) dropped.push(`the command${notCopied}`);
    else s.command = run.command.map(wordText);
  }
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
      if (isUnknown(m.value)) return val(m);
      const o = optionAt(m);
      const marked = o?.parts ? markedMount(o, o.parts) : undefined;
      const v = marked ?? m.value;
      // Fields parsed from a literal value are escaped here; markedMount escaped its own already.
      const f = (x: string): string => (marked ? x : composeLiteral(x));
      // A named volume must be declared at the top level (docker run creates it on first use; compose does too, once declared).
      if (v.type === 'volume' && v.source) topLevel.volumes[v.source] = {};
      const long: Record<string, unknown> = { type: v.type };
      if (v.source !== undefined) long.source = f(v.source);
      long.target = f(v.target);
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
      if (isUnknown(p.value)) return val(p);
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
        // The key is not interpolated, the list item is: both read `x.value` once compose is done.
        topLevel.networks[x.value] = { external: true };
        return composeLiteral(x.value);
      }
      const key = `network-${++n}`;
      topLevel.networks[key] = { external: true, name: val(x) };
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
      isUnknown(d.value) ? val(d) : composeLiteral(`${d.value.pathOnHost}:${d.value.pathInContainer}:${d.value.permissions}`),
    );
  if (spec.deviceRequests?.length) {
    const known = spec.deviceRequests.flatMap((r) => (isUnknown(r.value) ? [] : [r.value]));
    // `--gpus $GPUS`: compose's gpus takes `all` or request mappings, which a run-time text cannot be written as.
    for (const r of spec.deviceRequests)
      if (isUnknown(r.value)) dropped.push(`--gpus ${String(val(r))} (known only at run time: write gpus: for the value it takes)`);
    if (known.length > 0) s.gpus = composeGpus(known);
  }
  if (spec.sysctls.length) {
    const m: Record<string, string> = {};
    for (const x of spec.sysctls) if (!isUnknown(x.value)) m[x.value[0]] = composeLiteral(x.value[1]);
    s.sysctls = m;
  }
  const lim = spec.limits;
  if (lim.nanoCpus) s.cpus = isUnknown(lim.nanoCpus.value) ? val(lim.nanoCpus) : String(lim.nanoCpus.value / 1e9);
  if (lim.memoryBytes) s.mem_limit = isUnknown(lim.memoryBytes.value) ? val(lim.memoryBytes) : `${lim.memoryBytes.value}b`;
  if (lim.pidsLimit) s.pids_limit = val(lim.pidsLimit);
  if (lim.ulimits.length) {
    const u: Record<string, unknown> = {};
    for (const x of lim.ulimits)
      if (!isUnknown(x.value)) u[x.value.name] = x.value.soft === x.value.hard ? x.value.soft : { soft: x.value.soft, hard: x.value.hard };
    s.ulimits = u;
  }
  const hc = spec.healthcheck;
  if (hc) {
    if (isUnknown(hc.value)) s.healthcheck = { test: val(hc) };
    else if (hc.value === 'disabled') s.healthcheck = { disable: true };
    else {
      const h: Record<string, unknown> = {};
      // The command as given to --health-cmd, its run-time parts as interpolation.
      const cmd = run?.options.filter((o) => o.flag.name === 'health-cmd').at(-1);
      if (cmd && holdsSecret(cmd.start, cmd.end)) dropped.push(`${cmd.written} …${notCopied}`);
      else if (hc.value.test.length)
        h.test = cmd?.parts && hc.value.test.length === 2 ? [hc.value.test[0], optionText(cmd)] : hc.value.test.map(composeLiteral);
      if (hc.value.intervalSeconds !== undefined) h.interval = `${hc.value.intervalSeconds}s`;
      if (hc.value.timeoutSeconds !== undefined) h.timeout = `${hc.value.timeoutSeconds}s`;
      if (hc.value.startPeriodSeconds !== undefined) h.start_period = `${hc.value.startPeriodSeconds}s`;
      if (hc.value.retries !== undefined) h.retries = hc.value.retries;
      if (Object.keys(h).length > 0) s.healthcheck = h;
    }
  }
  const r = spec.restart;
  if (r) s.restart = isUnknown(r.value) ? val(r) : r.value.maximumRetryCount ? `${r.value.name}:${r.value.maximumRetryCount}` : r.value.name;
  if (spec.env.length) {
    const env: Record<string, string | null> = {};
    for (const e of spec.env) {
      if (isUnknown(e.value)) continue;
      if (secretEnv.has(e) && e.value.value !== undefined && !e.value.unknownValue) {
        // A secret written on the line is not copied into a file that may be committed: compose reads it from the
        // environment or .env instead (a name that cannot be a variable is left out, with a note).
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(e.value.name)) {
          env[e.value.name] = `\${${e.value.name}}`;
          secrets.push(e.value.name);
        } else dropped.push(`-e ${e.value.name}=… (a secret value under a name compose cannot read from the environment)`);
        continue;
      }
      const o = optionAt(e);
      if (e.value.unknownValue) env[e.value.name] = o ? optionText(o, e.value.name.length + 1) : unknownText(e.value.unknownValue);
      else env[e.value.name] = e.value.value === undefined ? null : composeLiteral(e.value.value);
    }
    s.environment = env;
  }
  const lg = spec.logging;
  if (lg) {
    if (isUnknown(lg.value)) s.logging = { driver: val(lg) };
    else {
      const l: Record<string, unknown> = {};
      if (lg.value.driver) l.driver = composeLiteral(lg.value.driver);
      // --log-opt KEY=VALUE: the value from its option, so that a run-time part stays interpolation.
      const logOpts = new Map((run?.options ?? []).filter((o) => o.flag.name === 'log-opt').map((o) => [o.value.slice(0, o.value.indexOf('=')), o]));
      const opts: Record<string, string> = {};
      for (const [k, v] of Object.entries(lg.value.options)) {
        const o = logOpts.get(k);
        opts[k] = o ? optionText(o, k.length + 1) : composeLiteral(v);
      }
      if (Object.keys(opts).length) l.options = opts;
      s.logging = l;
    }
  }
  if (run) {
    for (const o of run.options) {
      const name = o.flag.aliasOf ?? o.flag.name;
      // `written` is what the comment of dropped options shows (a comment is not interpolated); `value` is compose text.
      const written = o.unknown ? o.rawValue : o.value;
      const value = optionText(o);
      if (name === 'interactive' && o.value === 'true') s.stdin_open = true;
      else if (name === 'tty' && o.value === 'true') s.tty = true;
      else if (name === 'init' && o.value === 'true') s.init = true;
      else if (name === 'oom-kill-disable' && o.value === 'true') s.oom_kill_disable = true;
      else if (name === 'stop-timeout') s.stop_grace_period = `${value}s`;
      else if ((name === 'label' || name === 'entrypoint') && holdsSecret(o.start, o.end)) {
        const key = name === 'label' ? o.value.split('=')[0] : '';
        dropped.push(`${o.written} ${key ? `${key}=` : ''}…${notCopied}`);
      } else if (name === 'label' || name === 'annotation') {
        // The key as written (keys are not interpolated), the value as compose text. A key with a run-time part
        // (`--label "$K=v"`) cannot be a compose key: it is kept as written, as is its value.
        const key = name === 'label' ? 'labels' : 'annotations';
        const m = (s[key] as Record<string, string>) ?? {};
        const first = o.parts?.[0] ?? o.value;
        const eq = typeof first === 'string' ? first.indexOf('=') : -1;
        if (o.parts && eq === -1) {
          const rawEq = o.rawValue.indexOf('=');
          m[rawEq === -1 ? o.rawValue : o.rawValue.slice(0, rawEq)] = rawEq === -1 ? '' : composeLiteral(o.rawValue.slice(rawEq + 1));
        } else m[eq === -1 ? o.value : o.value.slice(0, eq)] = eq === -1 ? '' : optionText(o, eq + 1);
        s[key] = m;
      } else if (name === 'network-alias') {
        dropped.push(`${o.written} ${written} (set aliases under networks.<name>.aliases)`);
      } else if (PLAIN[name] !== undefined) {
        const [key, many] = PLAIN[name] as [string, boolean];
        if (key === '') continue;
        if (many) s[key] = [...((s[key] as string[]) ?? []), value];
        else s[key] = value;
      } else if (CLIENT_HINTS[name] !== undefined) dropped.push(`${o.written} (${CLIENT_HINTS[name]})`);
      else if (!isModelled(name) && !CARRIED.has(name)) dropped.push(`${o.written}${o.flag.kind === 'bool' ? '' : ` ${written}`}`);
    }
  }
  const name = spec.name.startsWith('run@') ? 'app' : spec.name;
  return { name, service: s, dropped, topLevel, secrets };
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
    'gpus',
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
