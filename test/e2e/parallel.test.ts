// A scan spread over worker threads gives what the same scan gives in one thread: same findings in the same
// order, same input errors, same counts. The tree mixes what could go wrong when work is cut apart: compose
// projects with override files, a YAML file named alone, two projects in different folders building one
// Dockerfile (checked once, with the first project's context, and skipped by the Dockerfile handler), plain
// Dockerfiles, a file that does not parse, run lines and a daemon.json (both stay in the main thread).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type ScanResult, scanPathsAsync } from '../../src/pipeline/scan.js';

const BIN = fileURLToPath(new URL('../../src/bin.js', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'bulwark-parallel-'));
after(() => rmSync(root, { recursive: true, force: true }));

function put(rel: string, text: string): void {
  mkdirSync(join(root, rel, '..'), { recursive: true });
  writeFileSync(join(root, rel), text);
}

for (let i = 0; i < 120; i++) {
  const n = String(i).padStart(3, '0');
  const privileged = i % 3 === 0 ? '\n    privileged: true' : '';
  const port = i % 4 === 0 ? '\n    ports: ["8080:80"]' : '';
  // Two files carry a suppression comment: the comments of files read in workers come back with their output.
  const stale = i === 7 ? '\n    # bulwark-ignore BW9999: stale' : '';
  put(`projects/p${n}/compose.yaml`, `services:\n  app${n}:\n    image: registry.example/app:${i}.0${privileged}${port}${stale}\n    user: "10001"\n`);
  if (i % 5 === 0) put(`projects/p${n}/compose.override.yaml`, `services:\n  app${n}:\n    cap_add: [NET_ADMIN]\n`);
}
for (let i = 0; i < 80; i++) {
  const n = String(i).padStart(3, '0');
  const stale = i === 10 ? '# bulwark-ignore BW9999: stale\n' : '';
  put(`images/d${n}/Dockerfile`, `FROM alpine:3.${i % 20}\n${i % 2 === 0 ? 'USER 10001\n' : ''}${stale}RUN apk add curl\nEXPOSE ${i % 7 === 0 ? 22 : 8080}\n`);
}
// One Dockerfile, built by two projects from the repository root as context (no .dockerignore there); the
// projects sort far apart, so that their folders fall in different chunks (different threads).
put('shared/Dockerfile', 'FROM debian:12\nCOPY . /app\nRUN apt-get install -y curl\nCMD ["sleep", "1"]\n');
put('shared/.dockerignore', '.git\n');
// Both also extend one base file, read once whichever threads read it.
put('shared/base.yaml', 'services:\n  base:\n    read_only: true\n');
const built = (name: string) =>
  `services:\n  ${name}:\n    extends:\n      file: ../../shared/base.yaml\n      service: base\n    build:\n      context: ../..\n      dockerfile: shared/Dockerfile\n`;
put('projects/aa-a/compose.yaml', built('a'));
put('projects/zz-b/compose.yaml', built('b'));
put('projects/broken/compose.yaml', 'services:\n  x: {\n');
put('stack.yml', 'services:\n  alone:\n    image: nginx\n    network_mode: host\n');
put('deploy.sh', '#!/bin/sh\ndocker run -d --pid=host nginx:1.27\n');
put('etc/docker/daemon.json', '{ "icc": true }\n');

async function scan(parallel: boolean): Promise<ScanResult> {
  const paths = [root, join(root, 'stack.yml')];
  const base = { paths, cwd: root, env: {} };
  if (!parallel) return scanPathsAsync(base);
  return scanPathsAsync({ ...base, parallel: { script: BIN, context: { cwd: root, env: {} }, workers: 2, minFiles: 10 } });
}

