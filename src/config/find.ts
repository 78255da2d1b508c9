import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAMES } from './schema.js';

/**
 * Looks for `.bulwark.yaml` (then `.bulwark.yml`) in the folder of `start` (or `start` itself when it is a
 * folder) and each parent, up to the root of the repository that holds it (the first folder with a `.git`
 * folder or file) or else the filesystem root, so a checkout never picks up a file from outside it.
 * `isFile` tells whether a path is a file, `isDir` whether it is a folder (passed in so tests can use an
 * in-memory tree).
 * @returns the absolute path of the nearest file, or undefined
 */
export function findConfigFile(start: string, isFile: (abs: string) => boolean, isDir: (abs: string) => boolean): string | undefined {
  let dir = resolve(start);
  if (!isDir(dir)) dir = dirname(dir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (isFile(candidate)) return candidate;
    }
    const git = join(dir, '.git');
    if (isDir(git) || isFile(git)) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
