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
