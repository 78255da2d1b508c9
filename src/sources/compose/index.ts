import { dirname, join, resolve } from 'node:path';
import { type ContainerSpec, type Diagnostic, isUnknown, LineIndex, quoteName, quoteValue } from '../../model/index.js';
import { type FileReader, readProblem, whyUnreadable, withReadText } from '../fs.js';
import type { ComposeFileList } from './discover.js';
import { type DotEnvEntry, type Environment, readDotEnv } from './interpolate.js';
import { type ComposeProject, type ComposeService, loadComposeProject } from './project.js';
import { serviceToSpec } from './to-model.js';
import { checkTopLevelKeys } from './top-level-keys.js';
import { get, getPair, type LNode, locate } from './tree.js';

export { type ComposeFileList, type GroupOptions, groupProjects, isComposeFileName, MAIN_NAMES, OVERRIDE_NAMES } from './discover.js';

/** The containers a compose project declares, and the problems met reading it. */
export interface ComposeScan {
  project: ComposeProject;
  specs: ContainerSpec[];
  diagnostics: Diagnostic[];
}

/** The variables of a project (`composeEnvironment`), and the `.env` file read to make them. */
export interface ProjectEnvironment {
  env: Environment;
  /** The absolute path of the project's `.env` when its text was read (also when compose then refuses it). */
  dotenv?: string;
}

/**
 * The variables compose would interpolate with: the project folder's `.env`, overridden by `processEnv`
 * (compose-spec "Interpolation": the shell environment wins over `.env`). The `.env` is read as compose-go's dotenv
 * parser reads it (`readDotEnv`): its values are interpolated from `processEnv` and its own earlier variables. A
 * folder named `.env` is skipped, as compose-go skips it (cli/options.go `WithEnvFiles`: `!s.IsDir()`). A
 * `.env` that is there but cannot be read (no permission, a named pipe, a symbolic link loop) adds an
 * `unreadable` error at its path to `diagnostics`, and one compose refuses (an unterminated quote, a
 * `${VAR:?err}` without a value) an error where it is refused; its variables are then taken as unset.
 */
export function composeEnvironment(
  projectDir: string,
  fs: FileReader,
  processEnv: Readonly<Record<string, string | undefined>>,
  diagnostics: Diagnostic[] = [],
): ProjectEnvironment {
  const fromProcess = (name: string) => (Object.hasOwn(processEnv, name) ? processEnv[name] : undefined);
  const dotenv = dotEnvOf(projectDir, fs, processEnv);
  if (dotenv.problem) diagnostics.push(dotenv.problem);
  const vars = dotenv.vars;
  const env: Environment = {
    get: (name) => fromProcess(name) ?? vars?.get(name)?.value,
    unknown: (name) => (fromProcess(name) === undefined ? vars?.get(name)?.unknown : undefined),
  };
  return dotenv.read ? { env, dotenv: dotenv.read } : { env };
}

/** A folder's `.env`: its variables when it was read, the reason when it is there and could not be, or compose refuses it. */
interface DotEnv {
  vars?: Map<string, DotEnvEntry>;
  problem?: Diagnostic;
  /** Its absolute path, when its text was read. */
  read?: string;
  /** Its text and how it is displayed, when it was read (to locate one of its variables). */
  text?: { text: string; display: string };
}

/** A folder's `.env` as read from disk: its text, or why it could not be read. */
interface DotEnvText {
  display: string;
  text?: string;
  problem?: Diagnostic;
  /** The last parse, and the process environment it was made with (the same for every project of a scan). */
  parsed?: { processEnv: object; env: DotEnv };
}

/** `.env` files already read in this scan, per reader and folder (many projects share a folder). */
const dotEnvCache = new WeakMap<FileReader, Map<string, DotEnvText>>();

function dotEnvOf(dir: string, fs: FileReader, processEnv: Readonly<Record<string, string | undefined>>): DotEnv {
  let byDir = dotEnvCache.get(fs);
  if (!byDir) dotEnvCache.set(fs, (byDir = new Map()));
  let r = byDir.get(dir);
  if (!r) {
    const file = join(dir, '.env');
    r = { display: fs.display(file) };
    try {
      // readText gives undefined for no file (a dangling link too, as compose's os.Stat sees it) and refuses a
      // folder, FIFO or device without opening it.
      const text = fs.readText(file);
      if (text !== undefined) r.text = text;
    } catch (e) {
      // A folder named `.env` is no `.env`: compose-go takes the default `.env` only when `os.Stat` finds it and
      // `!s.IsDir()` (cli/options.go `WithEnvFiles`), so the project is judged without it. Any other stat or read
      // error stays an error, as compose-go returns it.
      if ((e as NodeJS.ErrnoException).code !== 'EISDIR') {
        r.problem = {
          code: 'unreadable',
          severity: 'error',
          message: `cannot read the project's .env: ${readProblem(e)}; the project is not judged (the values it interpolates would be guesses)`,
          at: { source: r.display },
        };
      }
    }
    byDir.set(dir, r);
  }
  if (r.problem) return { problem: r.problem };
  if (r.text === undefined) return {};
  if (r.parsed?.processEnv === processEnv) return r.parsed.env;
  const parsed = readDotEnv(r.text, (name) => (Object.hasOwn(processEnv, name) ? processEnv[name] : undefined));
  const env: DotEnv = { vars: new Map(parsed.entries.map((e) => [e.name, e])), read: join(dir, '.env'), text: { text: r.text, display: r.display } };
  if (parsed.problem) {
    const { code, message, start, end } = parsed.problem;
    env.problem = {
      code,
      severity: 'error',
      message: `${message} (compose refuses this .env); the project is not judged`,
      at: new LineIndex(r.text).location(r.display, start, end),
    };
  }
  r.parsed = { processEnv, env };
  return env;
}

