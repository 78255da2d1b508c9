import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { SEVERITIES, type Severity } from '../rules/index.js';
import { EXIT } from './exit-codes.js';

/** Output formats every reporting command accepts. */
export const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * Whether to colour: never with --no-color or a non-empty NO_COLOR (no-color.org: an empty NO_COLOR is as if
 * unset); with FORCE_COLOR, `0` and `false` never and any other value (empty included) always, as Node.js and
 * supports-color read it; else only on a TTY. `env` is the process environment unless a test gives one.
 */
export function useColor(
  flag: boolean | undefined,
  stream: Pick<NodeJS.WriteStream, 'isTTY'>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  if (flag === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return stream.isTTY === true;
}

/** Parses `--fail-on`; `none` never fails on findings. @throws UsageError on another word. */
export function parseFailOn(v: string): Severity | 'none' {
  const s = v.toLowerCase();
  if (s === 'none' || (SEVERITIES as readonly string[]).includes(s)) return s as Severity | 'none';
  throw new UsageError(`--fail-on must be one of ${[...SEVERITIES, 'none'].join(', ')}; got "${v}"`);
}

/** True when a severity is at or above the threshold. */
export function atOrAbove(sev: Severity, threshold: Severity | 'none'): boolean {
  if (threshold === 'none') return false;
  return SEVERITIES.indexOf(sev) <= SEVERITIES.indexOf(threshold);
}

/** A mistake in how the command was called: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  readonly code = 'usage' as const;
}

let guarded = false;

/**
 * Makes a closed standard output (`bulwark scan | head`) end the process quietly, as other CLI tools do, instead
 * of crashing with an unhandled EPIPE; any other write error (`> /dev/full`: ENOSPC) ends it with one line on
 * stderr and exit code 2, as `--output` to a file that cannot be written does. Idempotent.
 */
export function guardStdout(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`bulwark: cannot write to standard output: ${writeProblem(e)}\n`);
    process.exit(EXIT.input);
  });
}

/**
 * Writes a report, given whole or in pieces (a JSON or SARIF report comes in pieces: see jsonPieces), to a file or
 * stdout. @throws UsageError when the file cannot be written
 */
export function emit(text: string | Iterable<string>, outFile: string | undefined): void {
  const pieces = typeof text === 'string' ? [text] : text;
  if (outFile === undefined) {
    guardStdout();
    writeEncoded(pieces, (bytes) => {
      process.stdout.write(bytes);
      // Linux writes stdout synchronously (a file, a pipe or a terminal); a stream that still holds the bytes keeps them.
      return process.stdout.writableLength === 0;
    });
  } else writePiecesOrFail(outFile, pieces, 'the report');
}

/**
 * A text as UTF-8 bytes. Node.js writes a string through a slower encoder than Buffer.from's: a 30 MB JSON report
 * took about 60 ms to write as a string and 34 ms as a Buffer made first (node 20, 2-CPU machine).
 */
function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

/** Bytes of the buffer that writeEncoded fills before it writes. */
const WRITE_BUFFER_BYTES = 1 << 20;

/**
 * Encodes `pieces` as UTF-8 into one buffer of WRITE_BUFFER_BYTES and hands it to `write` each time it is full (a
 * long piece, such as a whole text report, is encoded a slice at a time). The buffer is used again when `write`
 * returns true (it has written the bytes and kept no reference): a report of any size is then written through one
 * megabyte of memory, where a UTF-8 copy of the whole took a page fault per 4 KiB.
 */
function writeEncoded(pieces: Iterable<string>, write: (bytes: Buffer) => boolean): void {
  let buffer = Buffer.allocUnsafeSlow(WRITE_BUFFER_BYTES);
  let used = 0;
  const flush = (): void => {
    if (used === 0) return;
    if (!write(buffer.subarray(0, used))) buffer = Buffer.allocUnsafeSlow(WRITE_BUFFER_BYTES);
    used = 0;
  };
  // One UTF-16 code unit takes at most three bytes of UTF-8 (a surrogate pair, two units, takes four).
  const slice = Math.floor(WRITE_BUFFER_BYTES / 3);
  for (const piece of pieces) {
    for (let from = 0; from < piece.length; ) {
      let to = Math.min(piece.length, from + slice);
      // A surrogate pair is encoded whole: a slice never ends between its two halves.
      if (to < piece.length && isHighSurrogate(piece.charCodeAt(to - 1))) to--;
      if (used + (to - from) * 3 > buffer.length) flush();
      used += buffer.write(from === 0 && to === piece.length ? piece : piece.slice(from, to), used, 'utf8');
      from = to;
    }
  }
  flush();
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/** writeFileOrFail for a text given in pieces, encoded and written one buffer at a time. @throws UsageError */
function writePiecesOrFail(file: string, pieces: Iterable<string>, what: string): void {
  let fd: number | undefined;
  try {
    const out = openSync(file, 'w');
    fd = out;
    writeEncoded(pieces, (bytes) => {
      for (let done = 0; done < bytes.length; ) done += writeSync(out, bytes, done, bytes.length - done);
      return true;
    });
  } catch (e) {
    throw new UsageError(`cannot write ${what} to ${file}: ${writeProblem(e)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes a file the user named; a path that cannot be written is a usage error (exit 2), not a crash. @throws UsageError */
export function writeFileOrFail(file: string, text: string, what: string): void {
  try {
    writeFileSync(file, utf8(text));
  } catch (e) {
    throw new UsageError(`cannot write ${what} to ${file}: ${writeProblem(e)}`);
  }
}

/**
 * Why a file could not be written, in words (from the error's errno code, as Node.js gives it): `permission denied`,
 * `no space left on the device`; the code itself for a rare one.
 */
export function writeProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOENT':
      return 'its folder does not exist';
    case 'ENOTDIR':
      return 'a part of its path is a file, not a folder';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ELOOP':
      return 'a symbolic link loop';
    case 'EIO':
      return 'an input/output error';
    case 'EBADF':
      return 'it is closed';
    default:
      return code ?? (e as Error).message;
  }
}
