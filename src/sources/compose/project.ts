import { dirname, resolve } from 'node:path';
import { type Diagnostic, quoteName, quoteValue } from '../../model/index.js';
import { type FileReader, readProblem, withReadText } from '../fs.js';
import { includeEnvironment, isRemoteReference, readIncludeEntry } from './include.js';
import type { Environment } from './interpolate.js';
import { type LoadedFile, loadComposeFile } from './load.js';
import { mergeNodes, withoutResets } from './merge.js';
import { get, type LMap, type LNode, type LPair, type LScalar, locate, type SourceFile } from './tree.js';

/** One service of a merged project: its name, the key that declares it, and its merged settings. */
export interface ComposeService {
  name: string;
  key: LPair['key'];
  node: LMap;
  /**
   * The folder a relative `build:` context starts from: the working directory of the file that wrote the context
   * (an `extends` base in another file resolves its paths against its own folder, an include against its
   * `project_directory`), or with no context written, that of the project that declares the service.
   */
  baseDir: string;
  /** The project's merged top-level `volumes:` (named volume definitions), when it is a mapping. */
  volumes?: LMap;
}

/** A compose project as compose runs it: the files merged in order, `extends` and `include` resolved. */
export interface ComposeProject {
  /** Absolute paths of the files merged, in order. */
  files: string[];
  /**
   * Absolute paths of every file read for the project: its files, those `extends` and `include` name, and the env
   * files read to interpolate an include (its `env_file`s or its folder's `.env`); `scanComposeProject` adds the
   * project's `.env` and its services' `env_file`s. A scan counts them all as files read.
   */
  read: string[];
  services: ComposeService[];
  /** The merged top level (`secrets:`, `networks:`...). */
  root?: LMap;
}

/**
 * Loads and merges the files of one project (the first file is the main one, later ones override it,
 * compose's `-f a -f b` order), resolving `extends` and `include` in each file before it is merged, as compose-go
 * does. Problems go to `diagnostics`; when a file of the project does not parse, the project has no services
 * (compose would refuse it too); other projects are still scanned.
 */
export function loadComposeProject(files: readonly string[], fs: FileReader, env: Environment, diagnostics: Diagnostic[]): ComposeProject {
  const loader = fileLoader(fs, diagnostics);
  const ctx: LayerContext = {
    load: loader.load,
    noteRead: loader.noteRead,
    resolveService: extendsResolver(loader.load, diagnostics),
    fs,
    diagnostics,
    includes: 0,
  };
  const layer: Layer = { dir: dirname(files[0] as string), env, chain: [] };
  const merged = loadLayer(
    files.map((abs) => ({ abs })),
    layer,
    ctx,
  );
  const project: ComposeProject = { files: [...files], read: loader.read(), services: [] };
  if (!merged) return project;
  project.root = merged;
  const services = get(merged, 'services');
  if (services !== undefined && services.kind !== 'map' && !(services.kind === 'scalar' && services.value === null)) {
    diagnostics.push({ code: 'not-a-mapping', severity: 'error', message: '"services" must be a mapping of service names', at: locate(services, 'services') });
  }
  const volumes = get(merged, 'volumes');
  if (services?.kind === 'map') {
    for (const [name, pair] of services.entries) {
      if (pair.value.kind !== 'map') {
        // compose refuses `web:` with no settings, as any service that is not a mapping.
        diagnostics.push({
          code: 'invalid-value',
          severity: 'error',
          message: `service ${quoteName(name)} must be a mapping`,
          at: locate(pair.value, `services.${name}`),
        });
        continue;
      }
      const svc: ComposeService = { name, key: pair.key, node: pair.value, baseDir: buildDirOf(pair.value, pair.key) };
      if (volumes?.kind === 'map') svc.volumes = volumes;
      project.services.push(svc);
    }
  }
  return project;
}

