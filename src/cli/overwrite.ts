import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { UsageError, writeProblem } from './output.js';

/** A file a command is about to write, with the flag that named it (`--output`, `--write-baseline`). */
export interface PlannedWrite {
  flag: string;
  file: string;
}

/**
 * What makes two paths the same file: device and inode when it exists (so a symbolic link, a hard link or another
 * spelling of the path is the same file), else the real path of its folder and its name.
 */
function fileId(abs: string): string {
  try {
    const st = statSync(abs);
    return `inode ${st.dev}:${st.ino}`;
  } catch {
    try {
      return `path ${realpathSync(dirname(abs))}/${basename(abs)}`;
    } catch {
      return `path ${abs}`;
    }
  }
}

function isRegularFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

/**
 * Refuses a planned write that cannot succeed, before any work is done (so a long scan does not end with
 * `cannot write the report`, or with a baseline written and no report): a path that is a folder, whose folder
 * does not exist or is not a folder, or that this user may not write (the file, or its folder for a new file).
 * An empty name is refused too. A file that can be written (a new file, `/dev/null`, `/dev/stdout`) passes. Paths
 * are relative to `cwd`.
 * @throws UsageError (exit 2) naming the flag, the path and why
 */
export function refuseUnwritable(writes: readonly PlannedWrite[], cwd: string): void {
  for (const w of writes) {
    if (w.file === '') throw new UsageError(`${w.flag} needs a file name (it was given an empty one)`);
    const abs = resolve(cwd, w.file);
    let exists = true;
    try {
      if (statSync(abs).isDirectory()) throw new UsageError(`${w.flag} ${w.file} is a folder: name a file in it`);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new UsageError(`cannot write ${w.flag} ${w.file}: ${writeProblem(e)}`);
      exists = false;
    }
    if (!exists) {
      const dir = dirname(abs);
      let st: ReturnType<typeof statSync>;
      try {
        st = statSync(dir);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new UsageError(
          code === 'ENOENT' || code === 'ENOTDIR'
            ? `cannot write ${w.flag} ${w.file}: the folder ${dirname(w.file)} does not exist (create it first)`
            : `cannot write ${w.flag} ${w.file}: ${writeProblem(e)}`,
        );
      }
      if (!st.isDirectory()) throw new UsageError(`cannot write ${w.flag} ${w.file}: ${dirname(w.file)} is not a folder`);
    }
    try {
      accessSync(exists ? abs : dirname(abs), constants.W_OK);
    } catch (e) {
      throw new UsageError(`cannot write ${w.flag} ${w.file}: ${writeProblem(e)}${exists ? '' : ` (in the folder ${dirname(w.file)})`}`);
    }
  }
}

/**
 * Refuses to write over an input: a planned write that cannot be written at all (refuseUnwritable), that is one of
 * the files the command read (`inputs`: files scanned, the configuration, the baseline), or that is the same file
 * as another planned write. Paths are relative to `cwd`. Called before anything is written, so a refusal leaves every file as it was.
 * @throws UsageError (exit 2) naming the flag and the input
 */
export function refuseOverwrites(writes: readonly PlannedWrite[], inputs: Iterable<string>, cwd: string): void {
  refuseUnwritable(writes, cwd);
  const planned = writes.map((w) => ({ ...w, id: fileId(resolve(cwd, w.file)) }));
  if (planned.length === 0) return;
  // Only a planned write that is an existing regular file can be an input (a scan reads regular files only):
  // `-o /dev/null`, a pipe or a new file needs no look at the inputs, which can be thousands.
  const existing = planned.filter((w) => w.id.startsWith('inode ') && isRegularFile(resolve(cwd, w.file)));
  planned.forEach((w, i) => {
    const other = planned.slice(0, i).find((p) => p.id === w.id);
    if (other) throw new UsageError(`${other.flag} and ${w.flag} name the same file (${w.file}); nothing was written: choose two files`);
  });
  if (existing.length === 0) return;
  const ids = new Map(existing.map((w) => [w.id, w]));
  for (const input of inputs) {
    const w = ids.get(fileId(resolve(cwd, input)));
    if (w) throw new UsageError(`${w.flag} ${w.file} is ${input}, which this command reads; nothing was written: choose another file`);
  }
}
