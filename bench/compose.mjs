#!/usr/bin/env node
// Compose benchmark: Bulwark vs dclint on the same generated corpus, and vs the YAML parser alone.
//   npm run build && node bench/compose.mjs [--count 1000] [--runs 3] [--peer-runs 1] [--cold 10]
// Prints files/s, the ratio to the parse floor and to dclint, and cold starts. The floor is `yaml`'s
// parseDocument in process, timed for both of its builds: the Node build (what `import 'yaml'` gives) and the
// ES module build that dist/bulwark.cjs bundles (the same parser without a process.env read per token); the
// ratio is taken against the faster one. Bulwark is timed in one thread (-j 0) and with its default worker
// threads; runs of the tools alternate so that a busy machine slows them alike, and each dclint run is also
// compared with the Bulwark scans run just before and after it.
// The corpus comes from ../shared/research/gen-corpus.mjs (deterministic, seed 42).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseDocument as parseNodeBuild } from 'yaml';
import { arg, generateCorpus, median, root, time } from './lib.mjs';

const COUNT = arg('count', 1000);
const RUNS = arg('runs', 3);
const PEER_RUNS = arg('peer-runs', 1);
const COLD = arg('cold', 10);

const dir = generateCorpus('compose', COUNT);
const composeDir = join(dir, 'compose');
const files = readdirSync(composeDir).map((f) => join(composeDir, f));
const run = (cmd, args, env = process.env) => {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} … exited ${r.status}: ${r.stderr}`);
};

const texts = files.map((f) => readFileSync(f, 'utf8'));
const { parseDocument: parseEsmBuild } = await import(join(root, 'node_modules', 'yaml', 'browser', 'index.js'));
const parseAll = (parse) => () => {
  for (const t of texts) parse(t, { merge: true });
};
const bulwark = join(root, 'dist', 'bulwark.js');
const scan = (jobs) => () => run(process.execPath, [bulwark, 'scan', ...files, ...jobs, '--format', 'json', '--output', '/dev/null']);
// The same parse as a fresh process, the way a CLI meets the files: start Node, read every file, parse it.
const parseScript = join(dir, 'parse-only.mjs');
writeFileSync(
  parseScript,
  `import { readFileSync } from 'node:fs';\nimport { parseDocument } from ${JSON.stringify(join(root, 'node_modules', 'yaml', 'browser', 'index.js'))};\n` +
    `for (const f of process.argv.slice(2)) parseDocument(readFileSync(f, 'utf8'), { merge: true });\n`,
);
const samples = { node: [], esm: [], fresh: [], one: [], many: [] };
for (let i = 0; i < RUNS; i++) {
  samples.node.push(time(parseAll(parseNodeBuild)));
  samples.esm.push(time(parseAll(parseEsmBuild)));
  samples.fresh.push(time(() => run(process.execPath, [parseScript, ...files])));
  samples.one.push(time(scan(['-j', '0'])));
  samples.many.push(time(scan([])));
}
const parseNodeMs = median(samples.node);
const parseEsmMs = median(samples.esm);
const parseMs = Math.min(parseNodeMs, parseEsmMs);
const parseFreshMs = median(samples.fresh);
const scanOneMs = median(samples.one);
const scanMs = median(samples.many);
const dclint = join(root, 'node_modules', '.bin', 'dclint');
// The machine's speed drifts over the minute or more dclint takes: each dclint run is also paired with a Bulwark scan
// just before and just after it, and the ratio to their mean is the one taken in the same phase.
const paired = [];
const peerMs = median(
  Array.from({ length: PEER_RUNS }, () => {
    const before = time(scan([]));
    const ms = time(() => run(dclint, [composeDir, '-f', 'json', '-o', join(dir, 'dclint.json')]));
    const after = time(scan([]));
    paired.push(ms / ((before + after) / 2));
    return ms;
  }),
);
const one = files[0];
// Node.js parses the certificates NODE_EXTRA_CA_CERTS names at every start, before any script runs (these machines
// set it to the whole system bundle: about 400 M instructions); the starts are also timed without it.
const extraCerts = process.env.NODE_EXTRA_CA_CERTS !== undefined;
const { NODE_EXTRA_CA_CERTS: _certs, ...plainEnv } = process.env;
const cold = { bulwark: [], peer: [], node: [], bulwarkPlain: [], nodePlain: [] };
const oneScan = [bulwark, 'scan', one, '--format', 'json', '--output', '/dev/null'];
for (let i = 0; i < COLD; i++) {
  cold.bulwark.push(time(() => run(process.execPath, oneScan)));
  cold.peer.push(time(() => run(dclint, [one, '-f', 'json', '-o', join(dir, 'one.json')])));
  cold.node.push(time(() => run(process.execPath, ['-e', '0'])));
  if (extraCerts) {
    cold.bulwarkPlain.push(time(() => run(process.execPath, oneScan, plainEnv)));
    cold.nodePlain.push(time(() => run(process.execPath, ['-e', '0'], plainEnv)));
  }
}
const coldBulwark = median(cold.bulwark);
const coldPeer = median(cold.peer);
const coldNode = median(cold.node);
rmSync(dir, { recursive: true, force: true });

const cpus = availableParallelism();
const defaultThreads = cpus >= 4 ? `${Math.min(cpus - 1, 7)} scan workers` : cpus >= 2 ? 'a thread parsing ahead' : 'one thread';
const fps = (ms) => (files.length / (ms / 1000)).toFixed(0);
console.log(`Compose corpus: ${files.length} files (gen-corpus.mjs seed 42); medians of ${RUNS} runs (dclint: ${PEER_RUNS}), cold starts of ${COLD}.`);
console.log('| what | wall ms | files/s |');
console.log('|---|---:|---:|');
console.log(`| yaml parseDocument alone, in process, Node build | ${parseNodeMs.toFixed(0)} | ${fps(parseNodeMs)} |`);
console.log(`| yaml parseDocument alone, in process, ES module build (bundled by Bulwark) | ${parseEsmMs.toFixed(0)} | ${fps(parseEsmMs)} |`);
console.log(`| yaml parseDocument alone, fresh process (start, read, parse; ES module build) | ${parseFreshMs.toFixed(0)} | ${fps(parseFreshMs)} |`);
console.log(`| bulwark scan -j 0 (CLI, one thread, JSON report) | ${scanOneMs.toFixed(0)} | ${fps(scanOneMs)} |`);
// By default: scan workers from 4 CPUs; on 2 or 3 CPUs a second thread that parses compose files ahead.
console.log(`| bulwark scan (CLI, default threads: ${defaultThreads}, JSON report) | ${scanMs.toFixed(0)} | ${fps(scanMs)} |`);
console.log(`| dclint (CLI, JSON report) | ${peerMs.toFixed(0)} | ${fps(peerMs)} |`);
console.log(`| cold start, one file: bulwark | ${coldBulwark.toFixed(0)} | |`);
console.log(`| cold start, one file: dclint | ${coldPeer.toFixed(0)} | |`);
console.log(`| cold start: node -e 0 | ${coldNode.toFixed(0)} | |`);
if (extraCerts) {
  console.log(`| cold start, one file: bulwark, without NODE_EXTRA_CA_CERTS | ${median(cold.bulwarkPlain).toFixed(0)} | |`);
  console.log(`| cold start: node -e 0, without NODE_EXTRA_CA_CERTS | ${median(cold.nodePlain).toFixed(0)} | |`);
}
console.log(`cold start over node's own: bulwark +${(coldBulwark - coldNode).toFixed(0)} ms, dclint +${(coldPeer - coldNode).toFixed(0)} ms`);
console.log(`bulwark / parse floor (the faster yaml build): ${(scanMs / parseMs).toFixed(2)}x, one thread ${(scanOneMs / parseMs).toFixed(2)}x (goal <= 1.5x)`);
console.log(`bulwark / Node-build parse: ${(scanMs / parseNodeMs).toFixed(2)}x, one thread ${(scanOneMs / parseNodeMs).toFixed(2)}x`);
console.log(`bulwark / parse in a fresh process: ${(scanMs / parseFreshMs).toFixed(2)}x, one thread ${(scanOneMs / parseFreshMs).toFixed(2)}x`);
console.log(`bulwark speed vs dclint: ${(peerMs / scanMs).toFixed(1)}x faster, one thread ${(peerMs / scanOneMs).toFixed(1)}x (goal >= 30x)`);
console.log(`bulwark speed vs dclint, against the scans run just before and after it: ${median(paired).toFixed(1)}x`);