/** `ComposeService.baseDir`: where the service's build context was written decides, as in compose-go. */
function buildDirOf(svc: LMap, key: LScalar): string {
  const build = get(svc, 'build');
  const context = build?.kind === 'scalar' ? build : get(build, 'context');
  return originOf((context ?? key).file).dir;
}

/**
 * One compose project as compose-go loads it (`loadYamlModel`): the main project, or the project an `include`
 * entry names. Its files are merged in order; each file's relative paths are read against `dir`.
 */
interface Layer {
  /** The project's working directory: the main file's folder, or an include's `project_directory`. */
  dir: string;
  /** The variables its files are interpolated with. */
  env: Environment;
  /** Absolute paths of the files that include this project, outermost first (include cycles). */
  chain: readonly string[];
}

/** How a file is read: the variables it is interpolated with, and the folder its relative paths start from. */
interface Origin {
  env: Environment;
  /** compose-go's working directory for the file: its project's folder, or for an `extends` base, its own. */
  dir: string;
}

/** Loads a file as `origin` says (`named`: another file names it, see `loadComposeFile`). */
type Load = (abs: string, origin: Origin, named?: boolean) => LoadedFile;

interface LayerContext {
  load: Load;
  /** Adds a file read for the project that is not a compose file (an include's env file) to `ComposeProject.read`. */
  noteRead: (abs: string) => void;
  resolveService: ResolveService;
  fs: FileReader;
  diagnostics: Diagnostic[];
  /** Include entries read so far (at most MAX_INCLUDES). */
  includes: number;
}

/**
 * Reads each file once per project for each origin (the main project and an include may interpolate one file
 * differently), and lists the files read: those it loaded, and those noted with `noteRead`.
 */
function fileLoader(fs: FileReader, diagnostics: Diagnostic[]): { load: Load; noteRead: (abs: string) => void; read: () => string[] } {
  const cache = new Map<Environment, Map<string, LoadedFile>>();
  const read = new Set<string>();
  // Why each file that could not be read could not be (readProblem's words), for the error where another file names it.
  const problems = new Map<string, string>();
  const reader = withReadText(fs, (absolute) => {
    try {
      return fs.readText(absolute);
    } catch (e) {
      problems.set(absolute, readProblem(e));
      throw e;
    }
  });
  const load: Load = (abs, origin, named = false) => {
    let byPath = cache.get(origin.env);
    if (!byPath) cache.set(origin.env, (byPath = new Map()));
    const key = `${origin.dir}\u0000${abs}`;
    let f = byPath.get(key);
    if (!f) {
      const own: Diagnostic[] = [];
      f = loadComposeFile(abs, reader, origin.env, own, { quietIfMissing: named });
      // A file another file names (include, extends) that cannot be read is one error, where it is named
      // (notLoaded): its own `cannot read` error, the only one loadComposeFile gives it then, is left out.
      const why = named ? problems.get(abs) : undefined;
      if (why === undefined) diagnostics.push(...own);
      else unreadableFiles.set(f, why);
      byPath.set(key, f);
      origins.set(f.file, origin);
      if (!f.missing) read.add(abs);
    }
    return f;
  };
  return { load, noteRead: (abs) => read.add(abs), read: () => [...read] };
}

/** Why a file another file names could not be read (readProblem's words), per file loaded. */
const unreadableFiles = new WeakMap<LoadedFile, string>();

/**
 * Why a file named at `node` (an `include` path, an `extends` file) was not loaded, after its key word: `no such file
 * "gone.yaml"`, `cannot read "locked.yaml": permission denied`, or `cannot load "bad.yaml"` (an error in it was
 * reported where it is).
 */
function notLoaded(f: LoadedFile, shown: string): string {
  const why = unreadableFiles.get(f);
  return f.missing ? `no such file ${shown}` : why !== undefined ? `cannot read ${shown}: ${why}` : `cannot load ${shown}`;
}

