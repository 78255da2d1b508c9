import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { UsageError } from './output.js';

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
 * Refuses to write over an input: a planned write that is one of the files the command read (`inputs`: files
 * scanned, the configuration, the baseline), or the same file as another planned write. Paths are relative to
 * `cwd`. Called before anything is written, so a refusal leaves every file as it was.
 * @throws UsageError (exit 2) naming the flag and the input
 */
export function refuseOverwrites(writes: readonly PlannedWrite[], inputs: Iterable<string>, cwd: string): void {
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
