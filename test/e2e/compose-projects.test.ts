import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

// End-to-end: how the built CLI reads compose projects that span files (include, extends), as compose does.

function bulwark(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonReport {
  findings: { ruleId: string; subject: string; severity: string; status: string; location: { source: string; line: number; column: number } }[];
  errors: { code: string; severity: string; message: string; at: { source: string; line: number; column: number } }[];
}

function scan(dir: string, env: Record<string, string> = {}): { code: number | null; report: JsonReport } {
  const r = bulwark(['scan', `test/fixtures/compose/${dir}`, '--format', 'json'], env);
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport };
}

/** Findings of the given rules, as `id severity[ unknown] file:line:column`, the fixture folder left out of the path. */
function brief(report: JsonReport, dir: string, rules: readonly string[]): string[] {
  const prefix = `test/fixtures/compose/${dir}/`;
  return report.findings
    .filter((f) => rules.includes(f.ruleId))
    .map(
      (f) =>
        `${f.ruleId} ${f.severity}${f.status === 'unknown' ? ' unknown' : ''} ${f.location.source.replace(prefix, '')}:${f.location.line}:${f.location.column}`,
    );
}

describe('bulwark scan: include', () => {
  it('merges the later files of an include path list over the first, located where they are written', () => {
    const { code, report } = scan('include-list');
    assert.equal(code, 1);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(brief(report, 'include-list', ['BW1001', 'BW1017']), [
      'BW1017 high other/a.override.yaml:3:10',
      'BW1001 critical other/a.override.yaml:4:17',
    ]);
  });

  it("interpolates an included file with the include's env_file, or with the .env of its folder", () => {
    for (const dir of ['include-env', 'include-dotenv']) {
      const { code, report } = scan(dir);
      assert.equal(code, 1, dir);
      assert.deepEqual(report.errors, []);
      assert.deepEqual(brief(report, dir, ['BW1016']), ['BW1016 high other/a.yaml:4:19'], dir);
    }
    // The environment of bulwark (the including project's variables) wins, as in compose.
    const { report } = scan('include-env', { NETMODE: 'bridge' });
    assert.deepEqual(brief(report, 'include-env', ['BW1016']), []);
  });

  it('an include cycle and a service defined again by an include are located input errors (exit 2)', () => {
    const cycle = scan('include-cycle');
    assert.equal(cycle.code, 2);
    assert.deepEqual(
      cycle.report.errors.map((e) => `${e.code} ${e.at.source}:${e.at.line}:${e.at.column} ${e.message}`),
      [
        'include-cycle test/fixtures/compose/include-cycle/b.yaml:2:5 include cycle: test/fixtures/compose/include-cycle/compose.yaml -> test/fixtures/compose/include-cycle/b.yaml -> test/fixtures/compose/include-cycle/compose.yaml',
      ],
    );
    const conflict = scan('include-conflict');
    assert.equal(conflict.code, 2);
    assert.deepEqual(
      conflict.report.errors.map((e) => `${e.code} ${e.at.source}:${e.at.line}:${e.at.column} ${e.message}`),
      [
        'include-conflict test/fixtures/compose/include-conflict/compose.yaml:4:3 services.web conflicts with imported resource: test/fixtures/compose/include-conflict/b.yaml:2:3 defines it with other settings',
      ],
    );
  });
});

describe('bulwark scan: extends', () => {
  it('judges the Dockerfile of a build context an extends base in another folder writes, in that folder', () => {
    const { code, report } = scan('extends-paths/main');
    assert.equal(code, 1);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(brief(report, 'extends-paths', ['BW1030', 'BW3001']), ['BW1030 high main/compose.yaml:2:3', 'BW3001 high other/Dockerfile:2:6']);
  });
});

describe('include cycles through a symbolic link', () => {
  it('an include that reaches its own file through a link to a parent folder is an include-cycle error at once', () => {
    const base = mkdtempSync(join(tmpdir(), 'bulwark-inc-link-'));
    try {
      mkdirSync(join(base, 'd'));
      symlinkSync('..', join(base, 'd', 'up'));
      writeFileSync(join(base, 'compose.yaml'), 'include:\n  - d/up/d/up/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n');
      const r = spawnSync(process.execPath, [CLI, 'scan', '.', '-f', 'json'], { cwd: base, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      const report = JSON.parse(r.stdout) as { errors: { code: string; message: string; at: { line?: number; column?: number } }[] };
      assert.deepEqual(
        report.errors.map((e) => `${e.code} ${e.at.line}:${e.at.column} ${e.message}`),
        ['include-cycle 2:5 include cycle: compose.yaml -> d/up/d/up/compose.yaml'],
      );
      assert.equal(r.status, 2);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
