// .bulwark.yaml as a first-time user writes it: two files of the two names in one folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-h3-config-'));
after(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, '.git'));
writeFileSync(join(root, 'compose.yaml'), 'services:\n  api:\n    image: nginx:1.27\n    privileged: true\n');

function bulwark(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('.bulwark.yaml beside .bulwark.yml', () => {
  it('the .yml one, which is not read, is a warning naming the file read; exit codes are unchanged', () => {
    writeFileSync(join(root, '.bulwark.yaml'), 'fail-on: none\n');
    writeFileSync(join(root, '.bulwark.yml'), 'rules:\n  BW1001: off\n');
    const r = bulwark(['scan', '.', '-f', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { errors: { severity: string; code: string; message: string; at: { source: string } }[]; config: unknown };
    assert.deepEqual(report.errors, [
      {
        code: 'config',
        severity: 'warning',
        message: 'configuration not used: .bulwark.yaml is read instead (one configuration per folder); merge the two files, or delete one',
        at: { source: '.bulwark.yml' },
      },
    ]);
    assert.deepEqual(report.config, { file: '.bulwark.yaml', found: true });
    // --config names the file in force: no search, no warning.
    const named = bulwark(['scan', '.', '--config', '.bulwark.yml', '-f', 'json']);
    assert.deepEqual(JSON.parse(named.stdout).errors, []);
    rmSync(join(root, '.bulwark.yml'));
    assert.deepEqual(JSON.parse(bulwark(['scan', '.', '-f', 'json']).stdout).errors, []);
  });
});

describe('baseline: in .bulwark.yaml naming a file that is not there', () => {
  it('is a located configuration error (exit 2) and the scan still reports every finding; --baseline stays a usage error', () => {
    writeFileSync(join(root, '.bulwark.yaml'), 'fail-on: none\nbaseline: .bulwark-baseline.json\n');
    const r = bulwark(['scan', '.', '-q']);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(
      r.stdout,
      /^\.bulwark\.yaml\n {2}2:11 {5}error {4}baseline file not found: \.bulwark-baseline\.json \(create it with --write-baseline \.bulwark-baseline\.json, or remove `baseline:`\); no finding is hidden by a baseline {2}config\n\ncompose\.yaml\n/,
    );
    assert.match(r.stdout, / {2}4:17 {5}critical Service "api" runs privileged\. {2}BW1001 no-privileged\n/);
    // Once written, it is read: the run passes (fail-on none) with the finding hidden.
    assert.equal(bulwark(['scan', '.', '--write-baseline', '.bulwark-baseline.json', '-q']).code, 0);
    const after = bulwark(['scan', '.', '-q']);
    assert.deepEqual(after, {
      code: 0,
      stdout: 'No findings, 12 suppressed in 1 file, 1 subject checked.\nConfiguration: .bulwark.yaml (found upward from the scanned path).\n',
      stderr: '',
    });
    assert.deepEqual(bulwark(['scan', '.', '--baseline', 'gone.json']), {
      code: 2,
      stdout: '',
      stderr: 'bulwark: baseline file not found: gone.json (create it with --write-baseline)\n',
    });
    rmSync(join(root, '.bulwark.yaml'));
  });
});

describe('a .bulwark.yaml in a subfolder of the scan', () => {
  it('is a warning: one configuration applies to a scan; scanning that folder on its own applies it', () => {
    mkdirSync(join(root, 'svc'));
    writeFileSync(join(root, 'svc', 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n');
    writeFileSync(join(root, 'svc', '.bulwark.yaml'), 'rules:\n  BW1001: off\n');
    type Report = { errors: { severity: string; code: string; message: string; at: { source: string } }[]; findings: { ruleId: string }[] };
    const none = JSON.parse(bulwark(['scan', '.', '-f', 'json']).stdout) as Report;
    assert.deepEqual(none.errors, [
      {
        code: 'config',
        severity: 'warning',
        message:
          'configuration not used: one configuration applies to a scan, and none was found upward from the first path; scan this folder on its own to apply this file, or name it with --config',
        at: { source: 'svc/.bulwark.yaml' },
      },
    ]);
    writeFileSync(join(root, '.bulwark.yaml'), 'fail-on: critical\n');
    const top = bulwark(['scan', '.', '-f', 'json']);
    assert.equal(top.code, 1, top.stderr);
    assert.deepEqual(
      (JSON.parse(top.stdout) as Report).errors.map((e) => `${e.severity} ${e.at.source}: ${e.message}`),
      [
        'warning svc/.bulwark.yaml: configuration not used: one configuration applies to a scan, and .bulwark.yaml is the one in force; scan this folder on its own to apply this file, or name it with --config',
      ],
    );
    assert.equal((JSON.parse(top.stdout) as Report).findings.filter((f) => f.ruleId === 'BW1001').length, 2);
    // Its own folder: it applies, no warning; --no-config: no configuration, and no warning about one.
    const own = JSON.parse(bulwark(['scan', 'svc', '-f', 'json']).stdout) as Report;
    assert.deepEqual([own.errors, own.findings.filter((f) => f.ruleId === 'BW1001')], [[], []]);
    assert.deepEqual((JSON.parse(bulwark(['scan', '.', '--no-config', '-f', 'json']).stdout) as Report).errors, []);
    rmSync(join(root, '.bulwark.yaml'));
    rmSync(join(root, 'svc'), { recursive: true });
  });
});

describe('a file named on the command line that ignore leaves out', () => {
  it('is scanned, with a warning naming the configuration', () => {
    mkdirSync(join(root, 'vendor'));
    writeFileSync(join(root, 'vendor', 'compose.yaml'), 'services:\n  lib:\n    image: nginx:1.27\n    privileged: true\n');
    writeFileSync(join(root, '.bulwark.yaml'), 'ignore: [vendor/]\n');
    type Report = { errors: { severity: string; code: string; message: string; at: { source: string } }[]; findings: { location: { source: string } }[] };
    const walked = JSON.parse(bulwark(['scan', '.', '-f', 'json']).stdout) as Report;
    assert.deepEqual([...new Set(walked.findings.map((f) => f.location.source))], ['compose.yaml']);
    assert.deepEqual(walked.errors, []);
    const named = JSON.parse(bulwark(['scan', '.', 'vendor/compose.yaml', '-f', 'json']).stdout) as Report;
    assert.deepEqual([...new Set(named.findings.map((f) => f.location.source))], ['compose.yaml', 'vendor/compose.yaml']);
    assert.deepEqual(named.errors, [
      {
        code: 'config',
        severity: 'warning',
        message: 'scanned although `ignore` in .bulwark.yaml leaves it out: it was named on the command line',
        at: { source: 'vendor/compose.yaml' },
      },
    ]);
    rmSync(join(root, '.bulwark.yaml'));
    rmSync(join(root, 'vendor'), { recursive: true });
  });
});
