import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Finding } from '../check/index.js';
import { dedupeSorted, scanPaths } from './scan.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-scan-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('scanPaths', () => {
  it('reports a finding of a main file once when its project and a variant project both reach it', () => {
    writeFileSync(join(root, 'compose.yaml'), 'services:\n  api:\n    image: nginx:1.27\n    privileged: true\n');
    writeFileSync(join(root, 'compose.debug.yaml'), 'services:\n  api:\n    pid: host\n');
    const r = scanPaths({ paths: ['.'], cwd: root, env: {} });
    const brief = r.findings
      .filter((f) => f.ruleId === 'BW1001' || f.ruleId === 'BW1017')
      .map((f) => `${f.ruleId} ${f.location.source}:${f.location.line}:${f.location.column}`);
    // privileged (main file): in both projects, reported once; pid: host (variant): once.
    assert.deepEqual(brief, ['BW1017 compose.debug.yaml:3:10', 'BW1001 compose.yaml:4:17']);
    const keys = r.findings.map((f) => `${f.fingerprint}:${f.location.line}:${f.location.column}:${f.message}`);
    assert.equal(new Set(keys).size, keys.length, 'no finding twice');
    assert.ok(r.findings.length > 5, `${r.findings.length} findings`);
  });

  it('names the links it cannot follow where a compose file or Dockerfile is expected, and only there', () => {
    const dir = join(root, 'links');
    mkdirSync(dir);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nUSER 10001\n');
    symlinkSync('gone.yaml', join(dir, 'compose.yaml'));
    symlinkSync('compose.override.yaml', join(dir, 'compose.override.yaml'));
    symlinkSync('nowhere', join(dir, 'notes.txt'));
    const r = scanPaths({ paths: ['links'], cwd: root, env: {} });
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.severity} ${d.at.source}: ${d.message}`),
      [
        'warning links/compose.override.yaml: not scanned: a symbolic link loop',
        'warning links/compose.yaml: not scanned: a dangling symbolic link (to gone.yaml, which does not exist)',
      ],
    );
  });
});

describe('dedupeSorted', () => {
  const f = (column: number, fingerprint: string, message: string): Finding =>
    ({ ruleId: 'BW1004', subject: 'web', fingerprint, message, location: { source: 'compose.yaml', line: 3, column } }) as Finding;
  it('keeps the first of equal findings, in a short run and in a run long enough for a set of keys', () => {
    const short = [f(1, 'a', 'x'), f(1, 'b', 'y'), f(1, 'a', 'x'), f(2, 'a', 'x')];
    assert.deepEqual(dedupeSorted(short), [short[0], short[1], short[3]]);
    // 40 messages at one place, each found twice: 40 kept, in order.
    const long = Array.from({ length: 80 }, (_, i) => f(5, `fp${i % 40}`, `m${i % 40}`));
    assert.deepEqual(dedupeSorted(long), long.slice(0, 40));
  });
});
