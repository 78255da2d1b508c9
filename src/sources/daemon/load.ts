import { type DaemonSpec, type Diagnostic, emptyDaemonSpec, type Location, type Sourced, type Ulimit, unknown } from '../../model/index.js';
import type { RootFs } from '../host/root-fs.js';
import { type DaemonJson, parseDaemonJson, REFUSES } from './daemon-json.js';
import { LATER_FLAGS, lookupFlag, SHORT_FLAGS } from './keys.js';
import { directiveLocator, type EnvAssignment, expandCommand, parseEnvFile, parseUnit, splitWords, type UnitDirective, type Word } from './systemd.js';

/** One dockerd flag as given on the command line, by its daemon.json key. */
export interface FlagValue {
  /** daemon.json key (`hosts` for `-H`). */
  key: string;
  /** The flag as written (`-H`, `--icc`). */
  flag: string;
  value: string;
  at: Location;
}

/** Directories systemd reads system units from, highest priority first (systemd.unit(5)). */
export const UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'];

/** The effective `[Service]` of a unit: ExecStart= lines, environment, and other directives after drop-ins. */
export interface ServiceUnit {
  /** Unit file path then drop-ins, as read. */
  files: string[];
  execStart: UnitDirective[];
  environment: Map<string, EnvAssignment>;
  directives: Record<string, Sourced<string>>;
  diagnostics: Diagnostic[];
  /** Every directive of every section, in order (for socket units). */
  all: UnitDirective[];
  /**
   * Drop-ins (files, or a `<unit>.d` folder) that exist but could not be read, as `<host path>: <why>`: systemd applies
   * them (it reads as root), so what they set is not known. Set by loadServiceUnit only.
   */
  unreadable?: string[];
}

/**
 * Finds a unit and its drop-ins (`<unit>.d/*.conf` in every unit folder, the same file name in a higher-priority
 * folder replacing a lower one, applied in file-name order) and merges its `[Service]` section as systemd does:
 * an empty `ExecStart=`/`Environment=`/`EnvironmentFile=` resets the list, other keys take the last value.
 * Environment files override Environment= (systemd.exec(5)). Returns undefined when the unit does not exist.
 */
export function loadServiceUnit(fs: RootFs, unit: string): ServiceUnit | undefined {
  let main: string | undefined;
  for (const d of UNIT_DIRS) {
    const r = fs.read(`${d}/${unit}`);
    if (r.kind === 'ok') {
      main = `${d}/${unit}`;
      break;
    }
  }
  const dropins = new Map<string, string>();
  const unreadable: string[] = [];
  for (const d of [...UNIT_DIRS].reverse()) {
    const dir = `${d}/${unit}.d`;
    const names = fs.list(dir);
    if (names === undefined) {
      // Not there, or there and not listable (a folder without read permission, or inside one).
      const st = fs.stat(dir);
      if (st !== undefined && 'error' in st) unreadable.push(st.error);
      else if (st?.kind === 'dir') unreadable.push(`${dir}: the folder cannot be listed`);
      continue;
    }
    for (const n of names) if (n.endsWith('.conf')) dropins.set(n, `${d}/${unit}.d/${n}`);
  }
  if (main === undefined && dropins.size === 0 && unreadable.length === 0) return undefined;
  const files = [...(main ? [main] : []), ...[...dropins.keys()].sort().map((n) => dropins.get(n) as string)];
  const merged = mergeService(
    files.flatMap((f) => {
      const r = fs.read(f);
      if (r.kind === 'error' && f !== main) unreadable.push(r.reason);
      return r.kind === 'ok' ? [{ path: f, display: fs.display(f), text: r.text }] : [];
    }),
    (p) => {
      const r = fs.read(p);
      return r.kind === 'ok' ? { text: r.text, display: fs.display(p) } : r.kind === 'missing' ? undefined : { error: r.reason };
    },
  );
  if (unreadable.length > 0) merged.unreadable = unreadable;
  return merged;
}

