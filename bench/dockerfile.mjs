#!/usr/bin/env node
// Benchmark: Bulwark on Dockerfiles next to the npm Dockerfile linters, on the same generated corpus.
//   npm run build && node bench/dockerfile.mjs [count=1000] [seed=42]
// Generates <count> realistic Dockerfiles with /work/shared/research/gen-corpus.mjs (or $BULWARK_CORPUS_GEN)
// in a temp folder, then measures (wall clock, median of several runs):
//   - Bulwark: one CLI process over all files (files/s), the cold start of one file, and the library in process;
//   - dockerfilelint 1.8: one process over all files (it aborts on the first file it cannot handle), one
//     process over the files it survives (files/s), its cold start, and its library in process (exceptions);
//   - dockerfile_lint 0.3: its CLI takes one file, so a sample of per-file processes (files/s), its cold
//     start, and its library in process.
// Prints a table and the ratios. Run on demand only (never in the test suite); it keeps both cores busy.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(join(root, 'package.json'));
const COUNT = Number(process.argv[2] ?? 1000);
const SEED = process.argv[3] ?? '42';
const GEN = process.env.BULWARK_CORPUS_GEN ?? '/work/shared/research/gen-corpus.mjs';
const BIN = join(root, 'dist', 'bulwark.js');
const BIN_DFL = join(root, 'node_modules', '.bin', 'dockerfilelint');
const BIN_DF_L = join(root, 'node_modules', '.bin', 'dockerfile_lint');

if (!existsSync(BIN)) {
  console.error('dist/bulwark.js is missing: run `npm run build` first');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'bw-bench-df-'));
