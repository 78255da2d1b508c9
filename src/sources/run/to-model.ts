import {
  type CommandArg,
  type ContainerSpec,
  capabilityRefused,
  cfsQuotaLimit,
  type DeviceMapping,
  type DeviceRequest,
  type Diagnostic,
  emptyContainerSpec,
  type Healthcheck,
  isInt64,
  isUnknown,
  type LineIndex,
  type Location,
  type LogConfig,
  localBindDevice,
  type Mount,
  maskSecretsIn,
  normalizeCapability,
  parseBytes,
  parseCpus,
  parseDeviceCgroupRule,
  parseDuration,
  parseImageRef,
  parsePortSpec,
  parseSecurityOpt,
  parseVolumeSpec,
  quoteValue,
  type RestartPolicy,
  refusedValue,
  restartCountRefused,
  retryCountValue,
  type Sourced,
  shortened,
  type Unknown,
  unknown,
} from '../../model/index.js';
import type { ParsedRun, RunOption } from './argv.js';

/** Container names the daemon accepts (moby `RestrictedNamePattern`; a leading `/` is dropped). */
const CONTAINER_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** Network modes that are not network names (`--network host`): they set HostConfig.NetworkMode. */
const NETWORK_MODES = /^(host|none|bridge|default|container:.*)$/;

/**
 * Maps a parsed `docker run` line to a ContainerSpec (origin `run`) the way the Docker CLI builds the create
 * request (docker/cli `cli/command/container/opts.go` `parse`). Every value is located at its flag in the file
 * (line and column of the dash), with the logical path `docker run.--flag[n]`. Values the Docker CLI would
 * refuse become `invalid-value` diagnostics and Unknown values (reason `invalid value "12megs"`), so rules report
 * them as unknown rather than "not set"; argument problems (unknown flags) become
 * `unknown-flag` diagnostics. Run-time values (`$VAR`) become Unknown.
 */
