// The built CLI checks a compose build.dockerfile_inline with the Dockerfile and image rules, each finding at its
// line and column of the compose file (a literal block scalar) or at the value (a quoted one).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-inline-rules-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('bulwark scan: compose build.dockerfile_inline through the Dockerfile rules', () => {
  it('a literal block: BW2007 and BW3001 at their line and column; a quoted text: at the value', () => {
    writeFileSync(
      join(dir, 'compose.yaml'),
      [
        'services:',
        '  app:',
        '    build:',
        '      context: .',
        '      dockerfile_inline: |',
        '        FROM alpine:3.20',
        '        RUN curl -fsSL https://example.com/x.sh | sh',
        '        USER root',
        '  quoted:',
        '    build:',
        '      dockerfile_inline: "FROM alpine:3.20\\nRUN wget -qO- https://example.com/x.sh | sh\\n"',
        '',
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, [CLI, 'scan', '.', '-f', 'json'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; subject: string; location: { file?: string; line: number; column: number } }[] };
    const at = (rule: string) => report.findings.filter((f) => f.ruleId === rule).map((f) => `${f.subject} ${f.location.line}:${f.location.column}`);
    assert.deepEqual(at('BW2007'), ['dockerfile_inline of service "app" 7:13', 'dockerfile_inline of service "quoted" 11:26']);
    assert.deepEqual(at('BW3001'), ['final stage of dockerfile_inline of service "app" 8:14', 'final stage of dockerfile_inline of service "quoted" 11:26']);
    assert.equal(r.status, 1);
  });
});
