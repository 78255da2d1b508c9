import { statSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * V8's optimising compiler (TurboFan) for short scans.
 *
 * A scan of a few files ends before optimised code pays for itself: in a one-file compose scan V8 still sends the
 * YAML lexer and parser (`lex`, `parseDocument`, `parseNext`) to TurboFan, whose compile jobs (about 110 M
 * instructions on a background thread, 1,200 page faults, new code pages) compete with the scan on a 2-CPU
 * machine. Measured on the generated corpus (first quartile of 10-20 interleaved runs, 2 vCPUs, 2026-12-02):
 * without TurboFan 1 file took 220 instead of 248 ms, 10 files 350 instead of 399 ms, 30 files 525 instead of
 * 653 ms; but left off for a whole scan, 100 files took 1,037 instead of 912 ms (medians). So `bulwark scan` starts
 * without it and turns it on from OPTIMISE_MIN_FILES files or OPTIMISE_MIN_BYTES of input. Sparkplug (the baseline
 * compiler) stays on: without it 3 and 10 files were 2-3% slower.
 *
 * The switch is `v8.setFlagsFromString('--no-turbofan')`, made after the launcher has compiled the bundle with its
 * code cache: V8 accepts a code cache only under the V8 flags it was made with (it hashes their values), so the flags
 * must be V8's defaults again before a thread starts (scan workers and the parse-ahead thread compile the bundle
 * with the cache too; startWorkers and startParseAhead call allowOptimisation), and they are never changed in the
 * build's run that records the cache (BULWARK_CODE_CACHE_OUT). Flags are process-wide; only the CLI's scan command
 * (on the main thread) defers.
 */

/** Files (compose files, Dockerfiles, run-line files, daemon.json) from which a scan is optimised from the start. */
export const OPTIMISE_MIN_FILES = 50;

/**
 * Bytes of input from which a scan of fewer files is optimised from the start: about 65 files of the generated
 * corpus. A few large files are long work too (helper-77: one 3.5 MB compose file of 5,466 services took 7.7-12.9 s
 * without TurboFan against 4.9-8.8 s with it).
 */
export const OPTIMISE_MIN_BYTES = 256 * 1024;

/**
 * V8 options given on Node's command line that choose the tiers themselves (`node --no-turbofan`, `--max-opt=2`,
 * `--jitless`): then the user decides, and the scan changes nothing.
 */
const TIERING_OPTION = /^--(?:no-)?(?:opt|turbofan|maglev|sparkplug|jitless|max-opt|always-opt|always-turbofan|always-sparkplug)(?:=|$)/;

let deferred = false;

/**
 * Sets V8 flags; false when node:v8 threw. An unknown flag does not throw (V8 prints an error): the flags used
 * here exist in every V8 of Node.js >= 20.12 (package.json engines).
 */
function setV8Flags(flags: string): boolean {
  try {
    (createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString(flags);
    return true;
  } catch {
    return false;
  }
}

/**
 * Turns TurboFan off for a scan that may be short (see the module comment). Does nothing in the build's code-cache
 * run, when Node was started with a tiering option of V8's, or when already done. Never throws.
 */
export function deferOptimisation(): void {
  if (deferred || process.env.BULWARK_CODE_CACHE_OUT) return;
  if (process.execArgv.some((a) => TIERING_OPTION.test(a.replace(/_/g, '-')))) return;
  deferred = setV8Flags('--no-turbofan');
}

/** Turns TurboFan back on (V8's default) if deferOptimisation turned it off. Never throws. */
export function allowOptimisation(): void {
  if (!deferred) return;
  deferred = false;
  setV8Flags('--turbofan');
}

/**
 * allowOptimisation when a scan of `files` (absolute paths) is long work: OPTIMISE_MIN_FILES files, or
 * OPTIMISE_MIN_BYTES bytes in all (sizes read only for fewer files, and only until the sum is reached; a file that
 * cannot be read counts nothing). Never throws.
 */
export function allowOptimisationFor(files: readonly string[]): void {
  if (deferred && (files.length >= OPTIMISE_MIN_FILES || atLeastBytes(files, OPTIMISE_MIN_BYTES))) allowOptimisation();
}

/** True when `files` hold `min` bytes in all; stops reading sizes once they do. */
function atLeastBytes(files: readonly string[], min: number): boolean {
  let bytes = 0;
  for (const f of files) {
    bytes += sizeOf(f);
    if (bytes >= min) return true;
  }
  return false;
}

/** A file's size in bytes; 0 when it cannot be read (the scan reports that). */
function sizeOf(file: string): number {
  try {
    return statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  } catch {
    return 0;
  }
}
