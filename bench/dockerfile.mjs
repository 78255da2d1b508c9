#!/usr/bin/env node
// Benchmark: Bulwark on Dockerfiles next to the npm Dockerfile linters, on the same generated corpus.
//   npm run build && node bench/dockerfile.mjs [count=1000] [seed=42] [rounds=5]
// Generates <count> realistic Dockerfiles with ../shared/research/gen-corpus.mjs (or $BULWARK_CORPUS_GEN)
// in a temp folder, then measures wall-clock medians over <rounds> rounds, running the tools in turn inside
// each round so that a busy machine slows them alike:
//   - Bulwark: one CLI process over all files (files/s), with its default worker threads and with -j 0 (one
//     thread), the cold start of one file, the library in process (one thread);
//   - dockerfilelint 1.8: one process over all files (it aborts on the first file it cannot handle), one
//     process over the files it survives (files/s), its cold start, and its library in process (exceptions);
//   - dockerfile_lint 0.3: its CLI takes one file, so a sample of per-file processes (files/s), its cold
//     start, and its library in process;
//   - dockerfile-ast alone (the parser Bulwark uses), in process and in a fresh process, to show the floor under
//     Bulwark's design.
// Prints a table and the ratios. Run on demand only (never in the test suite); it keeps both cores busy.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { generateCorpus, median, root } from './lib.mjs';

const require = createRequire(join(root, 'package.json'));
const COUNT = Number(process.argv[2] ?? 1000);
const SEED = process.argv[3] ?? '42';
const ROUNDS = Number(process.argv[4] ?? 5);
const BIN = join(root, 'dist', 'bulwark.js');
const BIN_DFL = join(root, 'node_modules', '.bin', 'dockerfilelint');
const BIN_DF_L = join(root, 'node_modules', '.bin', 'dockerfile_lint');

if (!existsSync(BIN)) {
  console.error('dist/bulwark.js is missing: run `npm run build` first');
  process.exit(2);
}

const run = (cmd, args) => spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
const timed = (fn) => {
  const t = performance.now();
  const last = fn();
  return { ms: performance.now() - t, last };
};