/**
 * The files `COMPOSE_FILE` names for the project of folder `dir`, as `docker compose` run there reads them
 * (compose-go cli/options.go `WithConfigFileEnv`, after `WithOsEnv` and `WithDotEnv`): the variable of the
 * environment, else of the folder's `.env` (the environment wins: `WithDotEnv` adds only variables not set yet), split
 * at `COMPOSE_PATH_SEPARATOR` (taken the same way; `:` when unset or empty, as on Linux and macOS), each path
 * relative to the folder (compose-go's `absolutePaths`, from the working directory `docker compose` runs in).
 * Undefined when it is not set, or the `.env` cannot be read or is refused (the project's scan reports that).
 * Null, with an error in `diagnostics` located at the variable in the `.env` (at the folder when the environment set
 * it), when compose would refuse it: an entry that is empty or names no file, or a value made from a variable that
 * is not set. The paths are quoted through quoteValue (a secret-shaped value is masked).
 */
export function composeFileSetting(
  dir: string,
  fs: FileReader,
  processEnv: Readonly<Record<string, string | undefined>>,
  diagnostics: Diagnostic[],
): ComposeFileList | null | undefined {
  const fromProcess = (name: string) => (Object.hasOwn(processEnv, name) ? processEnv[name] : undefined);
  const dotenv = fromProcess('COMPOSE_FILE') === undefined || fromProcess('COMPOSE_PATH_SEPARATOR') === undefined ? dotEnvOf(dir, fs, processEnv) : {};
  if (dotenv.problem) return undefined;
  const inFile = fromProcess('COMPOSE_FILE') === undefined ? dotenv.vars?.get('COMPOSE_FILE') : undefined;
  const value = fromProcess('COMPOSE_FILE') ?? inFile?.value;
  if (value === undefined && !inFile?.unknown) return undefined;
  const from = inFile && dotenv.text ? dotenv.text.display : 'the environment';
  const at = inFile && dotenv.text ? new LineIndex(dotenv.text.text).location(dotenv.text.display, inFile.start, inFile.end) : { source: fs.display(dir) };
  const refuse = (
    why: string,
    code: Diagnostic['code'] = 'invalid-value',
    consequence = "compose refuses to run this folder's project, so it is not judged",
  ): null => {
    // Set in the environment of bulwark, it applies to every folder scanned, as to `docker compose` run in each; a
    // variable exported for one project is a common cause, so the message says how to judge each folder's own files.
    const remedy = inFile
      ? ''
      : ' (COMPOSE_FILE set in the environment applies to every folder scanned, as to `docker compose` run in each: unset it to judge each folder by its own files)';
    diagnostics.push({ code, severity: 'error', message: `COMPOSE_FILE (set in ${from}) ${why}: ${consequence}${remedy}`, at });
    return null;
  };
  if (value === undefined)
    return refuse(
      `cannot be known (${inFile?.unknown?.reason ?? 'it is made from a variable that is not set'})`,
      'invalid-value',
      "the files of this folder's project would be guesses, so it is not judged",
    );
  const sep = fromProcess('COMPOSE_PATH_SEPARATOR') || dotenv.vars?.get('COMPOSE_PATH_SEPARATOR')?.value || ':';
  const files: string[] = [];
  for (const entry of value.split(sep)) {
    if (entry === '') return refuse(`has an empty entry (${quoteValue(value)})`);
    const abs = resolve(dir, entry);
    if (fs.size(abs) === undefined) {
      const why = whyUnreadable(fs, abs);
      return refuse(`names ${quoteValue(entry)}, which ${why === undefined ? 'is not there' : `cannot be read (${why})`}`, 'unreadable');
    }
    files.push(abs);
  }
  return { files, from };
}

