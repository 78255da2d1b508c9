import { dirname, resolve } from 'node:path';
import type { Diagnostic } from '../../model/index.js';
import type { FileReader } from '../fs.js';
import type { Environment } from './interpolate.js';
import { type LoadedFile, loadComposeFile } from './load.js';
import { mergeNodes } from './merge.js';
import { get, type LMap, type LNode, type LPair, locate } from './tree.js';

/** One service of a merged project: its name, the key that declares it, and its merged settings. */
export interface ComposeService {
  name: string;
  key: LPair['key'];
  node: LMap;
  /** Folder of the file that declared the service, for relative `build:` paths. */
  baseDir: string;
}

/** A compose project as compose runs it: the files merged in order, `extends` and `include` resolved. */
export interface ComposeProject {
  /** Absolute paths of the files merged, in order. */
  files: string[];
  /** Absolute paths of every file read for the project: its files and those `extends` and `include` name. */
  read: string[];
  services: ComposeService[];
  /** The merged top level (`secrets:`, `networks:`...). */
  root?: LMap;
}

/**
 * Loads and merges the files of one project (the first file is the main one, later ones override it,
 * compose's `-f a -f b` order), resolving `extends` in each file and `include` entries.
 * Problems go to `diagnostics`; when a file of the project does not parse, the project has no services
 * (compose would refuse it too); other projects are still scanned.
 */
