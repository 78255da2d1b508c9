#!/usr/bin/env node
// Cold start of one compose file, in measures that do not move with the machine's load, beside wall time:
//   npm run build && node bench/cold-start.mjs [--runs 15]
// For `node -e 0`, `bulwark --version` and `bulwark scan ONE-FILE --format json --output /dev/null` it prints
//   - instructions run in user space (valgrind's callgrind, every thread; repeatable to about 0.5%),
//   - page faults (`perf stat`, from Debian's linux-perf; the kernel's share of a start, which callgrind does
//     not see: each fault is a page of heap, code cache or bundle touched for the first time),
//   - the median wall time of --runs starts, the measure of the goal (< 150 ms), which moves with the machine.
// Tools that are missing are left out with a note. The file is the first of the generated corpus (seed 42).
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { arg, generateCorpus, median, root, time } from './lib.mjs';

const RUNS = arg('runs', 15);
const dir = generateCorpus('cold', 1);
const one = join(dir, 'compose', readdirSync(join(dir, 'compose'))[0]);
const bulwark = join(root, 'dist', 'bulwark.js');
const scanOne = [bulwark, 'scan', one, '--format', 'json', '--output', '/dev/null'];
const commands = [
  ['node -e 0', ['-e', '0']],
  ['bulwark --version', [bulwark, '--version']],
  ['bulwark scan (one file, JSON)', scanOne],
];
// Node.js parses the certificates NODE_EXTRA_CA_CERTS names at every start, before any script runs; where it is set
// (these machines set it to the whole system bundle) both starts are measured without it too.
const { NODE_EXTRA_CA_CERTS: extraCerts, ...plainEnv } = process.env;
if (extraCerts !== undefined) {
  commands.push(['node -e 0, without NODE_EXTRA_CA_CERTS', ['-e', '0'], plainEnv]);
  commands.push(['bulwark scan, without NODE_EXTRA_CA_CERTS', scanOne, plainEnv]);
}
const has = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const hasValgrind = has('valgrind', ['--version']);
const hasPerf = has('perf', ['stat', '-e', 'page-faults', 'true']);

/** Millions of instructions of one run under callgrind (all threads), or undefined without valgrind. */
function instructions(args, env) {
  if (!hasValgrind) return undefined;
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...args], { encoding: 'utf8', cwd: root, env });
  const counts = [...r.stderr.matchAll(/Collected : (\d+)/g)].map((m) => Number(m[1]));
  return counts.reduce((a, b) => a + b, 0) / 1e6;
}

/** Page faults of one run (perf stat), or undefined without perf. */
function pageFaults(args, env) {
  if (!hasPerf) return undefined;
  const r = spawnSync('perf', ['stat', '-x,', '-e', 'page-faults', process.execPath, ...args], { encoding: 'utf8', cwd: root, env });
  const line = r.stderr.split('\n').find((l) => l.includes('page-faults'));
  return line === undefined ? undefined : Number(line.split(',')[0]);
}

const rows = commands.map(([name, args, env = process.env]) => {
  const walls = [];
  for (let i = 0; i < RUNS; i++) walls.push(time(() => spawnSync(process.execPath, args, { stdio: 'ignore', cwd: root, env })));
  return { name, wall: median(walls), instr: instructions(args, env), faults: pageFaults(args, env) };
});
rmSync(dir, { recursive: true, force: true });

const show = (v, digits) => (v === undefined ? 'n/a' : v.toFixed(digits));
console.log(`Cold start, median wall of ${RUNS} runs; instructions by callgrind, page faults by perf stat (one run each).`);
console.log('| command | wall ms | M instructions | page faults |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.name} | ${r.wall.toFixed(0)} | ${show(r.instr, 1)} | ${show(r.faults, 0)} |`);
const over = (scan, node, k, d) => (scan[k] === undefined || node[k] === undefined ? 'n/a' : `+${(scan[k] - node[k]).toFixed(d)}`);
const overNode = (scan, node) =>
  `${over(scan, node, 'wall', 0)} ms, ${over(scan, node, 'instr', 1)} M instructions, ${over(scan, node, 'faults', 0)} page faults`;
console.log(`scan over node's own start: ${overNode(rows[2], rows[0])}`);
if (rows.length > 3) console.log(`without NODE_EXTRA_CA_CERTS: ${overNode(rows[4], rows[3])}`);
if (!hasValgrind) console.log('(valgrind not installed: apt-get install valgrind)');
if (!hasPerf) console.log('(perf not available: apt-get install linux-perf; some virtual machines do not allow it)');
