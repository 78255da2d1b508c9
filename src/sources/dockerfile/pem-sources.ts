import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  compileIgnorePattern,
  type DockerfileSpec,
  hasPrivateKeyBegin,
  type IgnorePattern,
  isCopy,
  isIgnored,
  isUnknown,
  type PemContent,
} from '../../model/index.js';
import type { FileReader } from '../fs.js';

/** Largest PEM file read: certificates and keys are a few KiB; a bundle of every public CA is about 200 KiB. */
const MAX_PEM_BYTES = 1024 * 1024;

/** Most files read for one wildcard source (`COPY *.pem /certs/`); with more matches, only a key found says anything. */
const MAX_WILDCARD_FILES = 256;

/** Any PEM block (a certificate, a public key...). */
const ANY_BLOCK = /-----BEGIN [A-Z0-9 ]+-----/;

/**
 * Reads the `.pem` files that the COPY and ADD instructions of `spec` take from the build context `contextDir`
 * (sources as written: no URL, no heredoc, no `--from`; a source without a wildcard is a plain path), and says
 * what each holds (DockerfileSpec.pemSources, by source as written): a private key block (the BEGIN line of one,
 * of any kind, encrypted included: hasPrivateKeyBegin of the model), or only other PEM blocks (certificates,
 * public keys). A file that is not there, outside the context, over 1 MiB, unreadable or without any PEM block is
 * left out.
 *
 * A source with wildcards in its last path component only (`*.pem`, `certs/*.pem`, `server-?.pem`, `[ab].pem`)
 * is expanded as BuildKit expands COPY sources (fsutil copy.ResolveWildcards: Go filepath.Match on the names of
 * the folder, hidden files included) against the regular files of that folder that `fs.list` names, less those
 * that the context's `.dockerignore` (`spec.context`, when read) leaves out. The source is then `private-key` when
 * any matched file holds a private key; `no-private-key` when every matched file was read (at most 256) and each
 * holds PEM blocks but no private key; left out when nothing matches, the folder cannot be listed (or `fs` has
 * no `list`), the pattern is malformed, or a matched file cannot be judged (its name then decides). Wildcards in
 * a folder's name (`keys-?/a.pem`) are left out. Never throws; runs nothing.
 */