describe('parallel scan (worker threads)', () => {
  it('gives exactly the findings, errors and counts of a scan in one thread', async () => {
    const one = await scan(false);
    const many = await scan(true);
    assert.equal(one.stats.threads, 1);
    // Two workers asked for; never more than the CPUs less the main thread (one on a 2-CPU machine).
    assert.equal(many.stats.threads, 1 + Math.min(2, Math.max(1, availableParallelism() - 1)), 'worker threads and the main thread scanned');
    assert.ok(one.findings.length > 300, `the tree gives many findings (${one.findings.length})`);
    assert.deepEqual(
      many.findings.map((f) => `${f.ruleId} ${f.location.source}:${f.location.line}:${f.location.column} ${f.fingerprint}`),
      one.findings.map((f) => `${f.ruleId} ${f.location.source}:${f.location.line}:${f.location.column} ${f.fingerprint}`),
    );
    assert.deepEqual(many.findings, one.findings);
    assert.deepEqual(many.diagnostics, one.diagnostics);
    assert.deepEqual(many.stats.bySource, one.stats.bySource);
    assert.equal(many.stats.files, one.stats.files);
    assert.equal(many.stats.subjects, one.stats.subjects);
    assert.deepEqual(many.claimed, one.claimed);
    assert.deepEqual(many.suppressions, one.suppressions);
    const noted = (r: ScanResult) =>
      Object.entries(r.suppressions).flatMap(([source, list]) =>
        list.map((c) => `${source}:${c.at.line}:${c.at.column} ${c.rules.map((x) => x.written).join()}`),
      );
    assert.deepEqual(noted(many).sort(), ['images/d010/Dockerfile:3:1 BW9999', 'projects/p007/compose.yaml:4:5 BW9999']);
    // Every file read is noted, with or without comments: the policy step then reads none of them again.
    assert.ok(
      many.claimed.every((f) => Object.hasOwn(many.suppressions, f)),
      'every claimed file was read and noted',
    );
  });

  it('checks a Dockerfile built by two projects once, with the build context compose gives', async () => {
    const r = await scan(true);
    const shared = r.findings.filter((f) => f.location.source === 'shared/Dockerfile').map((f) => `${f.ruleId}:${f.location.line}`);
    // BW2012 (no .dockerignore at the context root) fires: the context is the repository root, not shared/.
    assert.ok(shared.includes('BW2012:2'), shared.join(' '));
    assert.equal(new Set(shared).size, shared.length, 'no finding twice');
    assert.equal(r.stats.bySource.compose?.subjects, 124, '120 projects, a, b, the shared Dockerfile once, stack.yml');
    // 144 project files, broken, stack.yml, aa-a, zz-b, the base file both extend (once), the shared Dockerfile.
    assert.equal(r.stats.bySource.compose?.files, 150);
    assert.equal(r.stats.bySource.dockerfile?.subjects, 80);
  });

  it('reports the file that does not parse, as one thread does', async () => {
    const r = await scan(true);
    assert.deepEqual(
      r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.at.source}:${d.at.line}`),
      ['yaml-syntax projects/broken/compose.yaml:3'],
    );
  });
  it('reports progress, chunk by chunk, in one thread and with workers; chunked results equal one scan', async () => {
    const one = await scan(false);
    for (const parallel of [false, true]) {
      const calls: [number, number][] = [];
      const base = { paths: [root, join(root, 'stack.yml')], cwd: root, env: {}, onProgress: (d: number, t: number) => calls.push([d, t]) };
      const r = await scanPathsAsync(parallel ? { ...base, parallel: { script: BIN, context: { cwd: root, env: {} }, workers: 2, minFiles: 10 } } : base);
      // 120 main files, 24 override files, aa-a, zz-b, broken and stack.yml (compose), 80 + 1 Dockerfiles.
      const total = 148 + 81;
      assert.ok(calls.length > 10, `${calls.length} progress calls`);
      assert.ok(calls.every(([d, t], i) => t === total && d <= total && (i === 0 || d >= (calls[i - 1] as [number, number])[0])));
      assert.deepEqual(calls.at(-1), [total, total]);
      assert.deepEqual(r.findings, one.findings);
      assert.deepEqual(r.diagnostics, one.diagnostics);
      assert.deepEqual(r.stats.bySource, one.stats.bySource);
    }
  });
  it('scans the chunks of a worker that fails in the main thread: the same result, no hang', async () => {
    const broken = join(root, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('this worker fails at start');\n");
    const base = { paths: [root, join(root, 'stack.yml')], cwd: root, env: {} };
    const one = await scanPathsAsync(base);
    const r = await scanPathsAsync({ ...base, parallel: { script: broken, context: {}, workers: 1, minFiles: 10 } });
    assert.deepEqual(r.findings, one.findings);
    assert.deepEqual(r.suppressions, one.suppressions);
    assert.deepEqual(r.diagnostics, one.diagnostics);
    assert.deepEqual(r.stats.bySource, one.stats.bySource);
  });
});
