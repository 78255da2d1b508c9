import { basename, dirname, join } from 'node:path';

/** Main compose file names, in the order compose picks them (compose-spec "Compose file"). */
export const MAIN_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'] as const;
/** Override file names compose loads after the main file when present. */
export const OVERRIDE_NAMES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'] as const;

const VARIANT = /^(?:docker-)?compose\.(.+)\.ya?ml$/;
const STANDALONE = /\.compose\.ya?ml$/;

/** True when a file name is one Bulwark reads as compose. */
export function isComposeFileName(name: string): boolean {
  return (MAIN_NAMES as readonly string[]).includes(name) || VARIANT.test(name) || STANDALONE.test(name);
}

/**
 * Groups compose files into projects, each judged as compose runs it (files merged in order):
 * - per folder, the main file compose would pick plus its override file (`compose.override.yaml`);
 * - each variant (`compose.prod.yaml`, `docker-compose.ci.yml`) as `-f MAIN -f VARIANT`, or alone without a main;
 * - each `NAME.compose.yaml` alone; other main-named files compose would not pick are scanned alone too.
 * @param files absolute paths of compose files (found by discovery or named by the user)
 * @param exists whether a path exists, to find the main and override files of a named variant
 * @returns projects as ordered lists of absolute paths
 */
export function groupProjects(files: readonly string[], exists: (abs: string) => boolean): string[][] {
  const byDir = new Map<string, Set<string>>();
  for (const f of files) {
    const d = dirname(f);
    let s = byDir.get(d);
    if (!s) byDir.set(d, (s = new Set()));
    s.add(basename(f));
  }
  const projects: string[][] = [];
  for (const [dir, named] of byDir) {
    const has = (n: string) => named.has(n) || exists(join(dir, n));
    const main = MAIN_NAMES.find(has);
    const override = OVERRIDE_NAMES.find(has);
    const mainProject: string[] = [];
    if (main !== undefined) mainProject.push(join(dir, main));
    if (override !== undefined) mainProject.push(join(dir, override));
    const wantsMain = [...named].some((n) => (MAIN_NAMES as readonly string[]).includes(n) || (OVERRIDE_NAMES as readonly string[]).includes(n));
    if (wantsMain && mainProject.length > 0) projects.push(mainProject);
    for (const n of [...named].sort()) {
      if (n === main || n === override) continue;
      if ((MAIN_NAMES as readonly string[]).includes(n) || (OVERRIDE_NAMES as readonly string[]).includes(n)) {
        if (!(OVERRIDE_NAMES as readonly string[]).includes(n)) projects.push([join(dir, n)]);
        continue;
      }
      if (STANDALONE.test(n)) projects.push([join(dir, n)]);
      else if (VARIANT.test(n)) projects.push(main ? [join(dir, main), join(dir, n)] : [join(dir, n)]);
    }
  }
  return projects;
}
