#!/usr/bin/env node
// Compose benchmark: Bulwark vs dclint on the same generated corpus, and vs the YAML parser alone.
//   npm run build && node bench/compose.mjs [--count 1000] [--runs 3] [--peer-runs 1] [--cold 10]
// Prints files/s, the ratio to the parse floor (yaml parseDocument in-process) and to dclint, and cold starts.
// The corpus comes from ../shared/research/gen-corpus.mjs (deterministic, seed 42).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

const root = new URL('..', import.meta.url).pathname;
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? def : Number(process.argv[i + 1]);
};
const COUNT = arg('count', 1000);
const RUNS = arg('runs', 3);
const PEER_RUNS = arg('peer-runs', 1);
const COLD = arg('cold', 10);

const gen = join(root, '..', 'shared', 'research', 'gen-corpus.mjs');
if (!existsSync(gen)) {
  console.error(`bench: corpus generator not found at ${gen}`);
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'bulwark-bench-'));
spawnSync(process.execPath, [gen, dir, String(COUNT), '42'], { stdio: 'ignore' });
const composeDir = join(dir, 'compose');
const files = readdirSync(composeDir).map((f) => join(composeDir, f));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} … exited ${r.status}: ${r.stderr}`);
};

const texts = files.map((f) => readFileSync(f, 'utf8'));
const parseAll = () => {
  for (const t of texts) parseDocument(t, { merge: true });
};
const parseMs = median(Array.from({ length: RUNS }, () => time(parseAll)));
const bulwark = join(root, 'dist', 'bulwark.js');
const scanMs = median(
  Array.from({ length: RUNS }, () => time(() => run(process.execPath, [bulwark, 'scan', ...files, '--format', 'json', '--output', '/dev/null']))),
);
const dclint = join(root, 'node_modules', '.bin', 'dclint');
const peerMs = median(Array.from({ length: PEER_RUNS }, () => time(() => run(dclint, [composeDir, '-f', 'json', '-o', join(dir, 'dclint.json')]))));
const one = files[0];
const coldBulwark = median(
  Array.from({ length: COLD }, () => time(() => run(process.execPath, [bulwark, 'scan', one, '--format', 'json', '--output', '/dev/null']))),
);
const coldPeer = median(Array.from({ length: COLD }, () => time(() => run(dclint, [one, '-f', 'json', '-o', join(dir, 'one.json')]))));
const coldNode = median(Array.from({ length: COLD }, () => time(() => run(process.execPath, ['-e', '0']))));
rmSync(dir, { recursive: true, force: true });

const fps = (ms) => (files.length / (ms / 1000)).toFixed(0);
console.log(`Compose corpus: ${files.length} files (gen-corpus.mjs seed 42); medians of ${RUNS} runs (dclint: ${PEER_RUNS}), cold starts of ${COLD}.`);
console.log('| what | wall ms | files/s |');
console.log('|---|---:|---:|');
console.log(`| yaml parseDocument alone, in process (floor) | ${parseMs.toFixed(0)} | ${fps(parseMs)} |`);
console.log(`| bulwark scan (CLI, JSON report) | ${scanMs.toFixed(0)} | ${fps(scanMs)} |`);
console.log(`| dclint (CLI, JSON report) | ${peerMs.toFixed(0)} | ${fps(peerMs)} |`);
console.log(`| cold start, one file: bulwark | ${coldBulwark.toFixed(0)} | |`);
console.log(`| cold start, one file: dclint | ${coldPeer.toFixed(0)} | |`);
console.log(`| cold start: node -e 0 | ${coldNode.toFixed(0)} | |`);
console.log(`bulwark / parse floor: ${(scanMs / parseMs).toFixed(2)}x (goal <= 1.5x)`);
console.log(`bulwark speed vs dclint: ${(peerMs / scanMs).toFixed(1)}x faster (goal >= 30x)`);
