// End to end through the CLI (the transpiled src/bin.js of this build): configuration, suppressions, baseline,
// formats and exit codes, in temporary folders.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'bin.js');
const root = mkdtempSync(join(tmpdir(), 'bulwark-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
function project(files: Record<string, string>): string {
  const dir = join(root, `p${++n}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
function bulwark(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1767225600' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function json(cwd: string, ...args: string[]) {
  const r = bulwark(cwd, ...args, '--format', 'json');
  return { code: r.code, report: JSON.parse(r.stdout), stderr: r.stderr };
}

const PRIVILEGED = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';

describe('bulwark scan with configuration, suppressions and baseline', () => {
  it('a wrong key in .bulwark.yaml is a located error, exit 2, and the scan still reports', () => {
    const dir = project({ 'compose.yaml': PRIVILEGED, '.bulwark.yaml': 'rules:\n  BW1001:\n    severty: low\n' });
    const { code, report } = json(dir, 'scan', '.');
    assert.equal(code, 2);
    assert.deepEqual(report.errors, [
      {
        code: 'config',
        severity: 'error',
        message: 'unknown key "severty" in "rules.BW1001"; a rule entry takes enabled, severity and options',
        at: { source: '.bulwark.yaml', line: 3, column: 5, endLine: 3, endColumn: 12, offset: 21, endOffset: 28 },
      },
    ]);
    assert.ok(report.findings.some((f: { ruleId: string }) => f.ruleId === 'BW1001'));
  });

  it('the configuration found upward switches rules off, overrides severity and sets the fail threshold', () => {
    const dir = project({ 'app/compose.yaml': PRIVILEGED, '.bulwark.yaml': 'fail-on: critical\nrules:\n  no-privileged: medium\n  BW1012: off\n' });
    const { code, report } = json(join(dir, 'app'), 'scan', '.');
    assert.equal(code, 0, 'nothing critical once BW1001 is medium');
    const priv = report.findings.find((f: { ruleId: string }) => f.ruleId === 'BW1001');
    assert.equal(priv.severity, 'medium');
    assert.equal(
      report.findings.some((f: { ruleId: string }) => f.ruleId === 'BW1012'),
      false,
    );
    assert.equal(report.failOn, 'critical');
    assert.equal(json(join(dir, 'app'), 'scan', '.', '--fail-on', 'medium').code, 1, '--fail-on wins over the file');
    assert.equal(json(join(dir, 'app'), 'scan', '.', '--no-config').code, 1, '--no-config ignores it');
  });

  it('--config names the file; ignore globs leave paths out', () => {
    const dir = project({ 'a/compose.yaml': PRIVILEGED, 'vendor/x/compose.yaml': PRIVILEGED, 'policy.yaml': 'ignore: [vendor/]\n' });
    const { report } = json(dir, 'scan', '.', '--config', 'policy.yaml');
    const sources = [...new Set(report.findings.map((f: { location: { source: string } }) => f.location.source))];
    assert.deepEqual(sources, ['a/compose.yaml']);
    assert.equal(bulwark(dir, 'scan', '.', '--config', 'nope.yaml').code, 2);
  });

  it('an inline suppression with a reason hides the finding; without a reason it is BW9001', () => {
    const dir = project({
      'compose.yaml':
        'services:\n  web:\n    image: nginx:1.27\n    # bulwark-ignore BW1001: needs the host devices\n    privileged: true\n    pid: host  # bulwark-ignore BW1017\n',
    });
    const { report } = json(dir, 'scan', '.');
    assert.deepEqual(
      report.suppressed.map((s: { ruleId: string; suppression: { kind: string; reason: string } }) => [s.ruleId, s.suppression.kind, s.suppression.reason]),
      [['BW1001', 'inline', 'needs the host devices']],
    );
    assert.ok(report.findings.some((f: { ruleId: string; location: { line: number } }) => f.ruleId === 'BW9001' && f.location.line === 6));
    assert.ok(report.findings.some((f: { ruleId: string }) => f.ruleId === 'BW1017'));
    assert.equal(report.summary.suppressed, 1);
  });

  it('suppressions work the same in Dockerfiles and shell scripts (no source-specific code)', () => {
    const dir = project({
      Dockerfile: '# bulwark-ignore BW2004: base image tracks upstream on purpose in this lab\nFROM debian:latest\nUSER 10001\n',
      '.dockerignore': '.git\n',
      'run.sh':
        '#!/bin/sh\ndocker run --rm --privileged busybox:1.36 true # bulwark-ignore BW1001: kind-in-docker test runner\n# bulwark-ignore BW1017\ndocker run --pid host busybox:1.36 true\n',
    });
    const { report } = json(dir, 'scan', '.');
    const pick = (list: { ruleId: string; location: { source: string; line?: number } }[]) =>
      list
        .filter((f) => ['BW2004', 'BW1001', 'BW1017', 'BW9001', 'BW9002'].includes(f.ruleId))
        .map((f) => `${f.ruleId} ${f.location.source}:${f.location.line}`);
    assert.deepEqual(pick(report.suppressed), ['BW2004 Dockerfile:2', 'BW1001 run.sh:2']);
    assert.deepEqual(pick(report.findings), ['BW9001 run.sh:3', 'BW1017 run.sh:4']);
  });

  it('a stale suppression in an otherwise clean file is BW9002', () => {
    const dir = project({ 'compose.yaml': 'services:\n  web:\n    # bulwark-ignore BW1001: old\n    image: nginx:1.27\n' });
    const { report } = json(dir, 'scan', '.');
    assert.ok(report.findings.some((f: { ruleId: string; location: { line: number } }) => f.ruleId === 'BW9002' && f.location.line === 3));
  });

  it('a baseline: --write-baseline passes, and later only new findings fail, even after lines moved', () => {
    const dir = project({ 'compose.yaml': PRIVILEGED });
    const w = bulwark(dir, 'scan', '.', '--write-baseline', 'baseline.json');
    assert.equal(w.code, 0, w.stderr);
    assert.match(w.stderr, /wrote \d+ findings to baseline\.json/);
    const base = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8'));
    assert.equal(base.version, 2);
    // From the parent folder, the same baseline matches: its sources are relative to its own folder.
    const parent = json(dirname(dir), 'scan', basename(dir), '--baseline', join(basename(dir), 'baseline.json'));
    assert.equal(parent.code, 0, JSON.stringify(parent.report.findings.map((f: { ruleId: string }) => f.ruleId)));
    writeFileSync(join(dir, 'compose.yaml'), `# moved down\n\n${PRIVILEGED}`);
    const same = json(dir, 'scan', '.', '--baseline', 'baseline.json');
    assert.equal(same.code, 0);
    assert.equal(same.report.findings.filter((f: { status: string }) => f.status === 'violation').length, 0);
    assert.ok(same.report.suppressed.every((s: { suppression: { kind: string } }) => s.suppression.kind === 'baseline'));
    writeFileSync(join(dir, 'compose.yaml'), `${PRIVILEGED}    pid: host\n`);
    const more = json(dir, 'scan', '.', '--baseline', 'baseline.json');
    assert.equal(more.code, 1);
    assert.deepEqual(
      more.report.findings.filter((f: { status: string }) => f.status === 'violation').map((f: { ruleId: string }) => f.ruleId),
      ['BW1017'],
    );
    assert.equal(bulwark(dir, 'scan', '.', '--baseline', 'missing.json').code, 2);
  });

  it('--config with --no-config is a usage error in either order (the last would win in silence)', () => {
    const dir = project({ 'compose.yaml': PRIVILEGED, 'strict.yaml': 'failOn: low\n' });
    for (const args of [
      ['--config', 'strict.yaml', '--no-config'],
      ['--no-config', '-c', 'strict.yaml'],
    ]) {
      const r = bulwark(dir, 'scan', '.', ...args);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /--config and --no-config contradict each other: give one of them/);
    }
  });

  it('every format renders, with the same exit code', () => {
    const dir = project({ 'compose.yaml': PRIVILEGED });
    for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'html']) {
      const r = bulwark(dir, 'scan', '.', '--format', format);
      assert.equal(r.code, 1, `${format}: ${r.stderr}`);
      assert.ok(r.stdout.length > 100, format);
    }
    const html = bulwark(dir, 'scan', '.', '--format', 'html').stdout;
    assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=/i, 'no external scripts, styles or images');
    assert.match(html, /Content-Security-Policy/);
    assert.equal(bulwark(dir, 'scan', '.', '--format', 'xml').code, 2);
  });

  it('--quiet leaves out remediation lines and the checklist', () => {
    const dir = project({ 'compose.yaml': PRIVILEGED });
    const loud = bulwark(dir, 'scan', '.').stdout;
    const quiet = bulwark(dir, 'scan', '.', '--quiet').stdout;
    assert.match(loud, /fix: /);
    assert.match(loud, /Checklist \(seed §14\)/);
    assert.doesNotMatch(quiet, /fix: |Checklist/);
    assert.match(quiet, /runs privileged/);
  });
});
