// A Containerfile is built by Podman or Buildah, which read a .containerignore (h2: BW2012 said "no .dockerignore"
// for a context whose .containerignore keeps .git, .env and keys out).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-h2-containerignore-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const FILE = 'FROM alpine:3.20@sha256:0000000000000000000000000000000000000000000000000000000000000000\nCOPY . /app\nUSER 10001\n';
for (const d of ['podman', 'partial', 'none', 'docker']) mkdirSync(join(dir, d));
writeFileSync(join(dir, 'podman', 'Containerfile'), FILE);
writeFileSync(join(dir, 'podman', '.containerignore'), '.git\n.env\n*.pem\n*.key\n');
writeFileSync(join(dir, 'partial', 'Containerfile'), FILE);
writeFileSync(join(dir, 'partial', '.containerignore'), '.git\n');
writeFileSync(join(dir, 'partial', '.dockerignore'), '*\n');
writeFileSync(join(dir, 'none', 'Containerfile'), FILE);
// docker build reads no .containerignore.
writeFileSync(join(dir, 'docker', 'Dockerfile'), FILE);
writeFileSync(join(dir, 'docker', '.containerignore'), '*\n');

describe('h2: BW2012 for a Containerfile reads .containerignore first, as Buildah does', () => {
  it('reports what each build reads, at the COPY', () => {
    const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--no-color', '-f', 'json', '--fail-on', 'low'], { cwd: dir, encoding: 'utf8' });
    const report = JSON.parse(r.stdout) as {
      findings: { ruleId: string; message: string; location: { file?: string; path?: string; line: number; column: number } }[];
    };
    const shown = report.findings
      .filter((f) => f.ruleId === 'BW2012')
      .map((f) => `${f.location.line}:${f.location.column} ${f.message}`)
      .sort();
    assert.deepEqual(shown, [
      '2:6 The Containerfile copies from build context "none", which has no .containerignore or .dockerignore.',
      '2:6 The Containerfile copies from build context "partial", and partial/.containerignore does not exclude .env, private keys (*.pem, *.key).',
      '2:6 The Dockerfile copies from build context "docker", which has no .dockerignore.',
    ]);
    assert.equal(r.status, 1, r.stderr);
  });
});
