// A compose build.dockerfile_inline decides the image's user and health check, as a Dockerfile file would
// (second hostile test: it was ignored, with a warning that the context's Dockerfile "is not there").
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-inline-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('compose build.dockerfile_inline', () => {
  it('its final stage decides user and health check, located at the inline value; a broken one is an input error', () => {
    writeFileSync(
      join(dir, 'compose.yaml'),
      [
        'services:',
        '  app:',
        '    build:',
        '      context: .',
        '      dockerfile_inline: |',
        '        FROM alpine:3.20',
        '        USER root',
        '  ok:',
        '    build:',
        '      context: .',
        '      dockerfile_inline: "FROM alpine:3.20\\nUSER 10001\\nHEALTHCHECK CMD true\\n"',
        '  broken:',
        '    build:',
        '      dockerfile_inline: "BOGUS x\\n"',
        '',
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, [CLI, 'scan', '.', '-f', 'json'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    const report = JSON.parse(r.stdout) as {
      findings: { ruleId: string; subject: string; status: string; location: { line: number; column: number } }[];
      errors: { severity: string; message: string; at: { line?: number; column?: number } }[];
    };
    const about = (rule: string) => report.findings.filter((f) => f.ruleId === rule).map((f) => `${f.subject} ${f.status}`);
    assert.deepEqual(about('BW1030'), ['app violation', 'broken unknown']);
    assert.deepEqual(about('BW1027'), ['app violation', 'broken unknown']);
    assert.deepEqual(
      report.errors.map((e) => `${e.severity} ${e.at.line}:${e.at.column} ${e.message}`),
      ['error 14:26 build.dockerfile_inline, line 1: unknown instruction: BOGUS'],
    );
    assert.equal(r.status, 2);
  });
});
