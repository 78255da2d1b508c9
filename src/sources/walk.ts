import { type Dirent, readdirSync, readlinkSync, type Stats, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readProblem } from './fs.js';

/** Folders never descended into: VCS metadata and dependency trees. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['.git', '.hg', '.svn', 'node_modules', '.venv', '__pycache__']);

/** What a walk found: files by absolute path, and paths that could not be read. */
export interface WalkResult {
  files: string[];
  /** Paths as given that could not be read, with why (`no such file or folder`, `symbolic link loop`, `permission denied`). */
  missing: { path: string; reason: string }[];
  /**
   * Entries found while walking that cannot be scanned: names that are not valid UTF-8 (Node.js decodes them
   * with U+FFFD, so the path no longer exists), entries that are not regular files (FIFO, socket, device, a link
   * to one, a dangling link, a link loop), links whose target cannot be reached (`unreadable`), and folders that
   * cannot be listed (`folder`: nothing below them was seen). The pipeline warns about names always, reports
   * folders as errors always, and reports `special` (warning) and `unreadable` (error) entries when a handler
   * would have read them by name.
   */
  skipped: { path: string; reason: string; kind: 'name' | 'special' | 'unreadable' | 'folder' }[];
  /** Entries the `ignore` predicate left out (a folder stands for everything below it), absolute. */
  excluded: string[];
  /** The paths given that are folders, absolute. */
  folders: Set<string>;
  /**
   * What was stat'ed of the paths given that are files, by absolute path: a FileReader made after the walk can
   * start from it (realFs' `known`), so that a file named on the command line is not stat'ed twice.
   */
  stats: Map<string, Stats>;
}

/**
 * Lists the files under the given paths (files are taken as given), depth first, sorted by name so output is
 * stable, each file once (`scan . stack.yml` names stack.yml twice). Symbolic links to folders met while walking
 * are not followed (no loops, no leaving the tree; a link named as a path is followed); links to files are.
 */
export function walk(paths: readonly string[], cwd: string, ignore: (abs: string) => boolean = () => false): WalkResult {
  const files: string[] = [];
  const missing: WalkResult['missing'] = [];
  const skipped: WalkResult['skipped'] = [];
  const folders = new Set<string>();
  const excluded: string[] = [];
  const stats = new Map<string, Stats>();
  const visit = (dir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      // Gone since it was listed: nothing to say. Anything else (no permission) hides what is below it.
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') skipped.push({ path: dir, reason: `${readProblem(e)}; nothing below it was scanned`, kind: 'folder' });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = join(dir, e.name);
      if (ignore(abs)) {
        excluded.push(abs);
        continue;
      }
      if (e.name.includes('\uFFFD')) {
        skipped.push({ path: join(dir, rawName(dir, e.name)), reason: 'the name is not valid UTF-8; rename it to scan it', kind: 'name' });
        continue;
      }
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) visit(abs);
      } else if (e.isFile()) files.push(abs);
      else if (e.isSymbolicLink()) {
        let st: ReturnType<typeof statSync>;
        try {
          st = statSync(abs);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ENOENT' || code === 'ENOTDIR')
            skipped.push({ path: abs, reason: `a dangling symbolic link (to ${linkTarget(abs)}, which does not exist)`, kind: 'special' });
          else if (code === 'ELOOP') skipped.push({ path: abs, reason: 'a symbolic link loop', kind: 'special' });
          else skipped.push({ path: abs, reason: `a symbolic link whose target cannot be read (${readProblem(err)})`, kind: 'unreadable' });
          continue;
        }
        if (st.isFile()) files.push(abs);
        else if (!st.isDirectory()) skipped.push({ path: abs, reason: `a link to ${special(st)}, not a regular file`, kind: 'special' });
      } else skipped.push({ path: abs, reason: `${special(e)}, not a regular file`, kind: 'special' });
    }
  };
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const reason =
        code === 'ELOOP'
          ? 'symbolic link loop'
          : code === 'EACCES'
            ? 'permission denied'
            : abs.includes('\uFFFD')
              ? 'no such file or folder (the path was not valid UTF-8, which cannot be passed through)'
              : 'no such file or folder';
      missing.push({ path: p, reason });
      continue;
    }
    if (st.isDirectory()) {
      folders.add(abs);
      visit(abs);
    } else if (st.isFile()) {
      files.push(abs);
      stats.set(abs, st);
    } else missing.push({ path: p, reason: `${special(st)}, not a regular file` });
  }
  return { files: [...new Set(files)], missing, skipped, excluded, folders, stats };
}

/** Where a symbolic link points, as written in it. */
function linkTarget(abs: string): string {
  try {
    return readlinkSync(abs);
  } catch {
    return 'a path';
  }
}

/**
 * The name as its bytes, for a name that is not valid UTF-8: printable ASCII as is, other bytes as `\xHH`
 * (`\xe9t\xe9`), so that the user can tell which entry is meant. Falls back to the decoded name.
 */
function rawName(dir: string, decoded: string): string {
  try {
    for (const b of readdirSync(dir, { encoding: 'buffer' })) {
      if (b.toString('utf8') !== decoded) continue;
      let out = '';
      for (const byte of b) out += byte >= 0x20 && byte < 0x7f && byte !== 0x5c ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
      return out;
    }
  } catch {
    /* the folder went away: keep the decoded name */
  }
  return decoded;
}

/** What a non-regular file is, in words. */
function special(st: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a file';
}