/**
 * Whether compose hands a service to a provider plugin (`provider: {type: awesomecloud}`: a cloud database, a model
 * runner), so that it runs no container: only for a `provider:` mapping whose `type` is a non-empty string (the
 * compose-spec `provider` definition: an object that requires `type`, a string naming the plugin; compose runs the
 * plugin of that name, so an empty one is refused too). What compose refuses (`provider: {}`, `provider: 5`,
 * `provider: ""`, `{type: ""}`, `{type: 5}`) is an `invalid-value` error at the value, and the service is judged as a
 * container: a service is never skipped on a value compose would not accept. A `type` made from a variable without
 * a value is a warning there, and the service is judged as a container too (it may be one).
 */
function isProvider(s: ComposeService, diagnostics: Diagnostic[]): boolean {
  const pair = getPair(s.node, 'provider');
  if (pair === undefined) return false;
  const p = pair.value;
  if (p.kind === 'scalar' && p.value === null && !p.unknown) return false;
  const path = `services.${s.name}.provider`;
  const refuse = (node: LNode, why: string, where = node === p ? path : `${path}.type`): false => {
    diagnostics.push({
      code: 'invalid-value',
      severity: 'error',
      message: `service ${quoteName(s.name)}: ${why} (compose refuses it); the service is judged as a container`,
      at: locate(node, where),
    });
    return false;
  };
  if (p.kind !== 'map') return refuse(p, 'provider must be a mapping with a type (`provider: {type: NAME}`)');
  const type = get(p, 'type');
  if (type === undefined) return refuse(pair.key, 'provider has no type: the compose-spec requires provider.type', path);
  if (type.kind !== 'scalar' || typeof type.value !== 'string') return refuse(type, 'provider.type must be a string naming the provider');
  if (type.unknown) {
    diagnostics.push({
      code: 'invalid-value',
      severity: 'warning',
      message: `service ${quoteName(s.name)}: which provider runs it cannot be known: ${type.unknown.reason}; the service is judged as a container`,
      at: locate(type, `${path}.type`),
    });
    return false;
  }
  if (type.value.trim() === '') return refuse(type, 'provider.type is empty: it must name the provider');
  return true;
}

/**
 * Reads one compose project (files in merge order, absolute paths) into ContainerSpecs.
 * Never throws for bad input: problems are returned as diagnostics. A project whose `.env` cannot be read is not
 * judged (no specs): every value it interpolates would be a guess.
 * `project.read` lists every file read for the project, the env files compose reads included: the project's
 * `.env`, the `env_file`s of its services and of its includes (a file whose text was read, also when compose then
 * refuses a line of it). Findings and errors can point into them, so a scan counts them as files read.
 */
export function scanComposeProject(files: readonly string[], fs: FileReader, processEnv: Readonly<Record<string, string | undefined>>): ComposeScan {
  const diagnostics: Diagnostic[] = [];
  const { env, dotenv } = composeEnvironment(dirname(files[0] as string), fs, processEnv, diagnostics);
  const envFiles = dotenv === undefined ? [] : [dotenv];
  if (diagnostics.length > 0) return { project: { files: [...files], read: envFiles, services: [] }, specs: [], diagnostics };
  const project = loadComposeProject(files, fs, env, diagnostics);
  // compose refuses a file with a top-level key the spec does not define (`Services:`): an error at the key.
  if (project.root) checkTopLevelKeys(project.root, diagnostics);
  // A service with `provider:` runs no container (compose hands it to a provider plugin, e.g. a cloud database):
  // the container rules do not apply to it. What serviceToSpec reads through `fs` is its env_files.
  const reader = notingReads(fs, envFiles);
  const specs = project.services
    .filter((s) => validServiceName(s, diagnostics) && !isProvider(s, diagnostics))
    .map((s) => serviceToSpec(s, diagnostics, { fs: reader, env }));
  joinNamespaces(specs);
  addVolumesFrom(project.services, specs);
  project.read = [...new Set([...project.read, ...envFiles])];
  return { project, specs, diagnostics };
}

/** The names the compose-spec schema allows for services (`services` `patternProperties`, no other property). */
const SERVICE_NAME = /^[a-zA-Z0-9._-]+$/;

/**
 * Whether a service's name is one compose takes (compose-spec schema: `^[a-zA-Z0-9._-]+$`). Another one (`my app`,
 * `postgres://u:pw@db`) makes compose refuse the file: an `invalid-value` error at the name, quoted through
 * quoteValue (a name can hold a secret, which every finding's message would repeat), and the service is not judged.
 */
function validServiceName(s: ComposeService, diagnostics: Diagnostic[]): boolean {
  if (SERVICE_NAME.test(s.name)) return true;
  diagnostics.push({
    code: 'invalid-value',
    severity: 'error',
    message: `service name ${quoteName(s.name)} is not valid: compose takes only letters, digits, ".", "_" and "-" (the service is not judged)`,
    at: locate(s.key),
  });
  return false;
}