export function readPemSources(spec: DockerfileSpec, contextDir: string, fs: FileReader): Record<string, PemContent> | undefined {
  let out: Record<string, PemContent> | undefined;
  let ignore: IgnorePattern[] | undefined;
  const ignored = (rel: string): boolean => {
    ignore ??= (spec.context?.dockerignore?.patterns ?? [])
      .map((p) => (isUnknown(p.value) ? undefined : compileIgnorePattern(p.value)))
      .filter((p): p is IgnorePattern => !!p);
    return isIgnored(ignore, rel);
  };
  for (const stage of spec.stages) {
    for (const i of stage.instructions) {
      if (!isCopy(i) || i.from !== undefined) continue;
      for (const s of i.sources) {
        const src = s.value;
        if (isUnknown(src) || !/\.pem$/i.test(src) || src.startsWith('<<') || /^[a-z][a-z0-9+.-]*:\/\//i.test(src)) continue;
        if (out && Object.hasOwn(out, src)) continue;
        // Sources are relative to the context, a leading / included (BuildKit reads `/a.pem` in the context).
        const path = src.replace(/^\/+/, '');
        // BuildKit expands a source with a wildcard not escaped by `\` (copy containsWildcards); any other is a plain path.
        const content = /[*?[]/.test(path.replace(/\\./gs, ''))
          ? readWildcard(path, contextDir, fs, ignored)
          : readPem(resolve(contextDir, `.${sep}${path}`), contextDir, fs);
        if (content) (out ??= {})[src] = content;
      }
    }
  }
  return out;
}

/** What the file at `abs` holds, or undefined when it is outside `contextDir`, not there, over 1 MiB, unreadable or holds no PEM block. */
function readPem(abs: string, contextDir: string, fs: FileReader): PemContent | undefined {
  if (!inside(contextDir, abs)) return undefined;
  const size = fs.size(abs);
  if (size === undefined || size > MAX_PEM_BYTES) return undefined;
  let text: string | undefined;
  try {
    text = fs.readText(abs);
  } catch {
    return undefined;
  }
  if (text === undefined) return undefined;
  return hasPrivateKeyBegin(text) ? 'private-key' : ANY_BLOCK.test(text) ? 'no-private-key' : undefined;
}

/** What the files that the wildcard source `path` (no leading `/`) copies hold, as readPemSources says. */
function readWildcard(path: string, contextDir: string, fs: FileReader, ignored: (rel: string) => boolean): PemContent | undefined {
  const slash = path.lastIndexOf('/');
  const folder = path.slice(0, slash + 1);
  const pattern = path.slice(slash + 1);
  // Only the last component may hold wildcards; the folder before it is a plain path, as BuildKit reads it.
  if (/[*?[]/.test(folder.replace(/\\./gs, '')) || !fs.list) return undefined;
  const dir = resolve(contextDir, `.${sep}${folder}`);
  if (!inside(contextDir, dir)) return undefined;
  const names = fs.list(dir);
  if (!names) return undefined;
  const matched: string[] = [];
  for (const name of names) {
    const m = matchWildcard(pattern, name);
    if (m === undefined) return undefined;
    if (m && !ignored(relative(contextDir, join(dir, name)).split(sep).join('/'))) matched.push(name);
  }
  if (matched.length === 0) return undefined;
  let judged = true;
  for (const name of matched.slice(0, MAX_WILDCARD_FILES)) {
    const content = readPem(join(dir, name), contextDir, fs);
    if (content === 'private-key') return content;
    if (content === undefined) judged = false;
  }
  return judged && matched.length <= MAX_WILDCARD_FILES ? 'no-private-key' : undefined;
}

/** True when the absolute path `abs` is `contextDir` or below it. */
function inside(contextDir: string, abs: string): boolean {
  const rel = relative(contextDir, abs);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** Thrown inside matchWildcard for a malformed pattern (Go's filepath.ErrBadPattern). */
const BAD_PATTERN = Symbol('bad pattern');

/**
 * Go's `path/filepath.Match(pattern, name)` on Unix, which BuildKit applies to COPY source wildcards: `*` is any
 * run of characters but `/` (a leading `.` included), `?` one character but `/`, `[...]` a class of characters and
 * ranges (`[^...]` negated), `\` escapes the next character. Compares Unicode code points. Returns undefined for a
 * malformed pattern (`[`, `[]`, `[a-]`, a trailing `\`), which Go reports as ErrBadPattern and BuildKit as no match.
 */
export function matchWildcard(pattern: string, name: string): boolean | undefined {
  try {
    let p = [...pattern];
    let n = [...name];
    outer: while (p.length > 0) {
      const { star, chunk, rest } = scanChunk(p);
      p = rest;
      // A trailing * matches the rest of the name unless it holds a /.
      if (star && chunk.length === 0) return !n.includes('/');
      const t = matchChunk(chunk, n);
      // The last chunk must use up the name; otherwise the star may still skip ahead.
      if (t !== undefined && (t.length === 0 || p.length > 0)) {
        n = t;
        continue;
      }
      if (star) {
        for (let i = 0; i < n.length && n[i] !== '/'; i++) {
          const t2 = matchChunk(chunk, n.slice(i + 1));
          if (t2 === undefined || (p.length === 0 && t2.length > 0)) continue;
          n = t2;
          continue outer;
        }
      }
      // No match: Go still reports a malformed rest of the pattern.
      while (p.length > 0) {
        const next = scanChunk(p);
        p = next.rest;
        matchChunk(next.chunk, []);
      }
      return false;
    }
    return n.length === 0;
  } catch (e) {
    if (e === BAD_PATTERN) return undefined;
    throw e;
  }
}

/** Go's scanChunk: leading stars, then the text up to the next star outside a class. */
function scanChunk(pattern: string[]): { star: boolean; chunk: string[]; rest: string[] } {
  let start = 0;
  while (start < pattern.length && pattern[start] === '*') start++;
  const p = pattern.slice(start);
  let inRange = false;
  let i = 0;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      if (i + 1 < p.length) i++;
    } else if (c === '[') inRange = true;
    else if (c === ']') inRange = false;
    else if (c === '*' && !inRange) break;
  }
  return { star: start > 0, chunk: p.slice(0, i), rest: p.slice(i) };
}

/** Go's matchChunk: what is left of `s` after `chunk` (no stars) matches its start, or undefined. @throws BAD_PATTERN. */
function matchChunk(chunk: string[], s: string[]): string[] | undefined {
  let failed = false;
  let c = 0;
  let k = 0;
  while (c < chunk.length) {
    if (!failed && k >= s.length) failed = true;
    const ch = chunk[c] as string;
    if (ch === '[') {
      let r = -1;
      if (!failed) r = (s[k++] as string).codePointAt(0) as number;
      c++;
      let negated = false;
      if (chunk[c] === '^') {
        negated = true;
        c++;
      }
      let match = false;
      let ranges = 0;
      for (;;) {
        if (chunk[c] === ']' && ranges > 0) {
          c++;
          break;
        }
        const [lo, afterLo] = classChar(chunk, c);
        let hi = lo;
        c = afterLo;
        if (chunk[c] === '-') [hi, c] = classChar(chunk, c + 1);
        if (lo <= r && r <= hi) match = true;
        ranges++;
      }
      if (match === negated) failed = true;
    } else if (ch === '?') {
      if (!failed && s[k++] === '/') failed = true;
      c++;
    } else {
      let literal = ch;
      if (ch === '\\') {
        c++;
        if (c >= chunk.length) throw BAD_PATTERN;
        literal = chunk[c] as string;
      }
      if (!failed && s[k++] !== literal) failed = true;
      c++;
    }
  }
  return failed ? undefined : s.slice(k);
}

/** Go's getEsc: one character of a class at `c` (escaped or not) as a code point, and the index after it. @throws BAD_PATTERN. */
function classChar(chunk: string[], c: number): [number, number] {
  let i = c;
  if (i >= chunk.length || chunk[i] === '-' || chunk[i] === ']') throw BAD_PATTERN;
  if (chunk[i] === '\\') {
    i++;
    if (i >= chunk.length) throw BAD_PATTERN;
  }
  const r = (chunk[i] as string).codePointAt(0) as number;
  i++;
  // A class must be closed.
  if (i >= chunk.length) throw BAD_PATTERN;
  return [r, i];
}
