// Helpers the bench scripts share: the repository root, `--name N` arguments, medians, wall-clock timing, and
// the generated corpus of ../shared/research/gen-corpus.mjs (or $BULWARK_CORPUS_GEN).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root (absolute, with a trailing slash). */
export const root = new URL('..', import.meta.url).pathname;

/** The number after `--name` on the command line, or `def`. */
export function arg(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? def : Number(process.argv[i + 1]);
}

/** The median of a list of numbers (the upper one of the two middle values for an even count). */
export function median(xs) {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

/** Runs `fn` once. @returns its wall time in milliseconds */
export function time(fn) {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/**
 * Generates the corpus (`compose/` and `dockerfiles/`, `count` of each, deterministic for a seed) in a new temp
 * folder named `bulwark-bench-<tag>-…`. Exits 2 when the generator is not there. @returns the folder
 */
export function generateCorpus(tag, count, seed = '42') {
  const gen = process.env.BULWARK_CORPUS_GEN ?? join(root, '..', 'shared', 'research', 'gen-corpus.mjs');
  if (!existsSync(gen)) {
    console.error(`bench: corpus generator not found at ${gen}`);
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), `bulwark-bench-${tag}-`));
  const r = spawnSync(process.execPath, [gen, dir, String(count), String(seed)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`corpus generator failed: ${r.stderr}`);
  return dir;
}