/**
 * `volumes_from` (`- agent`, `- agent:ro`, `- service:agent:rw`): the container gets every volume and bind mount of
 * the named service's container (Docker `--volumes-from`), those it got through its own `volumes_from` included, so
 * they join the spec's mounts, located at the `volumes_from` entry, where the finding must point (`agent`'s
 * `/var/run/docker.sock` is `app`'s too). `:ro` makes them read-only; otherwise each keeps its mode. A later entry's
 * mount replaces an earlier one at the same target, and the service's own `volumes` replace both. tmpfs mounts are
 * not shared, and `container:NAME` names a container outside the project, which a scan cannot see; an entry from a
 * variable without a value, or naming a service the project does not have (compose refuses it), is left out.
 */
function addVolumesFrom(services: readonly ComposeService[], specs: readonly ContainerSpec[]): void {
  const nodes = new Map<string, LNode>();
  for (const s of services) {
    const list = get(s.node, 'volumes_from');
    if (list) nodes.set(s.name, list);
  }
  // Most projects have no volumes_from: nothing to resolve, nothing to allocate per service.
  if (nodes.size === 0) return;
  const byName = new Map(specs.map((s) => [s.name, s]));
  const done = new Set<string>();
  const resolveOne = (spec: ContainerSpec, open: Set<string>): void => {
    if (done.has(spec.name)) return;
    const list = nodes.get(spec.name);
    const items = list?.kind === 'seq' ? list.items : [];
    if (items.length === 0) {
      done.add(spec.name);
      return;
    }
    open.add(spec.name);
    // moby `registerMountPoints`: mounts from another container replace earlier ones at the same target, and the
    // container's own volumes replace both.
    const own = new Set(spec.mounts.map((m) => (isUnknown(m.value) ? undefined : m.value.target)));
    const shared = new Map<string, ContainerSpec['mounts'][number]>();
    items.forEach((item, i) => {
      if (item.kind !== 'scalar' || item.unknown || typeof item.value !== 'string') return;
      const parts = item.value.split(':');
      if (parts[0] === 'container') return;
      if (parts[0] === 'service') parts.shift();
      const [name, mode] = parts as [string, string | undefined];
      const from = byName.get(name);
      if (from === undefined || open.has(name)) return;
      resolveOne(from, open);
      const at = locate(item, `services.${spec.name}.volumes_from[${i}]`);
      for (const m of from.mounts) {
        if (isUnknown(m.value) || m.value.type === 'tmpfs' || own.has(m.value.target)) continue;
        shared.delete(m.value.target);
        shared.set(m.value.target, { value: mode === 'ro' ? { ...m.value, readOnly: true } : m.value, at });
      }
    });
    spec.mounts.push(...shared.values());
    open.delete(spec.name);
    done.add(spec.name);
  };
  for (const spec of specs) resolveOne(spec, new Set());
}

/**
 * Follows `network_mode`, `pid` and `ipc` written as `service:NAME` through the project's services, as compose runs
 * them (the container joins the namespace of NAME's container): where the chain ends in a service whose own mode is
 * `host`, or one that cannot be known (`${NET}` without a value), the spec gets `joinedNamespaces` so that the
 * host-namespace rules judge it (`app` with `network_mode: service:vpn` is on the host's network when `vpn` is). A
 * chain that loops, names a service the project does not have (compose refuses both) or ends anywhere else is left.
 */
function joinNamespaces(specs: readonly ContainerSpec[]): void {
  let byName: Map<string, ContainerSpec> | undefined;
  for (const field of ['networkMode', 'pidMode', 'ipcMode'] as const) {
    for (const spec of specs) {
      let mode = spec[field]?.value;
      // Most services join no other service's namespace: nothing to follow, nothing to allocate.
      if (typeof mode !== 'string' || !mode.startsWith('service:')) continue;
      byName ??= new Map(specs.map((s) => [s.name, s]));
      const seen = new Set<string>([spec.name]);
      let via: string | undefined;
      while (typeof mode === 'string' && mode.startsWith('service:')) {
        via = mode.slice('service:'.length);
        const next = byName.get(via);
        if (next === undefined || seen.has(via)) break;
        seen.add(via);
        mode = next[field]?.value;
      }
      if (via === undefined || !(isUnknown(mode) || (typeof mode === 'string' && mode.toLowerCase() === 'host'))) continue;
      spec.joinedNamespaces = { ...spec.joinedNamespaces, [field]: { mode: isUnknown(mode) ? mode : 'host', via } };
    }
  }
}

/** `fs`, adding to `read` the absolute path of each file whose text it gives. */
function notingReads(fs: FileReader, read: string[]): FileReader {
  return withReadText(fs, (absolute) => {
    const text = fs.readText(absolute);
    if (text !== undefined) read.push(absolute);
    return text;
  });
}
