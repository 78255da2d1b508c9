import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Finding } from '../../src/check/index.js';
import { scanPaths } from '../../src/pipeline/scan.js';
import { CLI } from '../helpers/cli.js';

// Dockerfiles as `bulwark scan` sees them: fixture folders under test/fixtures/dockerfile, scanned in
// process (and through the built CLI for exit codes).
const FIX = 'test/fixtures/dockerfile';
const BIN = CLI;
const scan = (...paths: string[]) => scanPaths({ paths, cwd: process.cwd(), env: {} });
const brief = (f: Finding) =>
  `${f.ruleId} ${f.location.source.replace(`${FIX}/`, '')} ${f.location.line}:${f.location.column}${f.status === 'unknown' ? ' unknown' : ''}`;

describe('scanning Dockerfiles', () => {
  it('a hardened multi-stage Dockerfile (heredocs, secret mounts, ARG-driven pinned base) gets no finding', () => {
    const r = scan(`${FIX}/hardened`);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.findings.map(brief), []);
    assert.deepEqual(r.stats.bySource.dockerfile, { files: 1, subjects: 1 });
  });

  it('an insecure Dockerfile breaks every Dockerfile and image rule, each at its place', () => {
    const r = scan(`${FIX}/insecure`);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.findings.map(brief), [
      'BW3001 insecure/Dockerfile 1:1',
      'BW3002 insecure/Dockerfile 1:1',
      'BW3005 insecure/Dockerfile 1:1',
      'BW2004 insecure/Dockerfile 1:6',
      'BW2005 insecure/Dockerfile 1:6',
      'BW2001 insecure/Dockerfile 2:5',
      'BW3003 insecure/Dockerfile 3:5',
      'BW2011 insecure/Dockerfile 4:5',
      'BW2011 insecure/Dockerfile 4:23',
      'BW2007 insecure/Dockerfile 5:5',
      'BW2012 insecure/Dockerfile 6:6',
      'BW2003 insecure/Dockerfile 7:6',
      'BW2006 insecure/Dockerfile 8:5',
      'BW2009 insecure/Dockerfile 9:11',
      'BW2010 insecure/Dockerfile 9:29',
      'BW2008 insecure/Dockerfile 10:5',
      'BW2002 insecure/Dockerfile 10:40',
      'BW3004 insecure/Dockerfile 11:8',
    ]);
    const secret = r.findings.find((f) => f.ruleId === 'BW3003');
    assert.ok(secret && !secret.message.includes('wJalrXUtnFEMI'), 'the secret value is masked');
  });

  it('ties compose services to the Dockerfiles they build, with the build context compose gives', () => {
    const r = scan(`${FIX}/compose`);
    assert.deepEqual(r.diagnostics, []);
    const of = (subject: string, ...ids: string[]) =>
      r.findings
        .filter((f) => f.subject === subject && ids.includes(f.ruleId))
        .map((f) => `${f.ruleId} ${f.message}`)
        .sort();
    // api: the Dockerfile (an odd name, docker/api.df) sets USER and HEALTHCHECK, so the service needs neither.
    assert.deepEqual(of('api', 'BW1030', 'BW1027'), []);
    assert.deepEqual(of('worker', 'BW1030', 'BW1027'), [
      'BW1027 Service "worker" sets no health check, and its image defines none.',
      'BW1030 Service "worker" sets no user, and its image runs as root.',
    ]);
    // docker/api.df is checked with the compose context (which has a .dockerignore); worker/ has none.
    const dockerfiles = r.findings.filter((f) => f.scope === 'dockerfile' || f.scope === 'image').map(brief);
    assert.deepEqual(dockerfiles, [
      'BW3005 compose/docker/api.df 1:1',
      'BW2005 compose/docker/api.df 1:6',
      'BW3001 compose/worker/Dockerfile 1:1',
      'BW3005 compose/worker/Dockerfile 1:1',
      'BW2005 compose/worker/Dockerfile 1:6',
      'BW2012 compose/worker/Dockerfile 2:6',
    ]);
  });

  it("a compose build.target picks the stage the service runs: its USER and HEALTHCHECK, not the last stage's", () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-target-'));
    try {
      // The last stage runs as root without a health check; the `Runtime` stage (any case) is hardened.
      writeFileSync(
        join(dir, 'Dockerfile'),
        'FROM alpine:3.20 AS runtime\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n\nFROM alpine:3.20 AS debug\nRUN echo debug\n',
      );
      writeFileSync(join(dir, '.dockerignore'), '.git\n.env\n*.pem\n*.key\n');
      const service = (name: string, target: string) => `  ${name}:\n    build:\n      context: .\n${target ? `      target: ${target}\n` : ''}`;
      writeFileSync(
        join(dir, 'compose.yaml'),
        `services:\n${service('prod', 'Runtime')}${service('dev', '')}${service('typo', 'runtme')}${service('vary', '${TARGET}')}`,
      );
      const r = scanPaths({ paths: [dir], cwd: dir, env: {} });
      const of = (subject: string) =>
        r.findings
          .filter((f) => f.subject === subject && (f.ruleId === 'BW1027' || f.ruleId === 'BW1030'))
          .map((f) => `${f.ruleId}${f.status === 'unknown' ? ' unknown' : ''}`)
          .sort();
      assert.deepEqual(of('prod'), []);
      assert.deepEqual(of('dev'), ['BW1027', 'BW1030']);
      assert.deepEqual(of('typo'), ['BW1027 unknown', 'BW1030 unknown']);
      assert.deepEqual(of('vary'), ['BW1027 unknown', 'BW1030 unknown']);
      assert.deepEqual(
        r.diagnostics.map((d) => `${d.severity} ${d.at.line}:${d.at.column} ${d.message}`),
        ['warning 12:15 build.target "runtme" names no stage of Dockerfile (docker build would fail); the image\'s user and health check stay unknown'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a Dockerfile that does not parse: located error, not judged, exit 2; the other files are still scanned', () => {
    const run = spawnSync(process.execPath, [BIN, 'scan', `${FIX}/broken`, `${FIX}/insecure`, '--format', 'json'], { encoding: 'utf8' });
    assert.equal(run.status, 2, run.stderr);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; location: { source: string } }[];
      errors: { code: string; at: { source: string; line: number; column: number } }[];
    };
    assert.deepEqual(
      report.errors.map((e) => `${e.code} ${e.at.source} ${e.at.line}:${e.at.column}`),
      [`dockerfile-syntax ${FIX}/broken/Dockerfile 2:1`],
    );
    assert.ok(report.findings.every((f) => !f.location.source.includes('broken')));
    assert.ok(report.findings.some((f) => f.location.source.includes('insecure')));
  });

  it('refuses binary and huge Dockerfiles with errors (exit 2), a binary Dockerfile.<variant> with a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-df-'));
    try {
      writeFileSync(join(dir, 'Dockerfile'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]));
      writeFileSync(join(dir, 'big.Dockerfile'), `FROM alpine:3.20\n${'#'.repeat(2 * 1024 * 1024)}\n`);
      writeFileSync(join(dir, 'Dockerfile.dev'), 'FROM alpine:3.20\n\u0000\n');
      const run = spawnSync(process.execPath, [BIN, 'scan', dir, '--format', 'json'], { encoding: 'utf8' });
      assert.equal(run.status, 2, run.stderr);
      const report = JSON.parse(run.stdout) as { findings: unknown[]; errors: unknown[]; warnings?: { code: string }[] };
      assert.deepEqual(report.findings, []);
      const r = scan(dir);
      assert.deepEqual(r.diagnostics.map((d) => `${d.code} ${d.severity} ${d.at.source.replace(/.*\//, '')} ${d.at.line}:${d.at.column}`).sort(), [
        'binary error Dockerfile 1:5',
        'binary warning Dockerfile.dev 2:1',
        'too-large error big.Dockerfile undefined:undefined',
      ]);
      // The same Dockerfile.<variant>, named on the command line or by a compose build:, is meant: an error.
      const named = spawnSync(process.execPath, [BIN, 'scan', join(dir, 'Dockerfile.dev'), '--format', 'json'], { encoding: 'utf8' });
      assert.equal(named.status, 2, named.stderr);
      const namedErrors = (JSON.parse(named.stdout) as { errors: { code: string; severity: string }[] }).errors;
      assert.deepEqual(
        namedErrors.map((e) => `${e.code} ${e.severity}`),
        ['binary error'],
      );
      const app = join(dir, 'app');
      mkdirSync(app);
      writeFileSync(join(app, 'compose.yaml'), 'services:\n  api:\n    build:\n      context: ..\n      dockerfile: Dockerfile.dev\n');
      const built = spawnSync(process.execPath, [BIN, 'scan', app, '--format', 'json'], { encoding: 'utf8' });
      assert.equal(built.status, 2, built.stderr);
      const builtErrors = (JSON.parse(built.stdout) as { errors: { code: string; severity: string; at: { line?: number } }[] }).errors;
      assert.deepEqual(
        builtErrors.map((e) => `${e.code} ${e.severity} ${e.at.line}`),
        ['binary error 2'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