try {
  const gen = spawnSync(process.execPath, [GEN, work, String(COUNT), SEED], { encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(`corpus generator failed: ${gen.stderr}`);
  const dir = join(work, 'dockerfiles');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.Dockerfile'))
    .sort()
    .map((f) => join(dir, f));
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  console.log(`corpus: ${files.length} Dockerfiles in ${dir} (seed ${SEED})`);

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const timeRuns = (n, fn) => {
    const times = [];
    let last;
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      last = fn();
      times.push(performance.now() - t);
    }
    return { ms: median(times), last };
  };
  const run = (cmd, args) => spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const rows = [];
  const row = (tool, mode, n, ms, problems) => rows.push({ tool, mode, files: n, ms, fps: n / (ms / 1000), problems });

  // --- Bulwark
  {
    const r = timeRuns(3, () => run(process.execPath, [BIN, 'scan', dir, '--format', 'json']));
    const report = JSON.parse(r.last.stdout);
    const crashed = r.last.status === 3 ? 1 : 0;
    const errors = report.errors.length;
    row('bulwark', 'CLI, one process, all files', files.length, r.ms, `${crashed} crashes, ${errors} parse errors, ${report.findings.length} findings`);
    const one = timeRuns(10, () => run(process.execPath, [BIN, 'scan', files[0], '--format', 'json']));
    row('bulwark', 'cold start, one file', 1, one.ms, `exit ${one.last.status}`);
    // The same pipeline in process (bundled from source on the fly).
    const lib = join(work, 'bulwark-lib.mjs');
    await build({
      entryPoints: [join(root, 'src/pipeline/scan.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: lib,
      logLevel: 'error',
      mainFields: ['module', 'main'],
      external: ['dockerode', 'ssh2', 'cpu-features', 'playwright-core'],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    const { scanPaths } = await import(lib);
    scanPaths({ paths: [dir], cwd: work, env: {} });
    const inproc = timeRuns(5, () => scanPaths({ paths: [dir], cwd: work, env: {} }));
    row(
      'bulwark',
      'library in process (warm)',
      files.length,
      inproc.ms,
      `${inproc.last.diagnostics.filter((d) => d.severity === 'error').length} parse errors`,
    );
  }

  // --- dockerfilelint
  const dfl = require('dockerfilelint');
  const survivors = [];
  let dflExceptions = 0;
  {
    files.forEach((f, i) => {
      try {
        dfl.run(join(root, 'node_modules', 'dockerfilelint'), texts[i]);
        survivors.push(f);
      } catch {
        dflExceptions++;
      }
    });
    const all = timeRuns(1, () => run(BIN_DFL, ['-j', ...files]));
    const aborted = /TypeError|Error:/.test(all.last.stderr) || all.last.stdout.trim() === '';
    row('dockerfilelint', 'CLI, one process, all files', files.length, all.ms, aborted ? 'aborts: uncaught exception, no report' : 'completed');
    const r = timeRuns(3, () => run(BIN_DFL, ['-j', ...survivors]));
    row('dockerfilelint', 'CLI, one process, files it survives', survivors.length, r.ms, `${files.length - survivors.length} files left out (crash)`);
    const one = timeRuns(10, () => run(BIN_DFL, ['-j', survivors[0] ?? files[0]]));
    row('dockerfilelint', 'cold start, one file', 1, one.ms, '');
    const lib = timeRuns(3, () => {
      for (const t of texts) {
        try {
          dfl.run(join(root, 'node_modules', 'dockerfilelint'), t);
        } catch {
          /* counted above */
        }
      }
    });
    row('dockerfilelint', 'library in process', files.length, lib.ms, `${dflExceptions} exceptions`);
  }

  // --- dockerfile_lint
  {
    const Linter = require('dockerfile_lint');
    const linter = new Linter();
    let exceptions = 0;
    const lib = timeRuns(3, () => {
      exceptions = 0;
      for (const t of texts) {
        try {
          linter.validate(t);
        } catch {
          exceptions++;
        }
      }
    });
    const sample = files.slice(0, Math.min(50, files.length));
    const r = timeRuns(1, () => {
      for (const f of sample) run(BIN_DF_L, ['-j', '-f', f]);
    });
    row('dockerfile_lint', `CLI, one process per file (${sample.length}-file sample)`, sample.length, r.ms, 'takes one file per run');
    const one = timeRuns(10, () => run(BIN_DF_L, ['-j', '-f', files[0]]));
    row('dockerfile_lint', 'cold start, one file', 1, one.ms, '');
    row('dockerfile_lint', 'library in process', files.length, lib.ms, `${exceptions} exceptions`);
  }

  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  console.log();
  console.log(`${pad('tool', 16)}${pad('mode', 46)}${lpad('files', 6)}${lpad('ms', 10)}${lpad('files/s', 10)}  notes`);
  for (const r of rows) {
    console.log(
      `${pad(r.tool, 16)}${pad(r.mode, 46)}${lpad(r.files, 6)}${lpad(r.ms.toFixed(0), 10)}${lpad(r.files > 1 ? r.fps.toFixed(0) : '-', 10)}  ${r.problems}`,
    );
  }
  const get = (tool, mode) => rows.find((r) => r.tool === tool && r.mode.startsWith(mode));
  const bw = get('bulwark', 'CLI, one process');
  const peers = rows.filter((r) => r.tool !== 'bulwark' && r.mode.startsWith('CLI') && !r.problems.startsWith('abort'));
  const fastest = peers.reduce((a, b) => (b.fps > a.fps ? b : a));
  console.log();
  console.log(
    `files/s, one process: bulwark ${bw.fps.toFixed(0)} vs fastest peer ${fastest.tool} ${fastest.fps.toFixed(0)} (on the ${fastest.files} files it survives): ${(bw.fps / fastest.fps).toFixed(2)}x`,
  );
  console.log(
    `files/s, library in process: bulwark ${get('bulwark', 'library').fps.toFixed(0)}, dockerfilelint ${get('dockerfilelint', 'library').fps.toFixed(0)}, dockerfile_lint ${get('dockerfile_lint', 'library').fps.toFixed(0)}`,
  );
  for (const t of ['dockerfilelint', 'dockerfile_lint']) {
    console.log(
      `cold start: bulwark ${get('bulwark', 'cold').ms.toFixed(0)} ms vs ${t} ${get(t, 'cold').ms.toFixed(0)} ms (${(get(t, 'cold').ms / get('bulwark', 'cold').ms).toFixed(2)}x)`,
    );
  }
  console.log(
    `goal: >= fastest peer files/s with zero crashes, cold start < 150 ms -> ${bw.fps >= fastest.fps && get('bulwark', 'cold').ms < 150 && bw.problems.startsWith('0 crashes') ? 'met' : 'NOT met'}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