const work = generateCorpus('df', COUNT, SEED);
try {
  const dir = join(work, 'dockerfiles');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.Dockerfile'))
    .sort()
    .map((f) => join(dir, f));
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  console.log(`corpus: ${files.length} Dockerfiles (seed ${SEED}); ${ROUNDS} rounds, medians`);
  console.log(
    `machine: ${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at start (wall clock grows with the load: compare rows of one run)`,
  );

  // Which files dockerfilelint survives (its CLI aborts the whole batch on the first exception).
  const dfl = require('dockerfilelint');
  const dflRoot = join(root, 'node_modules', 'dockerfilelint');
  const survivors = files.filter((_, i) => {
    try {
      dfl.run(dflRoot, texts[i]);
      return true;
    } catch {
      return false;
    }
  });
  const Linter = require('dockerfile_lint');
  const linter = new Linter();
  const { DockerfileParser } = require('dockerfile-ast');

  // Bulwark's pipeline in process, bundled from source on the fly (same options as scripts/build.mjs).
  const libFile = join(work, 'bulwark-lib.mjs');
  await build({
    entryPoints: [join(root, 'src/pipeline/scan.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: libFile,
    logLevel: 'error',
    mainFields: ['module', 'main'],
    external: ['dockerode', 'ssh2', 'cpu-features', 'playwright-core'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const { scanPaths } = await import(libFile);
  scanPaths({ paths: [dir], cwd: work, env: {} });

  // dockerfile-ast alone in a fresh process (start, read, parse), on the files dockerfilelint survives: the floor
  // under any CLI that parses with it, to set beside dockerfilelint's CLI on the same files.
  const astScript = join(work, 'ast-alone.cjs');
  writeFileSync(
    astScript,
    `const { readFileSync } = require('node:fs');\nconst { DockerfileParser } = require(${JSON.stringify(require.resolve('dockerfile-ast'))});\n` +
      `for (const f of process.argv.slice(2)) DockerfileParser.parse(readFileSync(f, 'utf8')).getInstructions();\n`,
  );

  const sample = files.slice(0, Math.min(20, files.length));
  const t = {};
  const add = (k, ms) => (t[k] ??= []).push(ms);
  let bwReport;
  let bwStatus;
  let dflAllAborted = false;
  let dflExceptions = 0;
  let dfLExceptions = 0;
  let libErrors = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const bw = timed(() => run(process.execPath, [BIN, 'scan', dir, '--format', 'json']));
    add('bw-cli', bw.ms);
    add('bw-cli-1', timed(() => run(process.execPath, [BIN, 'scan', dir, '-j', '0', '--format', 'json'])).ms);
    bwStatus = bw.last.status;
    bwReport = JSON.parse(bw.last.stdout);
    add('dfl-cli', timed(() => run(BIN_DFL, ['-j', ...survivors])).ms);
    add('ast-cli', timed(() => run(process.execPath, [astScript, ...survivors])).ms);
    add('bw-cold', timed(() => run(process.execPath, [BIN, 'scan', files[0], '--format', 'json'])).ms);
    add('dfl-cold', timed(() => run(BIN_DFL, ['-j', survivors[0] ?? files[0]])).ms);
    add('df_l-cold', timed(() => run(BIN_DF_L, ['-j', '-f', files[0]])).ms);
    add('node-cold', timed(() => run(process.execPath, ['-e', '0'])).ms);
    const inproc = timed(() => scanPaths({ paths: [dir], cwd: work, env: {} }));
    add('bw-lib', inproc.ms);
    libErrors = inproc.last.diagnostics.filter((d) => d.severity === 'error').length;
    add(
      'ast-lib',
      timed(() => {
        for (const x of texts) DockerfileParser.parse(x).getInstructions();
      }).ms,
    );
    add(
      'dfl-lib',
      timed(() => {
        dflExceptions = 0;
        for (const x of texts) {
          try {
            dfl.run(dflRoot, x);
          } catch {
            dflExceptions++;
          }
        }
      }).ms,
    );
    add(
      'df_l-lib',
      timed(() => {
        dfLExceptions = 0;
        for (const x of texts) {
          try {
            linter.validate(x);
          } catch {
            dfLExceptions++;
          }
        }
      }).ms,
    );
    if (round === 0) {
      const all = timed(() => run(BIN_DFL, ['-j', ...files]));
      add('dfl-all', all.ms);
      dflAllAborted = /TypeError|Error:/.test(all.last.stderr) || all.last.stdout.trim() === '';
      add(
        'df_l-cli',
        timed(() => {
          for (const f of sample) run(BIN_DF_L, ['-j', '-f', f]);
        }).ms,
      );
    }
  }

  const rows = [];
  const row = (tool, mode, n, key, notes) => rows.push({ tool, mode, files: n, ms: median(t[key]), fps: n / (median(t[key]) / 1000), notes });
  row('bulwark', 'CLI, one thread (-j 0), all files', files.length, 'bw-cli-1', '');
  row(
    'bulwark',
    'CLI, one process, all files',
    files.length,
    'bw-cli',
    `${bwStatus === 3 ? 1 : 0} crashes, ${bwReport.errors.length} parse errors, ${bwReport.findings.length} findings`,
  );
  row('bulwark', 'cold start, one file', 1, 'bw-cold', '');
  row('bulwark', 'library in process (warm)', files.length, 'bw-lib', `${libErrors} parse errors`);
  row('dockerfile-ast', 'parse only, in process (warm)', files.length, 'ast-lib', 'the parser Bulwark uses, no rules');
  row('dockerfile-ast', 'parse only, fresh process', survivors.length, 'ast-cli', 'start, read, parse: the files dockerfilelint survives');
  row('dockerfilelint', 'CLI, one process, all files', files.length, 'dfl-all', dflAllAborted ? 'aborts: uncaught exception, no report' : 'completed');
  row(
    'dockerfilelint',
    'CLI, one process, files it survives',
    survivors.length,
    'dfl-cli',
    `${files.length - survivors.length} files left out (they crash it)`,
  );
  row('dockerfilelint', 'cold start, one file', 1, 'dfl-cold', '');
  row('dockerfilelint', 'library in process', files.length, 'dfl-lib', `${dflExceptions} exceptions`);
  row('dockerfile_lint', `CLI, one process per file (${sample.length}-file sample)`, sample.length, 'df_l-cli', 'its CLI takes one file per run');
  row('dockerfile_lint', 'cold start, one file', 1, 'df_l-cold', '');
  row('dockerfile_lint', 'library in process', files.length, 'df_l-lib', `${dfLExceptions} exceptions`);
  row('node', 'cold start, node -e 0', 1, 'node-cold', 'what any Node.js CLI pays before its first line');

  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  console.log();
  console.log(`${pad('tool', 16)}${pad('mode', 42)}${lpad('files', 6)}${lpad('ms', 9)}${lpad('files/s', 9)}  notes`);
  for (const r of rows) {
    console.log(
      `${pad(r.tool, 16)}${pad(r.mode, 42)}${lpad(r.files, 6)}${lpad(r.ms.toFixed(0), 9)}${lpad(r.files > 1 ? r.fps.toFixed(0) : '-', 9)}  ${r.notes}`,
    );
  }
  const get = (tool, mode) => rows.find((r) => r.tool === tool && r.mode.startsWith(mode));
  const bw = get('bulwark', 'CLI, one process');
  const peers = rows.filter((r) => r.tool.startsWith('dockerfile') && r.tool !== 'dockerfile-ast' && r.mode.startsWith('CLI') && !r.notes.startsWith('aborts'));
  const fastest = peers.reduce((a, b) => (b.fps > a.fps ? b : a));
  const lib = get('bulwark', 'library');
  const ast = get('dockerfile-ast', 'parse');
  console.log();
  console.log(
    `files/s, one process: bulwark ${bw.fps.toFixed(0)} vs fastest peer ${fastest.tool} ${fastest.fps.toFixed(0)} (on the ${fastest.files} files it survives): ${(bw.fps / fastest.fps).toFixed(2)}x`,
  );
  console.log(
    `files/s, in process: bulwark ${lib.fps.toFixed(0)}, dockerfilelint ${get('dockerfilelint', 'library').fps.toFixed(0)}, dockerfile_lint ${get('dockerfile_lint', 'library').fps.toFixed(0)}; dockerfile-ast parsing alone ${ast.fps.toFixed(0)} (${((ast.ms / lib.ms) * 100).toFixed(0)}% of Bulwark's in-process time)`,
  );
  const astCli = get('dockerfile-ast', 'parse only, fresh');
  const dflCli = get('dockerfilelint', 'CLI, one process, files it survives');
  console.log(
    `the parser alone, fresh process: dockerfile-ast ${astCli.fps.toFixed(0)} files/s vs dockerfilelint's CLI ${dflCli.fps.toFixed(0)} on the same ${dflCli.files} files: ${(astCli.fps / dflCli.fps).toFixed(2)}x (the ceiling of any CLI that parses with dockerfile-ast)`,
  );
  const cold = get('bulwark', 'cold').ms;
  for (const tool of ['dockerfilelint', 'dockerfile_lint'])
    console.log(
      `cold start: bulwark ${cold.toFixed(0)} ms vs ${tool} ${get(tool, 'cold').ms.toFixed(0)} ms (${tool} takes ${(get(tool, 'cold').ms / cold).toFixed(2)}x as long)`,
    );
  console.log(`cold start over node's own start: bulwark +${(cold - get('node', 'cold').ms).toFixed(0)} ms`);
  const met = bw.fps >= fastest.fps && cold < 150 && bw.notes.startsWith('0 crashes');
  console.log(`goal (>= fastest peer files/s, zero crashes, cold start < 150 ms): ${met ? 'met' : 'NOT met'}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
