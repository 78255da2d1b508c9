import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAMES } from './schema.js';

/**
 * What the search needs to know about a path, following symbolic links; undefined when nothing is there. A link
 * whose target is missing or that loops is `broken-link` (owner and mode are the link's own).
 */
export interface PathInfo {
  kind: 'file' | 'dir' | 'other' | 'broken-link';
  /** Owner's user id. */
  uid: number;
  /** Permission bits (`st_mode & 0o7777`). */
  mode: number;
}

/** Who runs the search: the user id (undefined where there is none, on Windows) and the home folder. */
export interface SearchUser {
  uid?: number;
  home?: string;
}

/** The outcome of the search: the file to use, or a file met and not used (with why), or neither. */
export interface ConfigSearch {
  file?: string;
  /**
   * A configuration file met that is not used: in a folder other users can write (`error` false: a warning), or
   * not a regular file (`error` true). The search stops there in both cases.
   */
  skipped?: { file: string; reason: string; error: boolean };
  /** With `file`: a file of the other configuration name in the same folder (`.bulwark.yml`), which is not read. */
  shadowed?: string;
}

/**
 * Why a folder's configuration cannot be trusted: someone other than you or root could have put it there
 * (the folder is writable by all users, like /tmp, or owned by another user). Undefined when it can.
 */
function distrust(dir: string, info: PathInfo | undefined, user: SearchUser): string | undefined {
  if (!info) return `${dir} cannot be examined`;
  if (info.mode & 0o002) return `${dir} is writable by every user`;
  if (user.uid !== undefined && info.uid !== user.uid && info.uid !== 0) return `${dir} is owned by user ${info.uid}, not by you (${user.uid}) or root`;
  return undefined;
}

/**
 * Looks for `.bulwark.yaml` (then `.bulwark.yml`) in the folder of `start` (or `start` itself when it is a folder)
 * and each parent, and returns the nearest. The search ends after the root of the repository that holds `start`
 * (the first folder with a `.git` folder or file), after the user's home folder, and at the filesystem root. A file
 * in a folder that someone other than the user or root could write (writable by all users, as /tmp is, or owned by
 * another user), or a file that is itself such (another user's, or writable by all, a link judged by its target),
 * could have been planted: it is reported (`skipped`) and not used, and the search stops there. A configuration
 * path that is not a regular file (a folder, a named pipe, a link to nothing) is reported and never opened. When
 * both names are files in the folder found, the other one is returned as `shadowed` (it is not read).
 * `stat` is passed in so tests can use an in-memory tree.
 */
export function findConfigFile(start: string, stat: (abs: string) => PathInfo | undefined, user: SearchUser = {}): ConfigSearch {
  let dir = resolve(start);
  if (stat(dir)?.kind !== 'dir') dir = dirname(dir);
  const home = user.home !== undefined ? resolve(user.home) : undefined;
  for (;;) {
    const untrusted = distrust(dir, stat(dir), user);
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      const info = stat(candidate);
      if (!info) continue;
      // The file itself (a link is judged by its target) as its folder: another user's file, or one every user
      // can write, could have been put or changed there by someone else.
      const doubt = untrusted ?? (info.kind === 'file' ? distrust(candidate, info, user) : undefined);
      if (doubt)
        return { skipped: { file: candidate, reason: `${doubt}, so another user could have put it there; name it with --config to use it`, error: false } };
      if (info.kind !== 'file') {
        const what =
          info.kind === 'dir'
            ? 'a folder, not a file'
            : info.kind === 'broken-link'
              ? 'a symbolic link to nothing (its target is missing, or the links loop); a configuration further up is not used in its place'
              : 'not a regular file (a named pipe, socket or device), which is never opened';
        return { skipped: { file: candidate, reason: what, error: true } };
      }
      const other = CONFIG_FILE_NAMES.map((n) => join(dir, n)).find((f) => f !== candidate && stat(f)?.kind === 'file');
      return other ? { file: candidate, shadowed: other } : { file: candidate };
    }
    // A folder others could write holds no configuration here: the search goes on above it (a file found there is
    // judged in its own folder), so that scanning a subfolder meets, and names, the configuration of the project.
    if (stat(join(dir, '.git')) || dir === home) return {};
    const parent = dirname(dir);
    if (parent === dir) return {};
    dir = parent;
  }
}
