#!/usr/bin/env node
// Run-line benchmark: how fast `docker run` lines are found and checked in shell scripts, Makefiles, workflows and
// Markdown, against the mvdan/sh parser (sh-syntax) alone on the same files.
//   node scripts/build.mjs && node scripts/build.mjs --tests && node bench/run-lines.mjs [--count 500] [--runs 3]
// (the in-process rows import the one-to-one test build from $BULWARK_BUILD_DIR, default .build/).
// The corpus is generated here, deterministically (seed 42): per unit one script, one Makefile, one workflow,
// one README, each with several run lines, continuations, variables, $(...) and here-documents.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { arg, median, root } from './lib.mjs';

const COUNT = arg('count', 500);
const RUNS = arg('runs', 3);
const buildDir = process.env.BULWARK_BUILD_DIR ?? join(root, '.build');

let seed = 42;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (a) => a[Math.floor(rnd() * a.length)];
const FLAGS = [
  '--privileged',
  '--read-only',
  '--cap-drop ALL',
  '--cap-add NET_ADMIN',
  '-p 8080:80',
  '-p 127.0.0.1:9000:9000',
  '-v /var/run/docker.sock:/var/run/docker.sock',
  '-v "$PWD/data:/data:ro"',
  '--memory 512m',
  '--cpus=1.5',
  '--pids-limit 200',
  '-e DB_PASSWORD=$DB_PASSWORD',
  '--security-opt no-new-privileges',
  '--restart unless-stopped',
  '--network host',
  "--health-cmd 'curl -f http://localhost/ || exit 1'",
  '-u 10001:10001',
  '--log-opt max-size=10m',
];
const runLine = (indent = '') => {
  const flags = Array.from({ length: 3 + Math.floor(rnd() * 6) }, () => pick(FLAGS));
  return `${indent}docker run -d --name svc${Math.floor(rnd() * 1000)} \\\n${flags.map((f) => `${indent}  ${f} \\`).join('\n')}\n${indent}  ${pick(['nginx:1.27', 'redis', '"$IMAGE"', 'ghcr.io/acme/api:1.4'])} ${pick(['', 'sh -c "echo hi"', '--port 80'])}`;
};
const script = () =>
  [
    '#!/usr/bin/env bash',
    'set -euo pipefail',
    'IMAGE=${IMAGE:-app:dev}',
    'start() {',
    runLine('  '),
    '}',
    'if [ "${1:-}" = up ]; then',
    `  ID=$(${runLine('').replace(/\n/g, '\n  ')})`,
    'fi',
    'cat <<EOF',
    'docker run --privileged not-a-command',
    'EOF',
    runLine(''),
    'docker ps --format "{{.Names}}" | grep -q svc || echo none',
  ].join('\n');
const makefile = () => ['IMAGE ?= app:dev', 'run:', `\t@${runLine('\t').replace(/^\t/, '')}`, 'test: ; docker run --rm $(IMAGE) make test'].join('\n');
const workflow = () =>
  [
    'on: push',
    'jobs:',
    '  t:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - run: |',
    runLine('          '),
    `      - run: docker run --rm \${{ matrix.image }} true`,
  ].join('\n');
const readme = () => ['# Service', '', '```bash', runLine(''), '```', '', '```console', `$ ${runLine('')}`, 'abc123', '```', ''].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'bulwark-bench-run-'));
const files = [];
for (let i = 0; i < COUNT; i++) {
  const d = join(dir, `u${i}`);
  mkdirSync(join(d, '.github', 'workflows'), { recursive: true });
  for (const [name, text] of [
    ['deploy.sh', script()],
    ['Makefile', makefile()],
    [join('.github', 'workflows', 'ci.yml'), workflow()],
    ['README.md', readme()],
  ]) {
    writeFileSync(join(d, name), text);
    files.push(join(d, name));
  }
}
const texts = files.map((f) => ({ path: f, text: readFileSync(f, 'utf8') }));
const bytes = texts.reduce((n, t) => n + t.text.length, 0);
const timeAsync = async (fn) => {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

const run = await import(pathToFileURL(join(buildDir, 'src', 'sources', 'run', 'index.js')).href);
const { parse } = await import('sh-syntax');
const shellFloor = median(
  await Promise.all(
    Array.from({ length: 1 }, () =>
      timeAsync(async () => {
        for (const t of texts.filter((x) => x.path.endsWith('.sh'))) await parse(t.text);
      }),
    ),
  ),
);
const oneCall = await timeAsync(async () => {
  await parse(
    texts
      .filter((x) => x.path.endsWith('.sh'))
      .map((x) => x.text)
      .join('\n'),
  );
});
const sync = [];
const asyncMs = [];
let specs = 0;
for (let r = 0; r < RUNS; r++) {
  sync.push(
    await timeAsync(async () => {
      specs = 0;
      for (const t of texts) specs += run.scanRunFile(t.path, t.text, t.path)?.specs.length ?? 0;
    }),
  );
  asyncMs.push(
    await timeAsync(async () => {
      await run.scanRunFilesAsync(texts.map((t) => ({ path: t.path, text: t.text, source: t.path })));
    }),
  );
}
const bin = join(root, 'dist', 'bulwark.js');
const cli = [];
for (let r = 0; r < RUNS; r++) {
  cli.push(
    await timeAsync(async () => {
      const p = spawnSync(process.execPath, [bin, 'scan', dir, '--format', 'json', '--output', '/dev/null'], { stdio: ['ignore', 'ignore', 'pipe'] });
      if (p.status !== 0 && p.status !== 1) throw new Error(`bulwark exited ${p.status}: ${p.stderr}`);
    }),
  );
}
rmSync(dir, { recursive: true, force: true });

const scripts = texts.filter((x) => x.path.endsWith('.sh')).length;
const fps = (n, ms) => (n / (ms / 1000)).toFixed(0);
console.log(`Run-line corpus: ${files.length} files (${(bytes / 1e6).toFixed(1)} MB, ${specs} run lines), medians of ${RUNS} runs.`);
console.log('| what | wall ms | files/s |');
console.log('|---|---:|---:|');
console.log(`| sh-syntax parse alone, ${scripts} scripts only (floor for the grammar check) | ${shellFloor.toFixed(0)} | ${fps(scripts, shellFloor)} |`);
console.log(`| sh-syntax parse alone, the same scripts joined in one call | ${oneCall.toFixed(0)} | ${fps(scripts, oneCall)} |`);
console.log(`| find + map run lines, lexer only (scanRunFile), all files | ${median(sync).toFixed(0)} | ${fps(files.length, median(sync))} |`);
console.log(
  `| find + map + mvdan/sh grammar check (scanRunFilesAsync, one batch), all files | ${median(asyncMs).toFixed(0)} | ${fps(files.length, median(asyncMs))} |`,
);
console.log(`| bulwark scan (CLI, JSON report, every rule) | ${median(cli).toFixed(0)} | ${fps(files.length, median(cli))} |`);