/** The origin of each file loaded: every node keeps its file, so a value's origin is `origins.get(node.file)`. */
const origins = new WeakMap<SourceFile, Origin>();

/**
 * The folder compose resolves a relative path written at `node` against (compose-go `ResolveRelativePaths`): the
 * working directory of its file's project (the main project's folder, an include's `project_directory`), or for an
 * `extends` base read from another file, that file's folder. A file not loaded through `loadComposeProject` (a
 * test's tree) gives its own folder.
 */
export function workingDirOf(node: LNode): string {
  return origins.get(node.file)?.dir ?? dirname(node.file.absolute);
}

/** The origin of a loaded file (every file is loaded through `fileLoader`). */
function originOf(file: SourceFile): Origin {
  return origins.get(file) as Origin;
}

/** A file of a layer, and for an included one the `include` path node that names it (where problems are reported). */
interface LayerFile {
  abs: string;
  node?: LNode;
}

/**
 * Loads a layer's files, each with its `extends` and `include` resolved, and merges them in order.
 * Undefined when nothing is left to judge: a file did not parse (the layer is refused, as compose refuses it),
 * or no file has content.
 */
function loadLayer(files: readonly LayerFile[], layer: Layer, ctx: LayerContext): LMap | undefined {
  const { diagnostics } = ctx;
  let merged: LMap | undefined;
  for (const { abs, node } of files) {
    const before = diagnostics.length;
    const f = ctx.load(abs, layer, node !== undefined);
    if (node && !f.root) {
      const shown = node.kind === 'scalar' ? quoteValue(String(node.value), node.pieces) : '""';
      const code = unreadableFiles.has(f) ? 'unreadable' : 'include-missing';
      diagnostics.push({ code, severity: 'error', message: `include: ${notLoaded(f, shown)}`, at: locate(node) });
      return undefined;
    }
    // A project with a file that does not parse is not judged: its other files alone would give findings
    // compose would never produce (an override judged without its main file).
    if (diagnostics.slice(before).some((d) => d.severity === 'error')) return undefined;
    if (!f.root) continue;
    const root = resolveIncludes(resolveExtends(f, ctx.resolveService), f, layer, ctx);
    merged = merged ? (mergeNodes(merged, root, []) as LMap) : (withoutResets(root) as LMap);
  }
  return merged;
}

/** Resolves `extends` for one service of a loaded file (memoized per project load; see `extendsResolver`). */
type ResolveService = (f: LoadedFile, name: string) => LMap | undefined;

/** Returns the file's root with every `services.*.extends` replaced by the merged base (compose-spec "extends"). */
function resolveExtends(f: LoadedFile, resolveService: ResolveService): LMap {
  const root = f.root as LMap;
  const services = get(root, 'services');
  if (services?.kind !== 'map') return root;
  let changed = false;
  const out = new Map(services.entries);
  for (const [name, pair] of services.entries) {
    if (pair.value.kind !== 'map' || !pair.value.entries.has('extends')) continue;
    const resolved = resolveService(f, name);
    if (resolved) {
      out.set(name, { key: pair.key, value: resolved });
      changed = true;
    }
  }
  if (!changed) return root;
  const newServices: LMap = { ...services, entries: out };
  const entries = new Map(root.entries);
  const sp = root.entries.get('services') as LPair;
  entries.set('services', { key: sp.key, value: newServices });
  return { ...root, entries };
}

/** One service on the `extends` path being resolved. */
interface ExtendsStep {
  f: LoadedFile;
  name: string;
  svc: LMap;
  ext: LPair;
}

/**
 * Resolves `services.<name>.extends` chains: the service's own keys are merged over its resolved base with the
 * compose merge rules, in the same file or across files (`extends: {file, service}`).
 * Each (file, service) is resolved once per project load and remembered (`null`: it cannot be resolved, an
 * error was reported), and a chain is walked with a loop, not recursion: a chain of n services costs n merges
 * and no call stack. A cycle is reported once for each service on it, at that service's `extends:` key;
 * services that only lead into a cycle, or into a missing base, fail without a report of their own.
 */