/**
 * Why the parts of `unit` that systemd applies cannot be read, as `cannot read ...` reasons: its drop-ins and drop-in
 * folders (`loaded.unreadable`, from loadServiceUnit), then the first of its unit files in UNIT_DIRS that cannot be
 * read. Empty when every part can be read. Such a part may set anything the unit sets, so a caller takes what it
 * reads from the unit as unknown.
 */
export function unreadableUnitParts(fs: RootFs, unit: string, loaded: ServiceUnit | undefined): string[] {
  const reasons = [...(loaded?.unreadable ?? [])];
  const main = UNIT_DIRS.map((d) => fs.read(`${d}/${unit}`)).find((r) => r.kind === 'error');
  if (main?.kind === 'error') reasons.push(main.reason);
  return reasons;
}

/** Merges already-read unit files (in order); `readEnvFile` reads an EnvironmentFile= path (host path). */
export function mergeService(
  files: { path: string; display: string; text: string }[],
  readEnvFile: (path: string) => { text: string; display: string } | { error: string } | undefined,
): ServiceUnit {
  const diagnostics: Diagnostic[] = [];
  let execStart: UnitDirective[] = [];
  let envDirectives: UnitDirective[] = [];
  let envFiles: UnitDirective[] = [];
  const directives: Record<string, Sourced<string>> = {};
  const all: UnitDirective[] = [];
  for (const f of files) {
    for (const d of parseUnit(f.text, f.display)) {
      all.push(d);
      if (d.section !== 'Service') continue;
      if (d.key === 'ExecStart') execStart = d.value === '' ? [] : [...execStart, d];
      else if (d.key === 'Environment') envDirectives = d.value === '' ? [] : [...envDirectives, d];
      else if (d.key === 'EnvironmentFile') envFiles = d.value === '' ? [] : [...envFiles, d];
      else if (d.value === '') delete directives[d.key];
      else directives[d.key] = { value: d.value, at: d.at };
    }
  }
  const type = directives.Type?.value;
  if (execStart.length > 1 && type !== 'oneshot') {
    const second = execStart[1] as UnitDirective;
    diagnostics.push({
      code: 'config',
      severity: 'error',
      message: `systemd refuses to start this service: it has ${execStart.length} ExecStart= lines and is not Type=oneshot. A drop-in that replaces the command must first clear it with an empty "ExecStart=" line.`,
      at: second.keyAt,
    });
  }
  const environment = new Map<string, EnvAssignment>();
  for (const d of envDirectives) {
    const loc = directiveLocator(d);
    for (const w of splitWords(d.value, loc)) {
      const eq = w.text.indexOf('=');
      if (eq <= 0) continue;
      const name = w.text.slice(0, eq);
      const value = w.text.slice(eq + 1);
      const quoted = d.value[w.start ?? 0] === '"' || d.value[w.start ?? 0] === "'" ? 1 : 0;
      const base = (w.start ?? 0) + quoted + eq + 1;
      environment.set(name, { name, value, locate: (s, e) => loc(base + s, base + e) });
    }
  }
  for (const d of envFiles) {
    for (const w of splitWords(d.value, directiveLocator(d))) {
      const optional = w.text.startsWith('-');
      const path = optional ? w.text.slice(1) : w.text;
      const r = readEnvFile(path);
      if (r === undefined) {
        if (!optional)
          diagnostics.push({
            code: 'unreadable',
            severity: 'warning',
            message: `EnvironmentFile=${path} does not exist: systemd will not start the service.`,
            at: w.at,
          });
        continue;
      }
      if ('error' in r) {
        diagnostics.push({ code: 'unreadable', severity: 'warning', message: `cannot read EnvironmentFile ${r.error}`, at: w.at });
        continue;
      }
      for (const a of parseEnvFile(r.text, r.display)) environment.set(a.name, a);
    }
  }
  return { files: files.map((f) => f.display), execStart, environment, directives, diagnostics, all };
}

