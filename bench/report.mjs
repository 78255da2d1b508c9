#!/usr/bin/env node
// Reporting benchmark: the cost of each output format, of inline suppressions and of a baseline, on the same
// generated compose corpus as bench/compose.mjs (../shared/research/gen-corpus.mjs, seed 42).
//   npm run build && node bench/report.mjs [--count 1000] [--runs 3]
// Prints, per variant, the median wall time of `bulwark scan` over the corpus and the output size.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arg, generateCorpus, median, root } from './lib.mjs';

const COUNT = arg('count', 1000);
const RUNS = arg('runs', 3);
const bin = join(root, 'dist', 'bulwark.js');
const dir = generateCorpus('report', COUNT);
const corpus = join(dir, 'compose');

let paths = [];
function scan(args) {
  const times = [];
  let size = 0;
  let findings = '';
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [bin, 'scan', ...paths, '--no-config', '--fail-on', 'none', ...args], { cwd: dir, maxBuffer: 1 << 30 });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0 && r.status !== 2) throw new Error(`exit ${r.status}: ${r.stderr}`);
    size = r.stdout.length;
    findings = /"total": (\d+)/.exec(r.stdout.toString())?.[1] ?? findings;
  }
  return { ms: median(times), size, findings };
}

const files = readdirSync(corpus);
// Named one by one, as bench/compose.mjs does: the generated names are not compose's default names.
paths = files.map((f) => join(corpus, f));
console.log(`corpus: ${files.length} compose files; median of ${RUNS} runs`);
const rows = [];
for (const format of ['json', 'text', 'sarif', 'junit', 'markdown', 'html']) rows.push([`--format ${format}`, scan(['--format', format])]);

// Inline suppressions: one reasoned comment above the first service line of every file.
for (const f of files) {
  const p = join(corpus, f);
  const text = readFileSync(p, 'utf8');
  writeFileSync(p, text.replace(/^services:\n(\s+)([^\s#][^\n]*)\n/m, 'services:\n$1# bulwark-ignore BW1002: bench\n$1$2\n'));
}
rows.push(['json, a suppression per file', scan(['--format', 'json'])]);
const baseline = join(dir, 'baseline.json');
spawnSync(process.execPath, [bin, 'scan', ...paths, '--no-config', '--fail-on', 'none', '--write-baseline', baseline], { cwd: dir, stdio: 'ignore' });
rows.push(['json, --baseline (all accepted)', scan(['--format', 'json', '--baseline', baseline])]);

const base = rows[0][1].ms;
for (const [name, r] of rows) {
  console.log(`${name.padEnd(34)} ${r.ms.toFixed(0).padStart(6)} ms  ${(r.ms / base).toFixed(2)}x json  ${(r.size / 1024).toFixed(0).padStart(7)} KiB`);
}
rmSync(dir, { recursive: true, force: true });