function extendsResolver(load: Load, diagnostics: Diagnostic[]): ResolveService {
  const memo = new Map<LoadedFile, Map<string, LMap | null>>();
  const memoOf = (f: LoadedFile): Map<string, LMap | null> => {
    let m = memo.get(f);
    if (!m) memo.set(f, (m = new Map()));
    return m;
  };
  return (start, startName) => {
    const path: ExtendsStep[] = [];
    const onPath = new Map<string, number>();
    let f = start;
    let name = startName;
    // The resolved service the last step on `path` extends; null when it cannot be resolved.
    let base: LMap | null;
    for (;;) {
      const m = memoOf(f);
      const known = m.get(name);
      if (known !== undefined) {
        base = known;
        break;
      }
      const svc = get(get(f.root, 'services'), name);
      if (svc?.kind !== 'map') {
        const last = path.at(-1);
        if (last && svc === undefined) {
          diagnostics.push({
            code: 'extends-missing',
            severity: 'error',
            message: `extends: service ${quoteName(name)} not found`,
            at: locate(last.ext.value),
          });
        }
        base = null;
        break;
      }
      const ext = svc.entries.get('extends');
      if (!ext) {
        m.set(name, svc);
        base = svc;
        break;
      }
      const id = `${f.file.absolute}\u0000${name}`;
      const cycleStart = onPath.get(id);
      if (cycleStart !== undefined) {
        reportCycle(path.slice(cycleStart), diagnostics);
        base = null;
        break;
      }
      onPath.set(id, path.length);
      path.push({ f, name, svc, ext });
      const next = extendsTarget(f, ext.value, load, diagnostics);
      if (!next) {
        base = null;
        break;
      }
      f = next.f;
      name = next.name;
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const step = path[i] as ExtendsStep;
      if (base !== null) {
        const local: LMap = { ...step.svc, entries: new Map(step.svc.entries) };
        local.entries.delete('extends');
        base = mergeNodes(base, local, ['services', step.name]) as LMap;
      }
      memoOf(step.f).set(step.name, base);
    }
    return base ?? undefined;
  };
}

/** The file and service an `extends:` value names; undefined (with a diagnostic) when it names none. */
function extendsTarget(f: LoadedFile, e: LNode, load: Load, diagnostics: Diagnostic[]): { f: LoadedFile; name: string } | undefined {
  let baseName: string | undefined;
  let baseFile = f;
  if (e.kind === 'scalar' && typeof e.value === 'string') baseName = e.value;
  else if (e.kind === 'map') {
    const s = get(e, 'service');
    if (s?.kind === 'scalar' && typeof s.value === 'string') baseName = s.value;
    const file = get(e, 'file');
    if (file?.kind === 'scalar' && typeof file.value === 'string') {
      // The path is relative to the naming file's working directory; the base file is interpolated with the same
      // variables, and its own relative paths start from its own folder (compose-go's getExtendsBaseFromFile).
      if (isRemoteReference(file.value)) {
        const message = `extends: remote file ${quoteValue(file.value, file.pieces)} is not fetched: the service is judged with its own settings only`;
        diagnostics.push({ code: 'remote-reference', severity: 'warning', message, at: locate(file) });
        return undefined;
      }
      const from = originOf(f.file);
      const abs = resolve(from.dir, file.value);
      baseFile = load(abs, { env: from.env, dir: dirname(abs) }, true);
      if (!baseFile.root) {
        const code = unreadableFiles.has(baseFile) ? 'unreadable' : 'extends-missing';
        diagnostics.push({ code, severity: 'error', message: `extends: ${notLoaded(baseFile, quoteValue(file.value, file.pieces))}`, at: locate(file) });
        return undefined;
      }
    }
  }
  if (baseName === undefined) {
    diagnostics.push({ code: 'invalid-value', severity: 'error', message: 'extends must name a service', at: locate(e) });
    return undefined;
  }
  return { f: baseFile, name: baseName };
}