const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

/**
 * Parses dockerd's arguments (after the program name) as its flag parser (pflag) does: `--name=value`, `--name value`,
 * `-H value`, `-Hvalue`, bare boolean flags, `--flag=false`. Unknown flags and positional arguments make dockerd exit:
 * they are `error` diagnostics. A flag added after 20.10 (LATER_FLAGS) is a `warning` naming its release, and its
 * value is read as that release reads it.
 */
export function parseDockerdArgs(words: Word[]): { flags: FlagValue[]; diagnostics: Diagnostic[] } {
  const flags: FlagValue[] = [];
  const diagnostics: Diagnostic[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Word;
    const t = w.text;
    if (t === '') continue;
    let name: string;
    let inline: string | undefined;
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      name = eq === -1 ? t.slice(2) : t.slice(2, eq);
      if (eq !== -1) inline = t.slice(eq + 1);
    } else if (t.startsWith('-') && t.length > 1) {
      const long = SHORT_FLAGS[t[1] as string];
      if (!long) {
        diagnostics.push({ code: 'unknown-flag', severity: 'error', message: `dockerd refuses the unknown flag ${t}.`, at: w.at });
        continue;
      }
      name = long;
      const rest = t.slice(2);
      if (rest !== '') inline = rest.startsWith('=') ? rest.slice(1) : rest;
    } else {
      diagnostics.push({ code: 'unknown-flag', severity: 'error', message: `dockerd takes no positional arguments; it refuses "${t}".`, at: w.at });
      continue;
    }
    let f = lookupFlag(name);
    const later = f ? undefined : LATER_FLAGS[name];
    if (later) {
      // valid for the release that added it: judged as that release reads it
      diagnostics.push({
        code: 'unknown-flag',
        severity: 'warning',
        message: `the flag --${name} was added in Docker Engine ${later.since}; dockerd 20.10 and older refuse it.`,
        at: w.at,
      });
      f = later;
    }
    if (!f) {
      diagnostics.push({ code: 'unknown-flag', severity: 'error', message: `dockerd 20.10 refuses the unknown flag --${name}.`, at: w.at });
      continue;
    }
    let value: string;
    let at = w.at;
    if (f.bool) {
      value = inline ?? 'true';
      if (!TRUE.has(value) && !FALSE.has(value)) {
        diagnostics.push({ code: 'invalid-value', severity: 'error', message: `dockerd refuses ${t}: a boolean flag takes true or false.`, at: w.at });
        continue;
      }
      value = TRUE.has(value) ? 'true' : 'false';
    } else if (inline !== undefined) value = inline;
    else {
      const next = words[i + 1];
      if (!next) {
        diagnostics.push({ code: 'invalid-value', severity: 'error', message: `dockerd refuses ${t}: the flag needs a value.`, at: w.at });
        continue;
      }
      value = next.text;
      at = { ...w.at, endLine: next.at.endLine, endColumn: next.at.endColumn, endOffset: next.at.endOffset } as Location;
      if (next.at.source !== w.at.source) at = next.at;
      i++;
    }
    flags.push({ key: f.key, flag: t.startsWith('--') ? `--${name}` : t.slice(0, 2), value, at });
  }
  return { flags, diagnostics };
}

/** What loading a host's daemon configuration produced. */
export interface HostDaemon {
  spec: DaemonSpec;
  diagnostics: Diagnostic[];
  /** Host paths read. */
  files: string[];
  /** The daemon.json that was read (host path), when one was. */
  configPath?: string;
  /** False when daemon.json exists but cannot be read: the configuration cannot be known. */
  known: boolean;
  service?: ServiceUnit;
  flags: FlagValue[];
  /** The dockerd arguments the unit gives (after variable expansion), when a unit with a dockerd ExecStart= was read. */
  unitArgs?: string[];
}

