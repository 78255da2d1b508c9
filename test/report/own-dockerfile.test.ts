// Bulwark's own Dockerfile scans clean (its two suppressions give reasons), and the CI files it ships are well formed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'bin.js');
const root = process.cwd();

describe("Bulwark's own CI files", () => {
  it('the Dockerfile scans clean: non-root, no findings, suppressions with reasons only', () => {
    const r = spawnSync(process.execPath, [BIN, 'scan', 'Dockerfile', '--format', 'json', '--fail-on', 'info', '--no-config'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout.slice(0, 2000) + r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.summary.subjects >= 1, true, 'the Dockerfile was read');
    assert.deepEqual(report.findings, []);
    for (const s of report.suppressed) assert.ok(s.suppression.reason.length > 10);
    assert.match(readFileSync(join(root, 'Dockerfile'), 'utf8'), /^USER 10001:10001$/m);
  });

  it('.pre-commit-hooks.yaml and the example workflow are valid YAML with the expected entries', () => {
    const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string }[];
    assert.deepEqual(
      hooks.map((h) => h.id),
      ['bulwark', 'bulwark-system'],
    );
    for (const h of hooks) assert.match(h.entry, /scan --quiet$/);
    const wf = parse(readFileSync(join(root, 'docs', 'ci', 'github-actions.yml'), 'utf8')) as {
      jobs: { scan: { permissions: Record<string, string>; steps: { uses?: string; run?: string }[] } };
    };
    assert.equal(wf.jobs.scan.permissions['security-events'], 'write');
    assert.ok(wf.jobs.scan.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif')));
    assert.ok(wf.jobs.scan.steps.some((s) => s.run?.includes('--format sarif')));
  });

  it("the example workflow's report steps pass a file that does not parse (exit 2) on to the gate and still write their reports", () => {
    const wf = parse(readFileSync(join(root, 'docs', 'ci', 'github-actions.yml'), 'utf8')) as {
      jobs: { scan: { steps: { name?: string; run?: string }[] } };
    };
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-workflow-'));
    try {
      writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: [unclosed\n');
      const summary = join(dir, 'summary.md');
      for (const name of ['Scan (SARIF)', 'Summary and HTML report']) {
        const step = wf.jobs.scan.steps.find((x) => x.name === name);
        assert.ok(step?.run, name);
        // As GitHub runs a step: bash -e, with the workflow's $BULWARK and $GITHUB_STEP_SUMMARY.
        const r = spawnSync('bash', ['-e', '-c', step.run], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, BULWARK: `${process.execPath} ${BIN}`, GITHUB_STEP_SUMMARY: summary },
        });
        assert.equal(r.status, 0, `${name}: ${r.stderr}`);
      }
      assert.ok(existsSync(join(dir, 'bulwark.sarif')));
      assert.ok(existsSync(join(dir, 'bulwark-report.html')));
      assert.match(readFileSync(summary, 'utf8'), /compose\.yaml/);
      const gate = spawnSync(process.execPath, [BIN, 'scan', '.', '--quiet'], { cwd: dir, encoding: 'utf8' });
      assert.equal(gate.status, 2, 'the gate fails on the file that does not parse');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