/** Most names in one cycle message; a longer cycle shows its first and last ones and a count. */
const CYCLE_NAMES_SHOWN = 12;

/** A cycle's names joined with arrows, at most CYCLE_NAMES_SHOWN of them. */
function shortCycle(names: readonly string[]): string {
  const shown =
    names.length <= CYCLE_NAMES_SHOWN
      ? names
      : [...names.slice(0, CYCLE_NAMES_SHOWN / 2), `… ${names.length - CYCLE_NAMES_SHOWN} more …`, ...names.slice(-CYCLE_NAMES_SHOWN / 2)];
  return shown.join(' -> ');
}

/** Reports a cycle once for each service on it, at its `extends:` key, the cycle read from that service. */
function reportCycle(cycle: readonly ExtendsStep[], diagnostics: Diagnostic[]): void {
  const names = cycle.map((s) => s.name);
  names.forEach((_, i) => {
    const from = [...names.slice(i), ...names.slice(0, i)];
    from.push(from[0] as string);
    diagnostics.push({
      code: 'extends-cycle',
      severity: 'error',
      message: `extends cycle: ${shortCycle(from)}`,
      at: locate((cycle[i] as ExtendsStep).ext.key),
    });
  });
}

/**
 * Resolves the `include:` entries of one loaded file (compose-spec "include"): each entry is a project of its own,
 * its files merged in order (`path: [a.yaml, a.override.yaml]`), read with its own working directory
 * (`project_directory`, by default the first file's folder) and variables (`env_file`, by default that folder's
 * `.env`), whose services, networks, volumes, secrets and configs are added to the file's.
 * As in compose-go, an entry that includes a file it is included from is an `include-cycle` error, and a resource
 * defined twice (in the file and an include, or in two includes) with different settings an `include-conflict`
 * error; the first definition is kept. Returns the file's root with the resources added and without `include`.
 */
function resolveIncludes(root: LMap, f: LoadedFile, layer: Layer, ctx: LayerContext): LMap {
  const { diagnostics } = ctx;
  const inc = get(root, 'include');
  if (inc === undefined || (inc.kind === 'scalar' && inc.value === null)) return root;
  const out: LMap = { ...root, entries: new Map(root.entries) };
  out.entries.delete('include');
  if (inc.kind !== 'seq') {
    diagnostics.push({ code: 'invalid-value', severity: 'error', message: 'include must be a list', at: locate(inc, 'include') });
    return out;
  }
  const chain = [...layer.chain, f.file.absolute];
  for (const item of inc.items) {
    const entry = readIncludeEntry(item, diagnostics);
    if (!entry) continue;
    // A Git repository or an OCI artifact: compose fetches it, Bulwark does not (no network), so it says what it
    // leaves out instead of failing the scan. Quoted through quoteValue: such URLs often carry a token.
    const remote = entry.paths.find((node) => isRemoteReference(String(node.value)));
    if (remote) {
      const message = `include: remote include ${quoteValue(String(remote.value), remote.pieces)} is not fetched: its services are not judged`;
      diagnostics.push({ code: 'remote-reference', severity: 'warning', message, at: locate(remote) });
      continue;
    }
    const files = entry.paths.map((node) => ({ abs: resolve(layer.dir, String(node.value)), node }));
    // Compared with links resolved: `include: [up/compose.yaml]` through `up -> ..` is the file itself.
    const real = (abs: string): string => ctx.fs.realPath?.(abs) ?? abs;
    const chainReal = chain.map(real);
    const looped = files.find((x) => chainReal.includes(real(x.abs)));
    if (looped) {
      const names = [...chain.slice(chainReal.indexOf(real(looped.abs))), looped.abs].map((abs) => ctx.fs.display(abs));
      diagnostics.push({ code: 'include-cycle', severity: 'error', message: `include cycle: ${shortCycle(names)}`, at: locate(looped.node) });
      continue;
    }
    if (++ctx.includes > MAX_INCLUDES) {
      if (ctx.includes === MAX_INCLUDES + 1) {
        const message = `include: more than ${MAX_INCLUDES} includes in one project; the rest are not read`;
        diagnostics.push({ code: 'too-large', severity: 'error', message, at: locate(item) });
      }
      continue;
    }
    const dir = entry.projectDirectory ? resolve(layer.dir, String(entry.projectDirectory.value)) : dirname((files[0] as LayerFile).abs);
    const { env, read } = includeEnvironment(entry, layer.env, layer.dir, dir, ctx.fs, diagnostics, item);
    for (const abs of read) ctx.noteRead(abs);
    if (!env) continue;
    const imported = loadLayer(files, { dir, env, chain }, ctx);
    if (imported) importResources(imported, out, f, (files[0] as LayerFile).node as LNode, ctx);
  }
  return out;
}