export function loadComposeProject(files: readonly string[], fs: FileReader, env: Environment, diagnostics: Diagnostic[]): ComposeProject {
  const cache = new Map<string, LoadedFile>();
  /** `named`: the file is named by another one (extends, include), which reports it missing where it names it. */
  const load = (abs: string, named = false): LoadedFile => {
    let f = cache.get(abs);
    if (!f) {
      f = loadComposeFile(abs, fs, env, diagnostics, { quietIfMissing: named });
      cache.set(abs, f);
    }
    return f;
  };
  const readFiles = (): string[] => [...cache].flatMap(([abs, f]) => (f.missing ? [] : [abs]));
  const resolveService = extendsResolver(load, diagnostics);
  let merged: LMap | undefined;
  for (const abs of files) {
    const before = diagnostics.length;
    const f = load(abs);
    // A project with a file that does not parse is not judged: its other files alone would give findings
    // compose would never produce (an override judged without its main file).
    if (diagnostics.slice(before).some((d) => d.severity === 'error')) return { files: [...files], read: readFiles(), services: [] };
    if (!f.root) continue;
    const root = resolveExtends(f, resolveService);
    merged = merged ? (mergeNodes(merged, root, []) as LMap) : root;
  }
  const project: ComposeProject = { files: [...files], read: [], services: [] };
  if (!merged) {
    project.read = readFiles();
    return project;
  }
  merged = resolveIncludes(merged, files[0] as string, load, resolveService, diagnostics, new Set(files));
  project.read = readFiles();
  project.root = merged;
  const services = get(merged, 'services');
  if (services !== undefined && services.kind !== 'map' && !(services.kind === 'scalar' && services.value === null)) {
    diagnostics.push({ code: 'not-a-mapping', severity: 'error', message: '"services" must be a mapping of service names', at: locate(services, 'services') });
  }
  if (services?.kind === 'map') {
    for (const [name, pair] of services.entries) {
      if (pair.value.kind !== 'map') {
        // compose refuses `web:` with no settings, as any service that is not a mapping.
        diagnostics.push({
          code: 'invalid-value',
          severity: 'error',
          message: `service "${name}" must be a mapping`,
          at: locate(pair.value, `services.${name}`),
        });
        continue;
      }
      project.services.push({ name, key: pair.key, node: pair.value, baseDir: dirname(pair.key.file.absolute) });
    }
  }
  return project;
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
function extendsResolver(load: (abs: string, named?: boolean) => LoadedFile, diagnostics: Diagnostic[]): ResolveService {
  const memo = new Map<string, Map<string, LMap | null>>();
  const memoOf = (f: LoadedFile): Map<string, LMap | null> => {
    let m = memo.get(f.file.absolute);
    if (!m) memo.set(f.file.absolute, (m = new Map()));
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
          diagnostics.push({ code: 'extends-missing', severity: 'error', message: `extends: service "${name}" not found`, at: locate(last.ext.value) });
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
function extendsTarget(
  f: LoadedFile,
  e: LNode,
  load: (abs: string, named?: boolean) => LoadedFile,
  diagnostics: Diagnostic[],
): { f: LoadedFile; name: string } | undefined {
  let baseName: string | undefined;
  let baseFile = f;
  if (e.kind === 'scalar' && typeof e.value === 'string') baseName = e.value;
  else if (e.kind === 'map') {
    const s = get(e, 'service');
    if (s?.kind === 'scalar' && typeof s.value === 'string') baseName = s.value;
    const file = get(e, 'file');
    if (file?.kind === 'scalar' && typeof file.value === 'string') {
      baseFile = load(resolve(dirname(f.file.absolute), file.value), true);
      if (!baseFile.root) {
        const why = baseFile.missing ? 'no such file' : 'cannot load';
        diagnostics.push({ code: 'extends-missing', severity: 'error', message: `extends: ${why} "${file.value}"`, at: locate(file) });
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

/** Most services named in one cycle message; a longer cycle shows its first and last ones and a count. */
const CYCLE_NAMES_SHOWN = 12;

/** Reports a cycle once for each service on it, at its `extends:` key, the cycle read from that service. */
function reportCycle(cycle: readonly ExtendsStep[], diagnostics: Diagnostic[]): void {
  const names = cycle.map((s) => s.name);
  names.forEach((_, i) => {
    const from = [...names.slice(i), ...names.slice(0, i)];
    from.push(from[0] as string);
    const shown =
      from.length <= CYCLE_NAMES_SHOWN
        ? from
        : [...from.slice(0, CYCLE_NAMES_SHOWN / 2), `… ${from.length - CYCLE_NAMES_SHOWN} more …`, ...from.slice(-CYCLE_NAMES_SHOWN / 2)];
    diagnostics.push({
      code: 'extends-cycle',
      severity: 'error',
      message: `extends cycle: ${shown.join(' -> ')}`,
      at: locate((cycle[i] as ExtendsStep).ext.key),
    });
  });
}

/** Adds the services of `include:` files (compose-spec "include") that the project does not define itself. */
function resolveIncludes(
  root: LMap,
  mainFile: string,
  load: (abs: string, named?: boolean) => LoadedFile,
  resolveService: ResolveService,
  diagnostics: Diagnostic[],
  seen: Set<string>,
): LMap {
  const inc = get(root, 'include');
  if (inc?.kind !== 'seq') return root;
  const paths: { node: LNode; path: string }[] = [];
  for (const item of inc.items) {
    if (item.kind === 'scalar' && typeof item.value === 'string') paths.push({ node: item, path: item.value });
    else if (item.kind === 'map') {
      const p = get(item, 'path');
      if (p?.kind === 'scalar' && typeof p.value === 'string') paths.push({ node: p, path: p.value });
      else if (p?.kind === 'seq') for (const x of p.items) if (x.kind === 'scalar' && typeof x.value === 'string') paths.push({ node: x, path: x.value });
    }
  }
  let services = get(root, 'services');
  const entries = new Map(services?.kind === 'map' ? services.entries : []);
  for (const { node, path } of paths) {
    const abs = resolve(dirname(node.file.absolute || mainFile), path);
    if (seen.has(abs)) continue;
    seen.add(abs);
    const f = load(abs, true);
    if (!f.root) {
      const why = f.missing ? 'no such file' : 'cannot load';
      diagnostics.push({ code: 'include-missing', severity: 'error', message: `include: ${why} "${path}"`, at: locate(node) });
      continue;
    }
    const incRoot = resolveIncludes(resolveExtends(f, resolveService), abs, load, resolveService, diagnostics, seen);
    const incServices = get(incRoot, 'services');
    if (incServices?.kind !== 'map') continue;
    for (const [name, pair] of incServices.entries) if (!entries.has(name)) entries.set(name, pair);
  }
  const sp = root.entries.get('services');
  const newEntries = new Map(root.entries);
  services = { ...(services?.kind === 'map' ? services : { kind: 'map', file: root.file, start: root.start, end: root.start }), entries } as LMap;
  newEntries.set('services', { key: sp?.key ?? { kind: 'scalar', file: root.file, start: root.start, end: root.start, value: 'services' }, value: services });
  return { ...root, entries: newEntries };
}
