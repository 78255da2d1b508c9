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
  const load = (abs: string): LoadedFile => {
    let f = cache.get(abs);
    if (!f) {
      f = loadComposeFile(abs, fs, env, diagnostics);
      cache.set(abs, f);
    }
    return f;
  };
  let merged: LMap | undefined;
  for (const abs of files) {
    const before = diagnostics.length;
    const f = load(abs);
    // A project with a file that does not parse is not judged: its other files alone would give findings
    // compose would never produce (an override judged without its main file).
    if (diagnostics.slice(before).some((d) => d.severity === 'error')) return { files: [...files], services: [] };
    if (!f.root) continue;
    const root = resolveExtends(f, load, diagnostics);
    merged = merged ? (mergeNodes(merged, root, []) as LMap) : root;
  }
  const project: ComposeProject = { files: [...files], services: [] };
  if (!merged) return project;
  merged = resolveIncludes(merged, files[0] as string, load, diagnostics, new Set(files));
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

/** Returns the file's root with every `services.*.extends` replaced by the merged base (compose-spec "extends"). */
function resolveExtends(f: LoadedFile, load: (abs: string) => LoadedFile, diagnostics: Diagnostic[]): LMap {
  const root = f.root as LMap;
  const services = get(root, 'services');
  if (services?.kind !== 'map') return root;
  let changed = false;
  const out = new Map(services.entries);
  for (const [name, pair] of services.entries) {
    if (pair.value.kind !== 'map' || !pair.value.entries.has('extends')) continue;
    const resolved = extendService(f, name, load, diagnostics, []);
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

function extendService(f: LoadedFile, name: string, load: (abs: string) => LoadedFile, diagnostics: Diagnostic[], stack: string[]): LMap | undefined {
  const id = `${f.file.absolute}#${name}`;
  const services = get(f.root, 'services');
  const svc = get(services, name);
  if (svc?.kind !== 'map') return undefined;
  const ext = svc.entries.get('extends');
  if (!ext) return svc;
  if (stack.includes(id)) {
    diagnostics.push({
      code: 'extends-cycle',
      severity: 'error',
      message: `extends cycle: ${[...stack, id].map((s) => s.split('#')[1]).join(' -> ')}`,
      at: locate(ext.key),
    });
    return undefined;
  }
  let baseName: string | undefined;
  let baseFile = f;
  const e = ext.value;
  if (e.kind === 'scalar' && typeof e.value === 'string') baseName = e.value;
  else if (e.kind === 'map') {
    const s = get(e, 'service');
    if (s?.kind === 'scalar' && typeof s.value === 'string') baseName = s.value;
    const file = get(e, 'file');
    if (file?.kind === 'scalar' && typeof file.value === 'string') {
      baseFile = load(resolve(dirname(f.file.absolute), file.value));
      if (!baseFile.root) {
        diagnostics.push({ code: 'extends-missing', severity: 'error', message: `extends: cannot load "${file.value}"`, at: locate(file) });
        return undefined;
      }
    }
  }
  if (baseName === undefined) {
    diagnostics.push({ code: 'invalid-value', severity: 'error', message: 'extends must name a service', at: locate(e) });
    return undefined;
  }
  const base = extendService(baseFile, baseName, load, diagnostics, [...stack, id]);
  if (!base) {
    if (!stack.includes(`${baseFile.file.absolute}#${baseName}`) && get(get(baseFile.root, 'services'), baseName) === undefined) {
      diagnostics.push({ code: 'extends-missing', severity: 'error', message: `extends: service "${baseName}" not found`, at: locate(e) });
    }
    return undefined;
  }
  const local: LMap = { ...svc, entries: new Map(svc.entries) };
  local.entries.delete('extends');
  return mergeNodes(base, local, ['services', name]) as LMap;
}

/** Adds the services of `include:` files (compose-spec "include") that the project does not define itself. */
function resolveIncludes(root: LMap, mainFile: string, load: (abs: string) => LoadedFile, diagnostics: Diagnostic[], seen: Set<string>): LMap {
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
    const f = load(abs);
    if (!f.root) {
      diagnostics.push({ code: 'include-missing', severity: 'error', message: `include: cannot load "${path}"`, at: locate(node) });
      continue;
    }
    const incRoot = resolveIncludes(resolveExtends(f, load, diagnostics), abs, load, diagnostics, seen);
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