/** Most include entries read for one project: each is a project of its own, and a lattice of includes would otherwise grow exponentially. */
const MAX_INCLUDES = 1000;

/** The top-level sections an include adds to the project that includes it (compose-go's importResources). */
const IMPORTED = ['services', 'volumes', 'networks', 'secrets', 'configs'] as const;

/**
 * Adds the resources of an included project to `target` (the including file's root, changed in place), reporting
 * a name defined again with other settings. `entry` locates the conflict when the first definition is not in `f`.
 */
function importResources(source: LMap, target: LMap, f: LoadedFile, entry: LNode, ctx: LayerContext): void {
  for (const section of IMPORTED) {
    const from = get(source, section);
    if (from?.kind !== 'map') continue;
    const pair = target.entries.get(section);
    // A section that is not a mapping is reported where it is written (services) or judged nowhere; it gets nothing.
    if (pair && pair.value.kind !== 'map' && !(pair.value.kind === 'scalar' && pair.value.value === null)) continue;
    const to: LMap =
      pair?.value.kind === 'map'
        ? { ...pair.value, entries: new Map(pair.value.entries) }
        : { kind: 'map', file: target.file, start: target.start, end: target.start, entries: new Map() };
    for (const [name, def] of from.entries) {
      const first = to.entries.get(name);
      if (!first) {
        to.entries.set(name, def);
        continue;
      }
      if (sameValue(first.value, def.value)) continue;
      const other = locate(def.key);
      ctx.diagnostics.push({
        code: 'include-conflict',
        severity: 'error',
        message: `${section}.${name} conflicts with imported resource: ${other.source}:${other.line}:${other.column} defines it with other settings`,
        at: first.key.file === f.file ? locate(first.key) : locate(entry),
      });
    }
    const key = pair?.key ?? { kind: 'scalar', file: target.file, start: target.start, end: target.start, value: section };
    target.entries.set(section, { key, value: to });
  }
}

/** True when two values are written the same (their locations aside): what compose-go compares to allow a resource defined twice. */
function sameValue(a: LNode, b: LNode): boolean {
  if (a === b) return true;
  if (a.kind === 'scalar' || b.kind === 'scalar') return a.kind === 'scalar' && b.kind === 'scalar' && a.value === b.value;
  if (a.kind === 'seq' || b.kind === 'seq') {
    if (a.kind !== 'seq' || b.kind !== 'seq' || a.items.length !== b.items.length) return false;
    return a.items.every((x, i) => sameValue(x, b.items[i] as LNode));
  }
  if (a.entries.size !== b.entries.size) return false;
  for (const [k, p] of a.entries) {
    const q = b.entries.get(k);
    if (!q || !sameValue(p.value, q.value)) return false;
  }
  return true;
}