/**
 * Reads a host's dockerd configuration below `fs.root`: the docker.service unit and its drop-ins (the dockerd command
 * line of the last ExecStart=, with $VARIABLES from Environment= and EnvironmentFile=, such as Debian's
 * /etc/default/docker $DOCKER_OPTS), or /etc/default/docker alone when there is no unit; then daemon.json
 * (`configFile`, else the unit's --config-file, else /etc/docker/daemon.json). A key set both as a flag and in the
 * file is an error, as dockerd refuses to start then. Never throws.
 */
export function loadHostDaemon(fs: RootFs, configFile?: string): HostDaemon {
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  const service = loadServiceUnit(fs, 'docker.service');
  let words: Word[] = [];
  let unitArgs: string[] | undefined;
  if (service) {
    files.push(...service.files);
    diagnostics.push(...service.diagnostics);
    const last = service.execStart[service.execStart.length - 1];
    if (last) {
      const raw = splitWords(last.value, directiveLocator(last));
      const first = raw[0];
      if (first) first.text = first.text.replace(/^[-@+!:]+/, '');
      const expanded = expandCommand(raw, service.environment);
      const prog = expanded[0]?.text ?? '';
      if (/(^|\/)dockerd$/.test(prog)) words = expanded.slice(1);
      else if (/(^|\/)docker$/.test(prog) && expanded[1]?.text === 'daemon') words = expanded.slice(2);
      if (words.length > 0 || /(^|\/)dockerd$/.test(prog)) unitArgs = words.map((w) => w.text).filter((t) => t !== '');
    }
  } else {
    const r = fs.read('/etc/default/docker');
    if (r.kind === 'ok') {
      files.push(fs.display('/etc/default/docker'));
      const opts = parseEnvFile(r.text, fs.display('/etc/default/docker')).filter((a) => a.name === 'DOCKER_OPTS');
      const a = opts[opts.length - 1];
      if (a) words = splitWords(a.value, a.locate);
    }
  }
  const { flags, diagnostics: flagDiags } = parseDockerdArgs(words);
  diagnostics.push(...flagDiags);
  const cfgFlag = flags.filter((f) => f.key === 'config-file').pop();
  const configPath = configFile ?? cfgFlag?.value ?? '/etc/docker/daemon.json';
  let json: DaemonJson | undefined;
  let known = true;
  const r = fs.read(configPath);
  if (r.kind === 'ok') {
    files.push(fs.display(configPath));
    json = parseDaemonJson(r.text, fs.display(configPath));
    diagnostics.push(...json.diagnostics);
  } else if (r.kind === 'error') {
    known = false;
    diagnostics.push({
      code: 'unreadable',
      severity: 'warning',
      message: `cannot read ${r.reason}: the daemon configuration cannot be known.`,
      at: { source: fs.display(configPath) },
    });
  } else if (configFile !== undefined || cfgFlag !== undefined) {
    diagnostics.push({
      code: 'unreadable',
      severity: 'error',
      message: `dockerd refuses to start: the configuration file ${configPath} does not exist.`,
      at: cfgFlag?.at ?? { source: fs.display(configPath) },
    });
  }
  if (json) diagnostics.push(...conflicts(json, flags));
  const exec = service?.execStart[service.execStart.length - 1];
  const at: Location = json?.rootAt ?? exec?.keyAt ?? { source: fs.display(configPath) };
  const spec = buildDaemonSpec('host', fs.display(configPath), at, json, flags);
  diagnostics.push(...validateDaemon(spec));
  if (service) {
    spec.systemdService = service.directives;
    spec.systemdUnit = exec?.keyAt ?? { source: service.files[0] ?? 'docker.service' };
  }
  // A drop-in (or its folder) or the unit that systemd applies and Bulwark cannot read may set the command line.
  for (const reason of unreadableUnitParts(fs, 'docker.service', service)) {
    known = false;
    diagnostics.push({
      code: 'unreadable',
      severity: 'warning',
      message: `cannot read ${reason}: the dockerd command line cannot be known.`,
      at: { source: fs.display('/etc/systemd/system') },
    });
  }
  const out: HostDaemon = { spec, diagnostics, files, known, flags };
  if (json) out.configPath = configPath;
  if (service) out.service = service;
  if (unitArgs) out.unitArgs = unitArgs;
  return out;
}

