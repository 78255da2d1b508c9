#!/usr/bin/env node
// Instruction counts of a compose scan and of the YAML parse alone, by valgrind's callgrind: a measure that, unlike
// wall time, does not move with what else the machine is doing (on a shared 2-vCPU machine wall times of one build
// move by 15-30% within an hour). It complements bench/compose.mjs, whose wall-time ratio is the goal.
//   npm run build && node bench/instructions.mjs [--count 400]
// Needs valgrind (Debian: apt-get install valgrind). Both programs run under callgrind at once (each ~50x slower:
// about 5 minutes for 400 files), threads counted apart: the main thread is the one a scan waits for; V8's other
// threads (optimising compiler, garbage collector) run beside it. Counts of one build vary by a few percent
// between runs (which functions V8 optimises, and when, depends on timing); compare builds side by side.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arg, generateCorpus, root } from './lib.mjs';

const COUNT = arg('count', 400);
if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('bench/instructions.mjs: valgrind is not installed (apt-get install valgrind)');
  process.exit(2);
}
const dir = generateCorpus('instructions', COUNT);
const composeDir = join(dir, 'compose');
const files = readdirSync(composeDir).map((f) => join(composeDir, f));
const parseScript = join(dir, 'parse-only.mjs');
writeFileSync(
  parseScript,
  `import { readFileSync } from 'node:fs';\nimport { parseDocument } from ${JSON.stringify(join(root, 'node_modules', 'yaml', 'browser', 'index.js'))};\n` +
    `for (const f of process.argv.slice(2)) parseDocument(readFileSync(f, 'utf8'), { merge: true });\n`,
);

/** Runs `args` under callgrind, threads apart. @returns instructions of the main thread and of all threads */
function count(name, args) {
  const out = join(dir, `callgrind-${name}.out`);
  return new Promise((resolve, reject) => {
    const p = spawn(
      'valgrind',
      ['--tool=callgrind', '--separate-threads=yes', '--smc-check=all-non-file', `--callgrind-out-file=${out}`, process.execPath, ...args],
      {
        stdio: 'ignore',
      },
    );
    p.on('error', reject);
    p.on('exit', () => {
      const outs = readdirSync(dir).filter((f) => f.startsWith(`callgrind-${name}.out-`));
      const summary = (f) => Number(/^summary: (\d+)/m.exec(readFileSync(join(dir, f), 'utf8'))?.[1] ?? 0);
      const main = outs.find((f) => f.endsWith('-01'));
      if (main === undefined) return reject(new Error(`callgrind wrote no count for ${name}`));
      resolve({ main: summary(main), all: outs.reduce((s, f) => s + summary(f), 0) });
    });
  });
}

const bulwark = join(root, 'dist', 'bulwark.js');
const [scan, parse] = await Promise.all([
  count('scan', [bulwark, 'scan', ...files, '-j', '0', '--format', 'json', '--output', '/dev/null']),
  count('parse', [parseScript, ...files]),
]);
rmSync(dir, { recursive: true, force: true });
const g = (n) => `${(n / 1e9).toFixed(2)} G`;
console.log(`Compose corpus: ${files.length} files (gen-corpus.mjs seed 42); instructions counted by callgrind.`);
console.log('| what | main thread | all threads |');
console.log('|---|---:|---:|');
console.log(`| bulwark scan -j 0 (JSON report) | ${g(scan.main)} | ${g(scan.all)} |`);
console.log(`| yaml parseDocument alone, fresh process | ${g(parse.main)} | ${g(parse.all)} |`);
console.log(
  `bulwark / parse: main thread ${(scan.main / parse.main).toFixed(2)}x, all threads ${(scan.all / parse.all).toFixed(2)}x (goal, in wall time: <= 1.5x)`,
);
