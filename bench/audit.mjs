#!/usr/bin/env node
// Times `bulwark audit engine --containers-only` against N real running containers (N = 10, 40, 200 by
// default) on the local engine, and compares with docker-bench-security's cost on this kind of machine
// (about 1.2 s per running container: one `docker` process per field per container).
//
//   node scripts/build.mjs && node bench/audit.mjs [N...] [--runs 5]
//
// Containers are named bwbench-<pid>-<i>, run BUSYBOX (`sleep 3600`, --network none, a few settings so that
// rules have something to report), and are removed at the end, also on failure or Ctrl-C.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { median, root } from './lib.mjs';

const BIN = join(root, 'dist', 'bulwark.js');
const IMAGE = 'bulwark-test/busybox:1';
const DOCKER_BENCH_SECONDS_PER_CONTAINER = 1.2;
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt === -1 ? 5 : Number(args[runsAt + 1]);
const sizes = args.filter((a, i) => /^\d+$/.test(a) && i !== runsAt + 1).map(Number);
const SIZES = sizes.length > 0 ? sizes : [10, 40, 200];
const prefix = `bwbench-${process.pid}-`;

function cleanup() {
  const ids = spawnSync('docker', ['ps', '-aq', '--filter', `name=${prefix}`], { encoding: 'utf8' }).stdout.trim();
  if (ids) spawnSync('docker', ['rm', '-f', ...ids.split('\n')], { encoding: 'utf8' });
}
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

/** Starts containers [from, to) with at most 8 `docker run` in flight. */
async function createContainers(from, to) {
  let next = from;
  const one = () =>
    new Promise((resolve, reject) => {
      const i = next++;
      const flags = i % 2 === 0 ? ['--cap-add', 'NET_ADMIN', '--pids-limit', '100'] : ['--read-only', '--user', '1000', '--security-opt', 'no-new-privileges'];
      const p = spawn('docker', ['run', '-d', '--name', `${prefix}${i}`, '--network', 'none', ...flags, IMAGE, 'sleep', '3600'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      p.stderr.on('data', (d) => (err += d));
      p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker run failed: ${err}`))));
    });
  const worker = async () => {
    while (next < to) await one();
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

function timeAudit() {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, 'audit', 'engine', '--containers-only', '--filter', `name=${prefix}`, '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 1 && r.status !== 0) throw new Error(`audit failed (${r.status}): ${r.stderr}`);
  const report = JSON.parse(r.stdout);
  return { ms, findings: report.findings.length, subjects: report.summary?.subjects };
}

try {
  execFileSync('docker', ['image', 'inspect', IMAGE], { stdio: 'ignore' });
  // Start-up cost of the CLI alone, for reference.
  const base = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, [BIN, '--version']);
    base.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  console.log(`node ${process.version}, ${RUNS} runs per size; CLI start-up alone (--version): median ${median(base).toFixed(0)} ms`);
  console.log('containers  median ms  min ms  max ms  ms/container  findings  docker-bench est.  ratio');
  let have = 0;
  for (const n of SIZES) {
    if (n > have) {
      await createContainers(have, n);
      have = n;
    }
    timeAudit(); // warm the engine's caches once
    const times = [];
    let last;
    for (let i = 0; i < RUNS; i++) {
      last = timeAudit();
      times.push(last.ms);
    }
    if (last.subjects !== undefined && last.subjects !== n) throw new Error(`audited ${last.subjects} containers, expected ${n}`);
    const med = median(times);
    const bench = n * DOCKER_BENCH_SECONDS_PER_CONTAINER;
    console.log(
      `${String(n).padStart(10)}  ${med.toFixed(0).padStart(9)}  ${Math.min(...times)
        .toFixed(0)
        .padStart(6)}  ${Math.max(...times)
        .toFixed(0)
        .padStart(
          6,
        )}  ${(med / n).toFixed(1).padStart(12)}  ${String(last.findings).padStart(8)}  ${`${bench.toFixed(0)} s`.padStart(17)}  ${`${((bench * 1000) / med).toFixed(0)}x`.padStart(5)}`,
    );
  }
} finally {
  cleanup();
}
