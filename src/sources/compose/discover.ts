import { basename, dirname, join } from 'node:path';
import type { Diagnostic } from '../../model/index.js';

/**
 * Main compose file names, in the order compose picks them: compose-go cli/options.go `DefaultFileNames`
 * (`compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml`); `WithDefaultConfigPath` takes the first
 * that exists, and warns when several do.
 */
export const MAIN_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'] as const;
/**
 * Override file names, in the order compose picks them: compose-go cli/options.go `DefaultOverrideFileNames`
 * (`.yml` before `.yaml`). compose merges only the first that exists (`overrides[0]`) over the main file.
 */
export const OVERRIDE_NAMES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'] as const;

const VARIANT = /^(?:docker-)?compose\.(.+)\.ya?ml$/;
const STANDALONE = /\.compose\.ya?ml$/;

const isMainName = (n: string) => (MAIN_NAMES as readonly string[]).includes(n);
const isOverrideName = (n: string) => (OVERRIDE_NAMES as readonly string[]).includes(n);

/** True when a file name is one Bulwark reads as compose. */
export function isComposeFileName(name: string): boolean {
  return isMainName(name) || VARIANT.test(name) || STANDALONE.test(name);
}

/** The files `COMPOSE_FILE` names for a folder's project (compose-go cli/options.go `WithConfigFileEnv`). */
export interface ComposeFileList {
  /** Absolute paths, in merge order; each is there. */
  files: string[];
  /** Where the variable was set, for messages: `the environment` or the `.env` as displayed. */
  from: string;
}

/** How `groupProjects` learns what compose reads in a folder besides the default names, and where it reports. */
export interface GroupOptions {
  /**
   * The project `COMPOSE_FILE` gives a folder (from the environment, else the folder's `.env`): undefined when it is
   * not set, null when it is set but compose would refuse it (a named file that is not there: the callback reported
   * it, and the folder's default project is not judged, as compose runs none of it).
   */
  composeFile?: (dir: string) => ComposeFileList | null | undefined;
  /** Where warnings about files compose does not read go (a second main file, a second override file...). */
  notes?: Diagnostic[];
  /** A path as messages show it. */
  display?: (abs: string) => string;
}

/**
 * Groups compose files into projects, each judged as `docker compose` run in its folder reads it (files merged in
 * order), as compose-go's `WithConfigFileEnv` then `WithDefaultConfigPath` choose them:
 * - per folder, the files `COMPOSE_FILE` names when it is set (in the environment or the folder's `.env`);
 *   otherwise the first main file that exists (MAIN_NAMES order) and the first override file that exists
 *   (OVERRIDE_NAMES order: `compose.override.yml` before `compose.override.yaml`);
 * - each variant (`compose.prod.yaml`, `docker-compose.ci.yml`) as `-f MAIN -f VARIANT`, or alone without a main;
 * - each `NAME.compose.yaml` alone.
 * A main-named or override-named file compose does not read there is never dropped in silence: a warning at it
 * says which file compose reads instead, and it is judged the way it can only be run, with `-f`: a main-named file
 * alone (`-f docker-compose.yml`), an override-named one over the main file (`-f compose.yaml -f
 * compose.override.yaml`), like a variant.
 * @param files absolute paths of compose files (found by discovery or named by the user)
 * @param exists whether a path exists, to find the main and override files of a named variant
 * @returns projects as ordered lists of absolute paths, each list once
 */
export function groupProjects(files: readonly string[], exists: (abs: string) => boolean, options: GroupOptions = {}): string[][] {
  const display = options.display ?? ((abs: string) => abs);
  const byDir = new Map<string, Set<string>>();
  for (const f of files) {
    const d = dirname(f);
    let s = byDir.get(d);
    if (!s) byDir.set(d, (s = new Set()));
    s.add(basename(f));
  }
  const projects: string[][] = [];
  const seen = new Set<string>();
  const add = (p: string[]) => {
    const k = p.join('\u0000');
    if (seen.has(k)) return;
    seen.add(k);
    projects.push(p);
  };
  for (const [dir, named] of byDir) {
    const has = (n: string) => named.has(n) || exists(join(dir, n));
    const main = MAIN_NAMES.find(has);
    const override = OVERRIDE_NAMES.find(has);
    const listed = options.composeFile?.(dir);
    // What compose reads in this folder (absolute paths), and how a message says so.
    let read: string[];
    let reads: string;
    if (listed === null) {
      read = [];
      reads = '';
    } else if (listed !== undefined) {
      read = listed.files;
      reads = `the files COMPOSE_FILE names (set in ${listed.from}: ${listed.files.map(display).join(', ')})`;
    } else {
      read = [];
      if (main !== undefined) read.push(join(dir, main));
      if (override !== undefined) read.push(join(dir, override));
      reads = '';
    }
    const readSet = new Set(read);
    const wantsMain = [...named].some((n) => isMainName(n) || isOverrideName(n) || readSet.has(join(dir, n)));
    if (wantsMain && read.length > 0) add(read);
    for (const n of [...named].sort()) {
      const abs = join(dir, n);
      if (readSet.has(abs)) continue;
      if (isMainName(n) || isOverrideName(n)) {
        // COMPOSE_FILE names a file that is not there: the error says the folder's project is not judged.
        if (listed === null) continue;
        const instead =
          reads || (isMainName(n) ? `${main} (the first of ${MAIN_NAMES.join(', ')})` : `${override} (the first of ${OVERRIDE_NAMES.join(', ')})`);
        const alone = isMainName(n) || main === undefined;
        options.notes?.push({
          code: 'unreadable',
          severity: 'warning',
          message: `compose reads ${instead}, not this file; judged as \`docker compose ${alone ? `-f ${n}` : `-f ${main} -f ${n}`}\` runs it`,
          at: { source: display(abs) },
        });
        add(alone ? [abs] : [join(dir, main as string), abs]);
        continue;
      }
      if (STANDALONE.test(n)) add([abs]);
      else if (VARIANT.test(n)) add(main ? [join(dir, main), abs] : [abs]);
    }
  }
  return projects;
}
