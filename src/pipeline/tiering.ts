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
 * without it and turns it on from OPTIMISE_MIN_FILES files. Sparkplug (the baseline compiler) stays on: without
 * it 3 and 10 files were 2-3% slower.
 *
 * The switch is `v8.setFlagsFromString('--no-turbofan')`, made after the launcher has compiled the bundle with its code
 * cache: V8 accepts a code cache only under the V8 flags it was made with (it hashes their values), so the flags
 * must be V8's defaults again before a thread starts (scan workers and the parse-ahead thread compile the bundle
 * with the cache too; startWorkers and startParseAhead call allowOptimisation), and they are never changed in the
 * build's run that records the cache (BULWARK_CODE_CACHE_OUT). Flags are process-wide; only the CLI's scan command
 * (on the main thread) defers.
 */

/** Files (compose files, Dockerfiles, run-line files, daemon.json) from which a scan is optimised from the start. */
export const OPTIMISE_MIN_FILES = 50;

let deferred = false;

/** Sets V8 flags; false when V8 refused them (this Node.js has no such flag). */
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
 * run, or when already done. Never throws.
 */
export function deferOptimisation(): void {
  if (deferred || process.env.BULWARK_CODE_CACHE_OUT !== undefined) return;
  deferred = setV8Flags('--no-turbofan');
}

/** Turns TurboFan back on (V8's default) if deferOptimisation turned it off. Never throws. */
export function allowOptimisation(): void {
  if (!deferred) return;
  deferred = false;
  setV8Flags('--turbofan');
}