export function runToSpec(run: ParsedRun, source: string, index: LineIndex, diagnostics: Diagnostic[]): ContainerSpec | undefined {
  const loc = (start: number, end: number, path?: string): Location => index.location(source, start, end, path);
  for (const p of run.problems) diagnostics.push({ code: p.code, severity: p.severity, message: p.message, at: loc(p.start, p.end) });
  if (run.help) return undefined;
  const dw = run.dockerWord;
  const line = index.position(dw.start).line;
  const nameOpt = run.options.filter((o) => o.flag.name === 'name').at(-1);
  const validName = nameOpt !== undefined && !nameOpt.unknown && CONTAINER_NAME.test(nameOpt.value);
  const name = run.subject ?? (nameOpt && validName ? nameOpt.value : `run@${line}`);
  // The logical path holds no line number, so fingerprints of a named container survive line moves.
  const spec = emptyContainerSpec(name, 'run', loc(dw.start, dw.end, `docker ${run.verb}`));
  if (run.subject !== undefined) spec.managedBy = 'github-actions';
  const counts = new Map<string, number>();
  /**
   * Reports a value the Docker CLI would refuse, and returns it as an Unknown: the field was written, so rules
   * must not read it as "not set" (a refused `--memory 12megs` is not "no memory limit").
   */
  const bad = (o: RunOption, message: string): Unknown => {
    diagnostics.push({ code: 'invalid-value', severity: 'error', message: `${o.written} ${quoteValue(o.value)}: ${message}`, at: loc(o.start, o.end) });
    return unknown(`invalid value ${quoteValue(o.value)}`, o.value);
  };

  let health: { at: Location; h: Healthcheck; disabled?: Location } | undefined;
  let logging: { at: Location; cfg: LogConfig } | undefined;
  // --cpu-quota over --cpu-period is a CPU limit as --cpus is (Docker docs, "Resource constraints").
  let cpuQuota: Sourced<number> | undefined;
  let cpuPeriod: Sourced<number> | undefined;

  for (const o of run.options) {
    const canon = o.flag.aliasOf ?? o.flag.name;
    const n = counts.get(canon) ?? 0;
    counts.set(canon, n + 1);
    const at = loc(o.start, o.end, `docker ${run.verb}.--${canon}${o.flag.kind === 'list' ? `[${n}]` : ''}`);
    const u: Unknown | undefined = o.unknown;
    const text = <T>(set: (v: Sourced<T>) => void, map: (s: string) => T): void => set({ value: u ?? map(o.value), at } as Sourced<T>);
    const bool = (set: (v: Sourced<boolean>) => void) => {
      if (u) return set({ value: u, at });
      const b = parseBool(o.value);
      set({ value: b ?? bad(o, 'not a boolean'), at });
    };
    const num = (parse: (s: string) => number, set: (v: Sourced<number>) => void) => {
      if (u) return set({ value: u, at });
      try {
        set({ value: parse(o.value), at });
      } catch (e) {
        set({ value: bad(o, (e as Error).message), at });
      }
    };
    switch (canon) {
      case 'name':
        // The daemon refuses other names (`Invalid container name`): a newline or a space never names a container.
        // The last --name counts; an empty one lets the daemon choose.
        if (o === nameOpt && !u && o.value !== '' && !CONTAINER_NAME.test(o.value))
          bad(o, 'a container name is [a-zA-Z0-9][a-zA-Z0-9_.-]+ (at least 2 characters)');
        break;
      case 'privileged':
        bool((v) => (spec.privileged = v));
        break;
      case 'read-only':
        bool((v) => (spec.readonlyRootfs = v));
        break;
      case 'cap-add':
      case 'cap-drop': {
        const caps = canon === 'cap-add' ? spec.capAdd : spec.capDrop;
        if (u) {
          caps.push({ value: u, at });
          break;
        }
        // A name dockerd does not know is the input error alone (refused): no rule judges it.
        const name = normalizeCapability(o.value);
        const refused = capabilityRefused(name);
        caps.push({ value: refused === undefined ? name : refusedValue(bad(o, refused)), at });
        break;
      }
      case 'security-opt':
        // A run-time part (`"$OPT"`, `seccomp=$P`): the options the entry could set are unknown, as in compose.
        parseSecurityOpt(u ? o.rawValue : o.value, at, spec.securityOpt, u);
        break;
      case 'tmpfs':
        text<string>(
          (v) => spec.tmpfs.push(v),
          (s) => s.split(':')[0] as string,
        );
        break;
      case 'volume': {
        const m = parseVolumeSpec(u ? rawOf(o) : o.value);
        // A source set at run time (`"$PWD/data:/data"`, `$SOCK:/var/run/docker.sock`) is taken as a host path,
        // its usual meaning, so that rules report it as unknown rather than skip it as a named volume.
        if (u && m.source !== undefined && /[$`]/.test(m.source)) m.type = 'bind';
        spec.mounts.push({ value: m, at });
        break;
      }
      case 'mount': {
        // With a run-time part, the value is parsed as written (`source=$SOCK`), so rules see which part is unknown.
        const m = u ? ((x) => (typeof x === 'string' ? u : x))(parseMountOpt(rawOf(o))) : parseMountOpt(o.value, at);
        if (typeof m === 'string') spec.mounts.push({ value: bad(o, m), at });
        else {
          spec.mounts.push({ value: m, at });
          if (!('kind' in m) && m.type === 'tmpfs') spec.tmpfs.push({ value: m.target, at });
        }
        break;
      }
      case 'use-api-socket':
        if (u || parseBool(o.value) === true)
          spec.mounts.push({ value: u ?? { type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock', readOnly: false }, at });
        break;
      case 'publish':
        if (u) spec.ports.push({ value: u, at });
        else
          try {
            spec.ports.push({ value: parsePortSpec(o.value), at });
          } catch (e) {
            spec.ports.push({ value: bad(o, (e as Error).message), at });
          }
        break;
      case 'network':
        if (u) spec.networkMode ??= { value: u, at };
        else if (NETWORK_MODES.test(o.value)) spec.networkMode ??= { value: o.value, at };
        else spec.networks.push({ value: o.value, at });
        break;
      case 'pid':
        text((v) => (spec.pidMode = v), String);
        break;
      case 'ipc':
        text((v) => (spec.ipcMode = v), String);
        break;
      case 'uts':
        text((v) => (spec.utsMode = v), String);
        break;
      case 'userns':
        text((v) => (spec.usernsMode = v), String);
        break;
      case 'cgroupns':
        text((v) => (spec.cgroupnsMode = v), String);
        break;
      case 'device-cgroup-rule':
        // docker/cli `validateDeviceCgroupRule` refuses other values ("invalid device cgroup format"), `a` alone too.
        // A refused rule is an input error and is left out, as compose leaves one out: no finding besides the error.
        if (!u && parseDeviceCgroupRule(o.value) === undefined) bad(o, 'invalid device cgroup format: write TYPE MAJOR:MINOR ACCESS, as `c 42:* rmw`');
        else text((v) => (spec.deviceCgroupRules ??= []).push(v), String);
        break;
      case 'gpus':
        if (u) (spec.deviceRequests ??= []).push({ value: u, at });
        else {
          // A refused request is an input error and is left out (as compose leaves one out): no finding besides it.
          const g = parseGpus(o.value);
          if (typeof g === 'string') bad(o, g);
          else (spec.deviceRequests ??= []).push({ value: g, at });
        }
        break;
      case 'device':
        text((v) => spec.devices.push(v), parseDevice);
        break;
      case 'sysctl': {
        const eq = (u ? rawOf(o) : o.value).indexOf('=');
        if (eq <= 0) spec.sysctls.push({ value: bad(o, 'expected NAME=VALUE'), at });
        else spec.sysctls.push({ value: u ?? [o.value.slice(0, eq), o.value.slice(eq + 1)], at });
        break;
      }
      case 'memory':
        num(parseBytes, (v) => (spec.limits.memoryBytes = v));
        break;
      case 'cpus':
        num(parseCpus, (v) => (spec.limits.nanoCpus = v));
        break;
      case 'cpu-quota':
        num(parseInteger, (v) => (cpuQuota = v));
        break;
      case 'cpu-period':
        num(parseInteger, (v) => (cpuPeriod = v));
        break;
      case 'pids-limit':
        num(parseInteger, (v) => (spec.limits.pidsLimit = v));
        break;
      case 'ulimit': {
        if (u) break;
        const m = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(o.value);
        if (!m) bad(o, 'expected NAME=SOFT[:HARD]');
        else spec.limits.ulimits.push({ value: { name: m[1] as string, soft: Number(m[2]), hard: Number(m[3] ?? m[2]) }, at });
        break;
      }
      case 'user':
        // `--user ""` is no user: Docker takes the image's USER when the value is empty (moby daemon/commit.go `merge`).
        if (u || o.value !== '') text((v) => (spec.user = v), String);
        break;
      case 'env': {
        const raw = u ? rawOf(o) : o.value;
        const eq = raw.indexOf('=');
        const envName = eq === -1 ? raw : raw.slice(0, eq);
        if (u && eq > 0 && !(u.raw !== undefined && envName.includes(u.raw))) spec.env.push({ value: { name: envName, unknownValue: u }, at });
        else if (u) spec.env.push({ value: u, at });
        else spec.env.push({ value: eq === -1 ? { name: envName } : { name: envName, value: o.value.slice(eq + 1) }, at });
        break;
      }
      case 'health-cmd':
      case 'health-interval':
      case 'health-timeout':
      case 'health-start-period':
      case 'health-retries': {
        health ??= { at, h: { test: [] } };
        const h = health.h;
        if (canon === 'health-cmd') {
          health.at = at;
          h.test = u ? ['CMD-SHELL', rawOf(o)] : o.value === '' ? [] : ['CMD-SHELL', o.value];
          const valueAt = optionValueAt(o, loc, at);
          if (h.test.length > 0) spec.healthcheckTest = { value: { form: 'shell', args: [{ value: optionArg(o), at: valueAt }] }, at: valueAt };
          else delete spec.healthcheckTest;
        } else if (!u) {
          try {
            if (canon === 'health-retries') h.retries = parseInteger(o.value);
            else {
              const s = parseDuration(o.value);
              if (canon === 'health-interval') h.intervalSeconds = s;
              else if (canon === 'health-timeout') h.timeoutSeconds = s;
              else h.startPeriodSeconds = s;
            }
          } catch (e) {
            bad(o, (e as Error).message);
          }
        }
        break;
      }
      case 'entrypoint': {
        // docker/cli: a non-empty `--entrypoint` is the whole entrypoint, one argument (`--entrypoint ""` resets it).
        const valueAt = optionValueAt(o, loc, at);
        spec.entrypoint = { value: { form: 'exec', args: o.value === '' && !u ? [] : [{ value: optionArg(o), at: valueAt }] }, at: valueAt };
        break;
      }
      case 'label': {
        const raw = u ? rawOf(o) : o.value;
        const eq = raw.indexOf('=');
        const name = eq === -1 ? raw : raw.slice(0, eq);
        const arg = optionArg(o);
        const value: CommandArg = { value: isUnknown(arg.value) ? arg.value : eq === -1 ? '' : arg.value.slice(eq + 1) };
        if (arg.written !== undefined) value.written = eq === -1 ? '' : arg.written.slice(eq + 1);
        (spec.labels ??= []).push({ value: { name, ...value }, at: optionValueAt(o, loc, at, eq === -1 ? raw.length : eq + 1) });
        break;
      }
      case 'no-healthcheck':
        if (u || parseBool(o.value) === true) {
          health ??= { at, h: { test: [] } };
          health.disabled = at;
        }
        break;
      case 'rm':
        bool((v) => (spec.autoRemove = v));
        break;
      case 'restart':
        if (u) spec.restart = { value: u, at };
        else {
          const r = parseRestart(o.value);
          // A refused value is an input error, and only that: BW1028 gives no unknown finding beside it.
          spec.restart = { value: typeof r === 'string' ? refusedValue(bad(o, r)) : r, at };
        }
        break;
      case 'log-driver':
        logging ??= { at, cfg: { options: {} } };
        logging.at = at;
        if (!u) logging.cfg.driver = o.value;
        else spec.logging = { value: u, at };
        break;
      case 'log-opt': {
        logging ??= { at, cfg: { options: {} } };
        const eq = o.value.indexOf('=');
        if (eq <= 0) spec.logging = { value: bad(o, 'expected KEY=VALUE'), at };
        else logging.cfg.options[o.value.slice(0, eq)] = u ? rawOf(o).slice(eq + 1) : o.value.slice(eq + 1);
        break;
      }
      default:
        break;
    }
  }
  if (!spec.limits.nanoCpus && cpuQuota) {
    const limit = cfsQuotaLimit(cpuQuota, cpuPeriod);
    if (limit) spec.limits.nanoCpus = limit;
  }
  if (health) {
    if (health.disabled) {
      spec.healthcheck = { value: 'disabled', at: health.disabled };
      delete spec.healthcheckTest;
    } else spec.healthcheck = { value: health.h, at: health.at };
  }
  if (logging && spec.logging === undefined) spec.logging = { value: logging.cfg, at: logging.at };
  if (run.command.length > 0) {
    const args = run.command.map((w, i) => {
      const arg: CommandArg = { value: w.unknown ?? w.text };
      if (w.unknown) arg.written = w.rawText;
      return { value: arg, at: loc(w.start, w.end, `docker ${run.verb}.COMMAND[${i}]`) };
    });
    const first = run.command[0] as ParsedRun['command'][number];
    const last = run.command.at(-1) as ParsedRun['command'][number];
    spec.command = { value: { form: 'exec', args }, at: loc(first.start, last.end, `docker ${run.verb}.COMMAND`) };
  }
  if (run.opaque.length > 0) markOpaque(spec, run, loc);

  const img = run.image;
  if (img === undefined) {
    diagnostics.push({ code: 'invalid-value', severity: 'error', message: `docker ${run.verb} names no image`, at: spec.at });
    return spec;
  }
  const imgAt = loc(img.start, img.end, `docker ${run.verb}.IMAGE`);
  // `--db-password S3cret app:1` with a flag Docker does not have: the word after it may be its value, not shown.
  if (run.imageAfterUnknownFlag !== undefined)
    spec.image = {
      value: unknown(`the word after unknown flag ${maskSecretsIn(run.imageAfterUnknownFlag)} may be that flag's value; it is not shown`),
      at: imgAt,
    };
  else if (img.unknown) spec.image = { value: img.unknown, at: imgAt };
  else {
    try {
      spec.image = { value: parseImageRef(img.text), at: imgAt };
    } catch (e) {
      diagnostics.push({ code: 'invalid-value', severity: 'error', message: (e as Error).message, at: imgAt });
      spec.image = { value: unknown(`invalid value ${quoteValue(img.text)}`, img.text), at: imgAt };
    }
  }
  return spec;
}

/**
 * A run-time word may hold any option (`docker run $DOCKER_OPTS img`). What the rules would otherwise report as
 * missing (no limit, no restart policy, ALL not dropped...) may be set there, so those fields become Unknown:
 * the rules then report them as unknown, never as violations (DESIGN.md "Unknown is not a violation").
 */
function markOpaque(spec: ContainerSpec, run: ParsedRun, loc: (start: number, end: number, path?: string) => Location): void {
  const w = run.opaque[0] as ParsedRun['opaque'][number];
  // Named as written (`$DOCKER_OPTS`), or cut past 64 characters: the word may be pasted text.
  const raw = shortened(w.rawText || w.unknown?.raw || 'a run-time value', 64, 48);
  const u = unknown(`the options in ${raw} are only known at run time`, raw);
  const at = loc(w.start, w.end, `docker ${run.verb}.${raw}`);
  const set = <T>(field: Sourced<T> | undefined): Sourced<T> => field ?? ({ value: u, at } as Sourced<T>);
  spec.limits.memoryBytes = set(spec.limits.memoryBytes);
  spec.limits.nanoCpus = set(spec.limits.nanoCpus);
  spec.limits.pidsLimit = set(spec.limits.pidsLimit);
  spec.readonlyRootfs = set(spec.readonlyRootfs);
  spec.securityOpt.noNewPrivileges = set(spec.securityOpt.noNewPrivileges);
  spec.user = set(spec.user);
  spec.healthcheck = set(spec.healthcheck);
  spec.restart = set(spec.restart);
  spec.logging = set(spec.logging);
  if (!spec.capDrop.some((d) => d.value === 'ALL')) spec.capDrop.push({ value: u, at });
}

/** An option's value as a CommandArg: Unknown with its text as written when a run-time part is in it. */
function optionArg(o: RunOption): CommandArg {
  return o.unknown ? { value: o.unknown, written: o.rawValue } : { value: o.value };
}

/**
 * Where an option's value is written, from its character `skip` on (a label's value after `KEY=`), when its place
 * is certain: the option spans its flag, at most one separator (a blank or `=`) and the value as written, so the value
 * is the bare word that ends the option. Else (a quoted value, an escape, several blanks, a line continuation) the
 * whole option (`at`): the run line's text is not at hand here to tell them apart.
 */
function optionValueAt(o: RunOption, loc: (start: number, end: number, path?: string) => Location, at: Location, skip = 0): Location {
  const raw = o.rawValue;
  const extra = o.end - o.start - o.written.length - raw.length;
  if (raw === '' || (extra !== 0 && extra !== 1)) return at;
  return loc(o.end - raw.length + Math.min(skip, raw.length), o.end, at.path);
}

/** The option's value with run-time parts as written. */
function rawOf(o: RunOption): string {
  return o.rawValue;
}

/** Go's strconv.ParseBool, which pflag uses for boolean flags. */
export function parseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

function parseInteger(s: string): number {
  if (!/^-?\d+$/.test(s.trim())) throw new Error(`${quoteValue(s)} is not an integer`);
  return Number(s);
}

/**
 * `--restart no|always|unless-stopped|on-failure[:N]`, as docker/cli's `opts.ParseRestartPolicy` reads it and dockerd
 * then takes it: the name is what comes before the first colon (a colon first is refused: "no policy provided before
 * colon"), the count all after it. An empty count is none (`on-failure:` is on-failure without a bound); another is
 * read with strconv.Atoi, an optional sign and decimal digits within int64 ("maximum retry count must be an integer"
 * otherwise: `on-failure:3:4`), kept exact (retryCountValue); restartCountRefused says which counts dockerd refuses
 * (`always:3`, `on-failure:-1`). A refused value gives why, without the value: the input error names it already.
 */
export function parseRestart(s: string): RestartPolicy | string {
  const colon = s.indexOf(':');
  const name = colon === -1 ? s : s.slice(0, colon);
  const count = colon === -1 ? '' : s.slice(colon + 1);
  if (!['no', 'always', 'unless-stopped', 'on-failure', ''].includes(name) || (name === '' && colon !== -1))
    return 'not a restart policy (no, always, on-failure[:N] or unless-stopped)';
  if (count !== '' && !/^[-+]?\d+$/.test(count)) return 'the retry count must be an integer';
  const refused = restartCountRefused(name, count);
  if (refused !== undefined) return refused;
  const p: RestartPolicy = { name: name === '' ? 'no' : name };
  const value = count === '' ? 0 : retryCountValue(count);
  if (value > 0) p.maximumRetryCount = value;
  return p;
}

/**
 * `--device HOST[:CONTAINER][:PERMISSIONS]` (docker/cli `parseDevice`): with two parts, the second is the
 * permissions when it is made of r, w and m only.
 */
export function parseDevice(s: string): DeviceMapping {
  const parts = s.split(':');
  const host = parts[0] as string;
  if (parts.length === 2 && /^[rwm]{1,3}$/.test(parts[1] as string)) return { pathOnHost: host, pathInContainer: host, permissions: parts[1] as string };
  return { pathOnHost: host, pathInContainer: parts[1] || host, permissions: parts[2] || 'rwm' };
}

/**
 * `--gpus` (docker/cli `opts.GpuOpts.Set`): CSV fields (`"device=0,1"` quoted to keep its comma), each `KEY=VALUE`
 * with KEY `driver`, `count` (`all` or an integer), `device` (ids, comma-separated), `capabilities` (`gpu` is added)
 * or `options`, or a bare count (`all`, `2`); a key given twice is refused, and a count that is not `all` or an
 * integer strconv.Atoi reads (64 bits). Without count or device, one device; without capabilities, `gpu`. Refused
 * too, by dockerd at create: a count other than 0 with device ids ("cannot set both Count and DeviceIDs on device
 * request": `device=0,1` unquoted is device 0 and the count 1), and an empty device id (`device=`, `"device=0,"`).
 * @returns the request, or a message when the Docker CLI or dockerd would refuse it
 */
export function parseGpus(s: string): DeviceRequest | string {
  if (s === '') return 'empty GPU request';
  const req: DeviceRequest = { driver: '', count: 0, deviceIds: [], capabilities: [['gpu']] };
  const seen = new Set<string>();
  const parseCount = (v: string): number | string => {
    if (v === 'all') return -1;
    if (!/^[-+]?\d+$/.test(v)) return `count must be an integer, not ${quoteValue(v)}`;
    if (!isInt64(v)) return `count must be an integer, not ${quoteValue(v)}: out of range`;
    return Number(v);
  };
  for (const field of splitCsv(s)) {
    const eq = field.indexOf('=');
    const key = eq === -1 ? field : field.slice(0, eq);
    const value = field.slice(eq + 1);
    if (seen.has(key)) return `gpu request key ${quoteValue(key)} can be specified only once`;
    seen.add(key);
    if (eq === -1 || key === 'count') {
      if (eq === -1) seen.add('count');
      const n = parseCount(eq === -1 ? key : value);
      if (typeof n === 'string') return n;
      req.count = n < 0 ? 'all' : n;
    } else if (key === 'driver') req.driver = value;
    else if (key === 'device') req.deviceIds = value.split(',');
    else if (key === 'capabilities') req.capabilities = [[...value.split(','), 'gpu']];
    else if (key !== 'options') return `unexpected key ${quoteValue(key)} in ${quoteValue(field)}`;
  }
  if (req.deviceIds.includes('')) return 'a device id is empty: write the ids after device= (`device=0`)';
  if (req.count !== 0 && req.deviceIds.length > 0)
    return `count ${req.count === 'all' ? 'all' : req.count} and device ids ${req.deviceIds.join(',')} together: dockerd refuses the container ("cannot set both Count and DeviceIDs on device request"); the Docker CLI splits --gpus at commas, so quote a list of ids: '"device=0,1"'`;
  if (!seen.has('count') && req.deviceIds.length === 0) req.count = 1;
  return req;
}

/**
 * `--mount` CSV (docker/cli `opts.MountOpt.Set`): `type=bind|volume|tmpfs|image`, `source`/`src`,
 * `target`/`destination`/`dst`, `readonly`/`ro` (alone or `=true|false|1|0`), `bind-propagation`,
 * `volume-driver` and `volume-opt=KEY=VALUE` (the options a volume is created with when it does not exist yet: with
 * the local driver and `o=bind`, a bind mount of `device`, set as `bindDevice` located at `at`); other keys
 * (volume-nocopy, volume-label, tmpfs-*, consistency) are accepted and ignored here. The default type is volume.
 * @returns the mount, or a message when Docker would refuse it
 */
export function parseMountOpt(s: string, at?: Location): Mount | string {
  const m: Partial<Mount> & { readOnly: boolean } = { type: 'volume', readOnly: false };
  let volumeDriver: string | undefined;
  const volumeOpts: Record<string, string> = {};
  for (const field of splitCsv(s)) {
    const eq = field.indexOf('=');
    const key = (eq === -1 ? field : field.slice(0, eq)).trim().toLowerCase();
    const value = eq === -1 ? undefined : field.slice(eq + 1);
    switch (key) {
      case 'type':
        if (!['bind', 'volume', 'tmpfs', 'npipe', 'cluster', 'image'].includes(value ?? '')) return `unknown mount type ${quoteValue(String(value))}`;
        m.type = value as Mount['type'];
        break;
      case 'source':
      case 'src':
        if (value) m.source = value;
        break;
      case 'target':
      case 'destination':
      case 'dst':
        if (value) m.target = value;
        break;
      case 'readonly':
      case 'ro': {
        const b = value === undefined ? true : parseBool(value);
        if (b === undefined) return `invalid value for ${key}: ${quoteValue(value as string)}`;
        m.readOnly = b;
        break;
      }
      case 'bind-propagation':
        if (value) m.propagation = value;
        break;
      case 'volume-driver':
        volumeDriver = value;
        break;
      case 'volume-opt': {
        // docker/cli `setValueOnMap`: KEY=VALUE, split at the first `=`.
        const [k, ...rest] = (value ?? '').split('=');
        if (k) volumeOpts[k] = rest.join('=');
        break;
      }
      default:
        if (eq === -1) return `invalid field ${quoteValue(field)}: must be a key=value pair`;
    }
  }
  if (!m.target) return 'target is required';
  const device = m.type === 'volume' && at ? localBindDevice(volumeDriver, volumeOpts) : undefined;
  if (device && at) m.bindDevice = { path: device.path, readOnly: device.readOnly, definedAt: at };
  return m as Mount;
}

/** Splits Docker's CSV option values, honouring double quotes (`"target=/a,b"`). */
function splitCsv(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (const ch of s) {
    if (ch === '"') q = !q;
    else if (ch === ',' && !q) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
