import { type Dirent, readdirSync, readFileSync, realpathSync, type Stats, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { EncodedTree } from './compose/tree-codec.js';

/**
 * The file access sources need. Real scans use `realFs`; tests use `memoryFs` so that rule tests stay
 * in memory and `extends`/override fixtures can be written inline.
 */
export interface FileReader {
  /**
   * Text of an absolute path, or undefined when it does not exist. @throws on other I/O errors, and for a
   * path that is not a regular file (a folder, a FIFO, a device), which is never opened.
   */
  readText(absolute: string): string | undefined;
  /** Size in bytes, or undefined when the path does not exist or is not a file. */
  size(absolute: string): number | undefined;
  /** Absolute path to show for `absolute` in findings (relative to the working directory when inside it). */
  display(absolute: string): string;
  /**
   * The path with every symbolic link resolved, or `absolute` itself when it cannot be (not there, a loop). Optional:
   * readers without links (memoryFs) leave it out. Used where one file reached by two paths matters (include cycles).
   */
  realPath?(absolute: string): string;
  /**
   * Names (not paths) of the regular files directly in the folder `absoluteDir`, a symbolic link to a regular file
   * included, sorted by UTF-16 code unit; subfolders are neither listed nor entered. Undefined when the folder
   * cannot be listed (not there, not a folder, no permission). Optional: callers that need it treat a reader
   * without it as one that cannot list. Used to expand a COPY source wildcard (`*.pem`) in a build context.
   */
  list?(absoluteDir: string): string[] | undefined;
  /**
   * The compose tree another thread parsed from this very text, before interpolation (src/pipeline/parse-ahead.ts),
   * or undefined: a file it did not parse, one it found problems in, or a text that differs from what it read.
   * Optional: only a scan that parses ahead has it.
   */
  preparsed?(absolute: string, text: string): EncodedTree | undefined;
}

/**
 * A FileReader that reads through `fs` with its `readText` replaced (to note what is read): `size`, `display` and the
 * optional `realPath`, `list` and `preparsed` are passed on as `fs` has them, so that no wrapper drops one (the COPY wildcard
 * listing was once lost that way).
 */
export function withReadText(fs: FileReader, readText: FileReader['readText']): FileReader {
  const reader: FileReader = { readText, size: (absolute) => fs.size(absolute), display: (absolute) => fs.display(absolute) };
  if (fs.realPath) reader.realPath = fs.realPath.bind(fs);
  if (fs.list) reader.list = fs.list.bind(fs);
  if (fs.preparsed) reader.preparsed = fs.preparsed.bind(fs);
  return reader;
}

/**
 * Reads the real filesystem. Paths in findings are relative to `cwd` when below it. One reader serves one scan:
 * it remembers what it stat'ed (a file is sized before it is read: discovery, size limits, then the read), so
 * each path is stat'ed once. `known`: what the caller already stat'ed (walk's `stats`), by absolute path.
 */
export function realFs(cwd: string = process.cwd(), known?: ReadonlyMap<string, Stats>): FileReader {
  const stats = new Map<string, Stats | undefined>(known);
  const displayed = new Map<string, string>();
  const stat = (absolute: string): Stats | undefined => {
    if (stats.has(absolute)) return stats.get(absolute);
    const st = statSync(absolute, { throwIfNoEntry: false });
    stats.set(absolute, st);
    return st;
  };
  return {
    readText(absolute) {
      try {
        // A named pipe, socket or device is never opened: reading a FIFO blocks until someone writes to it, and
        // a compose file can name any path (extends, include).
        const st = stat(absolute);
        if (st === undefined) return undefined;
        if (!st.isFile()) throw fsError(st.isDirectory() ? 'EISDIR' : 'ENOTREG');
        return readFileSync(absolute, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
        throw e;
      }
    },
    realPath(absolute) {
      try {
        return realpathSync(absolute);
      } catch {
        return absolute;
      }
    },
    list(absoluteDir) {
      let entries: Dirent[];
      try {
        entries = readdirSync(absoluteDir, { withFileTypes: true });
      } catch {
        return undefined;
      }
      const names: string[] = [];
      for (const e of entries) {
        // A link counts when it leads to a regular file (stat follows it); a dangling link or a loop does not.
        if (e.isFile() || (e.isSymbolicLink() && stat(join(absoluteDir, e.name))?.isFile())) names.push(e.name);
      }
      return names.sort();
    },
    size(absolute) {
      try {
        // No exception for a missing file: scans probe many optional files (.dockerignore, override files).
        const st = stat(absolute);
        return st?.isFile() ? st.size : undefined;
      } catch {
        return undefined;
      }
    },
    display(absolute) {
      let shown = displayed.get(absolute);
      if (shown === undefined) {
        const rel = relative(cwd, absolute);
        shown = rel === '' ? '.' : rel.startsWith('..') ? absolute : rel;
        displayed.set(absolute, shown);
      }
      return shown;
    },
  };
}

/**
 * A path memoryFs holds but cannot read, as realFs would meet it: `EACCES` (no permission), `ELOOP` (a symbolic
 * link loop), `EISDIR` (a folder), `ENOTREG` (a named pipe, socket or device). `size` is set for a file that can be
 * stat'ed but not read (mode 000 in a readable folder); without it size() is undefined, as for a file in a folder
 * that cannot be searched.
 */
export interface MemoryProblem {
  error: 'EACCES' | 'ELOOP' | 'EISDIR' | 'ENOTREG';
  size?: number;
}

/**
 * An in-memory filesystem rooted at `/mem`, for tests: keys are paths relative to it, values the text, or a
 * MemoryProblem for a path that cannot be read (readText throws as realFs does). A folder is there when a key is
 * below it (or is it, as an `EISDIR` problem); list() names its texts and its `EACCES` files, which are regular files.
 */
export function memoryFs(files: Record<string, string | MemoryProblem>, root = '/mem'): FileReader {
  const map = new Map(Object.entries(files).map(([k, v]) => [resolve(root, k), v]));
  return {
    readText: (absolute) => {
      const t = map.get(absolute);
      if (typeof t === 'object') throw fsError(t.error);
      return t;
    },
    size: (absolute) => {
      const t = map.get(absolute);
      if (typeof t === 'object') return t.size;
      return t === undefined ? undefined : Buffer.byteLength(t);
    },
    display: (absolute) => relative(root, absolute) || '.',
    list: (absoluteDir) => {
      // A folder is there when some path is below it; files held with EACCES are regular files that cannot be read.
      const dir = resolve(absoluteDir);
      const prefix = dir.endsWith(sep) ? dir : `${dir}${sep}`;
      const self = map.get(dir);
      let there = typeof self === 'object' && self.error === 'EISDIR';
      const names: string[] = [];
      for (const [path, v] of map) {
        if (!path.startsWith(prefix)) continue;
        there = true;
        if (dirname(path) === dir && (typeof v === 'string' || v.error === 'EACCES')) names.push(path.slice(prefix.length));
      }
      return there ? names.sort() : undefined;
    },
  };
}

/**
 * Why a read failed, in words for a diagnostic: `permission denied`, `a symbolic link loop`, `a folder, not a file`.
 * The one place a read error becomes text: every `cannot read` message is built with it. Never node's own message,
 * which repeats the absolute path (`EACCES: permission denied, open '/home/me/x/compose.yaml'`) where the diagnostic
 * is already located at the file as displayed; an error code it does not know is named by its code (`EXDEV`), and an
 * error without a code (never one of node's fs calls) by its message.
 */
export function readProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'a symbolic link loop';
    case 'EISDIR':
      return 'a folder, not a file';
    case 'ENOTREG':
      return 'not a regular file (a named pipe, socket or device), which is never opened';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'an input/output error';
    case 'ENXIO':
    case 'ENODEV':
      return 'no such device';
    case 'EBUSY':
      return 'the file is busy';
    case 'ERR_FS_FILE_TOO_LARGE':
    case 'ERR_STRING_TOO_LONG':
      return 'too large to read';
    default:
      return code ?? (e as Error).message;
  }
}

/**
 * For a path whose size() is undefined: undefined when nothing is there (or a dangling link, which readers treat
 * as missing), else why it cannot be read (readProblem's words). Never opens the path: readText refuses what is
 * not a regular file before opening it.
 */
export function whyUnreadable(fs: FileReader, absolute: string): string | undefined {
  try {
    fs.readText(absolute);
    return undefined;
  } catch (e) {
    return readProblem(e);
  }
}

/** The error realFs throws for a path it will not open; memoryFs throws the same for a MemoryProblem. */
function fsError(code: MemoryProblem['error']): NodeJS.ErrnoException {
  const words: Record<MemoryProblem['error'], string> = {
    EACCES: 'permission denied',
    ELOOP: 'a symbolic link loop',
    EISDIR: 'a folder, not a file',
    ENOTREG: 'not a regular file (a named pipe, socket or device)',
  };
  return Object.assign(new Error(words[code]), { code });
}