/**
 * Combinations dockerd 20.10 refuses at start-up although each value is valid alone (checked against the real
 * dockerd): `icc: false` with `iptables: false` ("ICC=false uses iptables to function").
 */
export function validateDaemon(spec: DaemonSpec): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (spec.icc && spec.icc.value === false && spec.iptables && spec.iptables.value === false) {
    out.push({
      code: 'config',
      severity: 'error',
      message: `dockerd refuses to start: icc is false (here) while iptables is false (${spec.iptables.at.source}${spec.iptables.at.line !== undefined ? `:${spec.iptables.at.line}` : ''}); icc=false works through iptables rules.`,
      at: spec.icc.at,
    });
  }
  return out;
}

/** Keys given both as a dockerd flag and in daemon.json: dockerd refuses to start (`findConfigurationConflicts`). */
export function conflicts(json: DaemonJson, flags: FlagValue[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const done = new Set<string>();
  for (const f of flags) {
    if (done.has(f.key) || f.key === 'config-file') continue;
    const at = json.entries.get(f.key)?.keyAt ?? json.flattened.get(f.key);
    const later = json.laterFlattened.get(f.key);
    if (!at && later) {
      // valid for the release that added the outer key (it keeps the object whole); only older dockerd refuse it
      done.add(f.key);
      out.push({
        code: 'config',
        severity: 'warning',
        message: `dockerd 20.10 and older refuse this file: they read "${f.key}" inside "${later.parent}" (added in Docker Engine ${later.since}) as a top-level option, and it is also the flag ${f.flag} (${f.at.source}${f.at.line !== undefined ? `:${f.at.line}` : ''}).`,
        at: later.at,
      });
      continue;
    }
    if (!at) continue;
    done.add(f.key);
    out.push({
      code: 'config',
      severity: 'error',
      message: `${REFUSES} "${f.key}" is set here and also as the flag ${f.flag} (${f.at.source}${f.at.line !== undefined ? `:${f.at.line}` : ''}); dockerd does not allow an option in both places.`,
      at,
    });
  }
  return out;
}

function bool(v: string): boolean {
  return v === 'true';
}

/**
 * Builds a DaemonSpec from daemon.json entries and dockerd flags (either may be absent). A boolean option of the
 * wrong JSON type becomes an Unknown ("invalid value"), so no rule reads it as "not set"; other values of the wrong
 * type are left out. dockerd refuses such a file anyway, and a diagnostic says so.
 */
export function buildDaemonSpec(origin: DaemonSpec['origin'], name: string, at: Location, json: DaemonJson | undefined, flags: FlagValue[]): DaemonSpec {
  const spec = emptyDaemonSpec(name, origin, at);
  const e = (k: string) => json?.entries.get(k);
  const setBool = (field: keyof DaemonSpec, key: string) => {
    const j = e(key);
    if (j && typeof j.value === 'boolean') (spec as unknown as Record<string, unknown>)[field] = { value: j.value, at: j.valueAt };
    else if (j && j.value !== null) {
      // a value dockerd refuses (a diagnostic says so) is not "not set": the rules see an Unknown
      const raw =
        j.node.type === 'string'
          ? JSON.stringify(j.value)
          : j.node.type === 'object' || j.node.type === 'array'
            ? `an ${j.node.type === 'array' ? 'array' : 'object'}`
            : String(j.value);
      (spec as unknown as Record<string, unknown>)[field] = {
        value: unknown(`invalid value: "${key}" is ${raw}, not true or false, and dockerd refuses the file`, raw),
        at: j.valueAt,
      };
    }
    const f = flags.filter((x) => x.key === key).pop();
    if (f) (spec as unknown as Record<string, unknown>)[field] = { value: bool(f.value), at: f.at };
  };
  const setString = (field: keyof DaemonSpec, key: string) => {
    const j = e(key);
    if (j && typeof j.value === 'string') (spec as unknown as Record<string, unknown>)[field] = { value: j.value, at: j.valueAt };
    const f = flags.filter((x) => x.key === key).pop();
    if (f) (spec as unknown as Record<string, unknown>)[field] = { value: f.value, at: f.at };
  };
  const list = (key: string): Sourced<string>[] => {
    const out: Sourced<string>[] = [];
    const j = e(key);
    if (j && Array.isArray(j.value)) {
      (j.node.children ?? []).forEach((c, i) => {
        if (typeof c.value === 'string') out.push({ value: c.value, at: (json as DaemonJson).locate(c, `${key}[${i}]`) });
      });
    }
    for (const f of flags) if (f.key === key) out.push({ value: f.value, at: f.at });
    return out;
  };
  setString('logDriver', 'log-driver');
  setString('logLevel', 'log-level');
  setBool('icc', 'icc');
  setBool('iptables', 'iptables');
  setBool('liveRestore', 'live-restore');
  setString('usernsRemap', 'userns-remap');
  setBool('rootless', 'rootless');
  setBool('noNewPrivileges', 'no-new-privileges');
  setString('seccompProfile', 'seccomp-profile');
  setBool('userlandProxy', 'userland-proxy');
  setBool('experimental', 'experimental');
  setBool('tls', 'tls');
  setBool('tlsVerify', 'tlsverify');
  setString('tlsCaCert', 'tlscacert');
  setString('tlsCert', 'tlscert');
  setString('tlsKey', 'tlskey');
  setString('dataRoot', 'data-root');
  if (!spec.dataRoot) setString('dataRoot', 'graph');
  setString('storageDriver', 'storage-driver');
  setString('cgroupParent', 'cgroup-parent');
  spec.insecureRegistries = list('insecure-registries');
  spec.registryMirrors = list('registry-mirrors');
  spec.hosts = list('hosts');
  spec.authorizationPlugins = list('authorization-plugins');
  const lo = e('log-opts');
  if (lo && lo.node.type === 'object') {
    for (const p of lo.node.children ?? []) {
      const [k, v] = p.children ?? [];
      if (k && v && typeof v.value === 'string') spec.logOpts[String(k.value)] = { value: v.value, at: (json as DaemonJson).locate(v, `log-opts.${k.value}`) };
    }
  }
  for (const f of flags) {
    if (f.key !== 'log-opts') continue;
    const eq = f.value.indexOf('=');
    if (eq > 0) spec.logOpts[f.value.slice(0, eq)] = { value: f.value.slice(eq + 1), at: f.at };
  }
  const ul = e('default-ulimits');
  if (ul && ul.node.type === 'object') {
    for (const p of ul.node.children ?? []) {
      const [k, v] = p.children ?? [];
      if (!k || !v || v.type !== 'object') continue;
      const o: Record<string, unknown> = {};
      for (const q of v.children ?? []) if (q.children?.[0] && q.children[1]) o[String(q.children[0].value).toLowerCase()] = q.children[1].value;
      if (typeof o.hard === 'number' && typeof o.soft === 'number')
        spec.defaultUlimits.push({
          value: { name: String(o.name ?? k.value), soft: o.soft, hard: o.hard } as Ulimit,
          at: (json as DaemonJson).locate(k, `default-ulimits.${k.value}`),
        });
    }
  }
  for (const f of flags) {
    if (f.key !== 'default-ulimits') continue;
    const m = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(f.value);
    if (m) spec.defaultUlimits.push({ value: { name: m[1] as string, soft: Number(m[2]), hard: Number(m[3] ?? m[2]) }, at: f.at });
  }
  return spec;
}
