import { type Dirent, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Folders never descended into: VCS metadata and dependency trees. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['.git', '.hg', '.svn', 'node_modules', '.venv', '__pycache__']);

/** What a walk found: files by absolute path, and paths that could not be read. */
export interface WalkResult {
  files: string[];
  /** Paths as given that could not be read, with why (`no such file or folder`, `symbolic link loop`, `permission denied`). */
  missing: { path: string; reason: string }[];
}

/**
 * Lists the files under the given paths (files are taken as given), depth first, sorted by name so output is
 * stable, each file once (`scan . stack.yml` names stack.yml twice). Symbolic links to folders are not followed
 * (no loops); links to files are.
 */
export function walk(paths: readonly string[], cwd: string, ignore: (abs: string) => boolean = () => false): WalkResult {
  const files: string[] = [];
  const missing: WalkResult['missing'] = [];
  const visit = (dir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = join(dir, e.name);
      if (ignore(abs)) continue;
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) visit(abs);
      } else if (e.isFile()) files.push(abs);
      else if (e.isSymbolicLink()) {
        try {
          if (statSync(abs).isFile()) files.push(abs);
        } catch {
          /* dangling link: nothing to scan */
        }
      }
    }
  };
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const reason = code === 'ELOOP' ? 'symbolic link loop' : code === 'EACCES' ? 'permission denied' : 'no such file or folder';
      missing.push({ path: p, reason });
      continue;
    }
    if (st.isDirectory()) visit(abs);
    else files.push(abs);
  }
  return { files: [...new Set(files)], missing };
}
