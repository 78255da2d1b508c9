// An --output or --write-baseline path that cannot be written is a usage error (exit 2) said in words, found before
// the scan: nothing is written (no baseline without its report), and no errno code stands for the reason.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';
import { bulwarkUnprivileged, sharedTempDir, UNPRIVILEGED } from '../helpers/unprivileged.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-h3-output-'));
after(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'reports'));
writeFileSync(join(root, 'compose.yaml'), 'services:\n  api:\n    image: nginx:1.27\n    privileged: true\n');
writeFileSync(join(root, 'notes.txt'), 'a file\n');

function bulwark(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const usage = (stderr: string) => ({ code: 2, stdout: '', stderr: `bulwark: ${stderr}\n` });

describe('an output path that cannot be written', () => {
  it('a folder, a missing folder, a file in the path: a usage error in words, before the scan', () => {
    assert.deepEqual(bulwark(['scan', '.', '-o', 'reports']), usage('--output reports is a folder: name a file in it'));
    assert.deepEqual(bulwark(['scan', '.', '-o', '']), usage('--output needs a file name (it was given an empty one)'));
    assert.deepEqual(
      bulwark(['scan', '.', '-f', 'sarif', '-o', 'out/bulwark.sarif']),
      usage('cannot write --output out/bulwark.sarif: the folder out does not exist (create it first)'),
    );
    assert.deepEqual(
      bulwark(['scan', '.', '-o', 'notes.txt/report.json']),
      usage('cannot write --output notes.txt/report.json: a part of its path is a file, not a folder'),
    );
    assert.deepEqual(
      bulwark(['scan', '.', '--write-baseline', 'out/baseline.json']),
      usage('cannot write --write-baseline out/baseline.json: the folder out does not exist (create it first)'),
    );
    assert.deepEqual(
      bulwark(['scan', '--command', 'docker run --privileged nginx:1.27', '-o', 'reports']),
      usage('--output reports is a folder: name a file in it'),
    );
  });

  it('no baseline is written when the report cannot be', () => {
    assert.deepEqual(bulwark(['scan', '.', '--write-baseline', 'b.json', '-o', 'reports']), usage('--output reports is a folder: name a file in it'));
    assert.equal(existsSync(join(root, 'b.json')), false);
  });

  it('a device that refuses the write: the reason in words, exit 2', { skip: !existsSync('/dev/full') && 'no /dev/full here' }, () => {
    assert.deepEqual(bulwark(['scan', '.', '-o', '/dev/full']), usage('cannot write the report to /dev/full: no space left on the device'));
  });

  it('standard output on a device that refuses the write: one line in words, exit 2, in every format', {
    skip: !existsSync('/dev/full') && 'no /dev/full here',
  }, () => {
    for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'html']) {
      const full = openSync('/dev/full', 'w');
      try {
        const r = spawnSync(process.execPath, [CLI, 'scan', '.', '-f', format, '--fail-on', 'none'], {
          cwd: root,
          encoding: 'utf8',
          stdio: ['ignore', full, 'pipe'],
        });
        assert.deepEqual(
          { code: r.status, stderr: r.stderr },
          { code: 2, stderr: 'bulwark: cannot write to standard output: no space left on the device\n' },
          format,
        );
      } finally {
        closeSync(full);
      }
    }
  });
  it('a new file and /dev/null are written (exit 1: the finding)', () => {
    assert.equal(bulwark(['scan', '.', '-o', '/dev/null']).code, 1);
    const r = bulwark(['scan', '.', '-f', 'json', '-o', 'reports/r.json']);
    assert.deepEqual(r, { code: 1, stdout: '', stderr: '' });
    assert.equal(existsSync(join(root, 'reports', 'r.json')), true);
  });
});

describe('--output -', () => {
  it('is standard output, not a file named -', () => {
    const r = bulwark(['scan', '.', '-f', 'json', '-o', '-']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { version: number }).version, 2);
    assert.equal(existsSync(join(root, '-')), false);
    const audit = bulwark(['audit', 'host', '--root', 'reports', '-f', 'json', '-o', '-']);
    assert.equal((JSON.parse(audit.stdout) as { version: number }).version, 2);
    assert.equal(existsSync(join(root, '-')), false);
  });
});

describe('an output path this user may not write', () => {
  const skip = typeof UNPRIVILEGED === 'string' ? UNPRIVILEGED : false;
  it('a read-only folder or file: permission denied, before the scan, nothing written', { skip }, () => {
    const dir = sharedTempDir('bulwark-h3-perm-');
    try {
      writeFileSync(join(dir, 'compose.yaml'), 'services:\n  api:\n    image: nginx:1.27\n', { mode: 0o644 });
      mkdirSync(join(dir, 'locked'), { mode: 0o755 });
      writeFileSync(join(dir, 'old.json'), '{}\n', { mode: 0o644 });
      chmodSync(join(dir, 'old.json'), 0o644);
      assert.deepEqual(bulwarkUnprivileged(dir, ['scan', '.', '-o', 'locked/r.json']), {
        code: 2,
        stdout: '',
        stderr: 'bulwark: cannot write --output locked/r.json: permission denied (in the folder locked)\n',
      });
      assert.deepEqual(bulwarkUnprivileged(dir, ['scan', '.', '--write-baseline', 'old.json']), {
        code: 2,
        stdout: '',
        stderr: 'bulwark: cannot write --write-baseline old.json: permission denied\n',
      });
      assert.equal(existsSync(join(dir, 'locked', 'r.json')), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a Markdown report written into the scanned folder', () => {
  it('is rewritten by the next run (not read as an input, not counted); another Markdown file there stays an input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-h3-md-out-'));
    try {
      writeFileSync(join(dir, 'compose.yaml'), 'services:\n  api:\n    image: nginx:1.27\n    privileged: true\n');
      const run = () => spawnSync(process.execPath, [CLI, 'scan', '.', '-f', 'markdown', '-o', 'report.md'], { cwd: dir, encoding: 'utf8' });
      for (let i = 0; i < 2; i++) {
        const r = run();
        assert.deepEqual([r.status, r.stdout, r.stderr], [1, '', ''], `run ${i + 1}`);
        assert.match(
          readFileSync(join(dir, 'report.md'), 'utf8'),
          /^## Bulwark report\n\n\*\*9 findings\*\* \([^)]*\), 3 unknown in 1 file, 1 subject checked\./,
        );
      }
      writeFileSync(join(dir, 'notes.md'), '# Notes\n\n```sh\ndocker run --privileged nginx:1.27\n```\n');
      const other = spawnSync(process.execPath, [CLI, 'scan', '.', '-f', 'markdown', '-o', 'notes.md'], { cwd: dir, encoding: 'utf8' });
      assert.deepEqual(
        [other.status, other.stderr],
        [2, 'bulwark: --output notes.md is notes.md, which this command reads; nothing was written: choose another file\n'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
