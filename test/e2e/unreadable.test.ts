// Inputs Bulwark cannot read: each is a located input error or warning in the report, the rest is still scanned,
// and nothing crashes, hangs or passes in silence. The permission cases run the built CLI as an unprivileged user
// (runuser -u nobody when the tests run as root); the folder, FIFO and link-loop cases need no permission change.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';
import { bulwarkUnprivileged, sharedTempDir, UNPRIVILEGED } from '../helpers/unprivileged.js';

const root = sharedTempDir('bulwark-unreadable-');
after(() => {
  spawnSync('chmod', ['-R', 'u+rwX', root]);
  rmSync(root, { recursive: true, force: true });
});
const skip = typeof UNPRIVILEGED === 'string' ? UNPRIVILEGED : false;

let n = 0;
/** A fresh folder every user can read, with these files (mode 644). */
function tree(files: Record<string, string>): string {
  const dir = join(root, `t${++n}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true, mode: 0o755 });
    writeFileSync(join(dir, name), text, { mode: 0o644 });
  }
  spawnSync('chmod', ['-R', 'a+rX', dir]);
  return dir;
}

interface Report {
  errors: { severity: string; code: string; message: string; at: { source: string } }[];
  findings: { ruleId: string; location: { source: string } }[];
}
const located = (r: Report) => r.errors.map((e) => `${e.severity} ${e.code} ${e.at.source}: ${e.message}`);
const sources = (r: Report) => [...new Set(r.findings.map((f) => f.location.source))].sort();

const PRIV = 'services:\n  web:\n    image: nginx:1.27\n    privileged: ${P}\n';
const OTHER = 'services:\n  api:\n    image: nginx:1.27\n    privileged: true\n';

describe("a project's .env that cannot be read", () => {
  it('without permission: a located unreadable error, the other projects reported, exit 2 (one thread and -j)', { skip }, () => {
    // 65 other projects: enough for -j to use a worker thread.
    const others: Record<string, string> = {};
    for (let i = 0; i < 65; i++) others[`p${String(i).padStart(2, '0')}/compose.yaml`] = OTHER;
    const dir = tree({ 'c1/compose.yaml': PRIV, 'c1/.env': 'P=true\n', ...others });
    chmodSync(dir, 0o777);
    chmodSync(join(dir, 'c1/.env'), 0o000);
    for (const jobs of [
      ['-j', '0'],
      ['-j', '2'],
    ]) {
      const r = bulwarkUnprivileged(dir, ['scan', '.', '-f', 'json', '-o', 'out.json', ...jobs]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr, '');
      const report = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as Report;
      assert.deepEqual(located(report), [
        "error unreadable c1/.env: cannot read the project's .env: permission denied; the project is not judged (the values it interpolates would be guesses)",
      ]);
      assert.equal(sources(report).length, 65, jobs.join(' '));
      assert.ok(!sources(report).includes('c1/compose.yaml'));
    }
    const sarif = bulwarkUnprivileged(dir, ['scan', 'c1', 'p00', '-f', 'sarif', '-o', 'out.sarif']);
    assert.equal(sarif.code, 2, sarif.stderr);
    assert.match(readFileSync(join(dir, 'out.sarif'), 'utf8'), /cannot read the project's \.env: permission denied/);
  });

  it('a named pipe or a symbolic link loop: a located error each, no hang, the others reported; a folder is skipped, as compose skips it', () => {
    const dir = tree({ 'a/compose.yaml': PRIV, 'b/compose.yaml': PRIV, 'c/compose.yaml': PRIV, 'd/compose.yaml': OTHER });
    mkdirSync(join(dir, 'a/.env'));
    assert.equal(spawnSync('mkfifo', [join(dir, 'b/.env')]).status, 0, 'mkfifo is available on these machines');
    symlinkSync('.env', join(dir, 'c/.env'));
    const r = spawnSync(process.execPath, [CLI, 'scan', 'a', 'b', 'c', 'd', '-f', 'json'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(r.signal, null, 'the scan ended by itself');
    assert.equal(r.status, 2, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    const tail = '; the project is not judged (the values it interpolates would be guesses)';
    assert.deepEqual(located(report), [
      `error unreadable b/.env: cannot read the project's .env: not a regular file (a named pipe, socket or device), which is never opened${tail}`,
      `error unreadable c/.env: cannot read the project's .env: a symbolic link loop${tail}`,
    ]);
    assert.deepEqual(sources(report), ['a/compose.yaml', 'd/compose.yaml']);
  });
});

describe('folders that cannot be read', () => {
  it('a folder without permission is a located warning met while walking, an error when named; the rest is scanned', { skip }, () => {
    const dir = tree({ 'unr/c/compose.yaml': OTHER, 'unr/d/compose.yaml': OTHER, 'secret/compose.yaml': OTHER });
    symlinkSync('../../secret/compose.yaml', join(dir, 'unr/d/compose.override.yaml'));
    chmodSync(join(dir, 'unr/c'), 0o000);
    chmodSync(join(dir, 'secret'), 0o000);
    const r = bulwarkUnprivileged(dir, ['scan', 'unr', '-f', 'json']);
    assert.equal(r.code, 2, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.deepEqual(located(report), [
      'warning unreadable unr/c: cannot read the folder: permission denied; nothing below it was scanned (list it under `ignore:` in .bulwark.yaml if that is meant)',
      'error unreadable unr/d/compose.override.yaml: not scanned: a symbolic link whose target cannot be read (permission denied)',
    ]);
    assert.deepEqual(sources(report), ['unr/d/compose.yaml']);
    const named = JSON.parse(bulwarkUnprivileged(dir, ['scan', 'unr/c', '-f', 'json']).stdout) as Report;
    assert.deepEqual(located(named), ['error unreadable unr/c: cannot read the folder: permission denied; nothing below it was scanned']);
  });
});

describe('a configuration file that cannot be read', () => {
  it('is a located error (exit 2), as any configuration error, and the scan still runs with the defaults', { skip }, () => {
    const dir = tree({ 'compose.yaml': OTHER, '.bulwark.yaml': 'rules:\n  BW1001: off\n', 'policy.yaml': 'rules:\n  BW1001: off\n' });
    chmodSync(join(dir, '.bulwark.yaml'), 0o000);
    chmodSync(join(dir, 'policy.yaml'), 0o000);
    for (const [args, source] of [
      [[], '.bulwark.yaml'],
      [['--config', 'policy.yaml'], 'policy.yaml'],
    ] as const) {
      const r = bulwarkUnprivileged(dir, ['scan', '.', '-f', 'json', ...args]);
      assert.equal(r.code, 2, r.stderr);
      const report = JSON.parse(r.stdout) as Report;
      assert.deepEqual(located(report), [`error unreadable ${source}: cannot read the configuration: permission denied; the scan ran with the defaults`]);
      assert.ok(
        report.findings.some((f) => f.ruleId === 'BW1001'),
        'BW1001 runs: the defaults apply',
      );
    }
  });
});

describe('a build context that cannot be read', () => {
  it('an unreadable .dockerignore is an error at it (not "has no .dockerignore"); an unreadable context folder says so', { skip }, () => {
    const compose = 'services:\n  app:\n    build: ./ctx\n';
    const dockerfile = 'FROM alpine:3.20\nUSER 10001\nCOPY . /app\n';
    const dir = tree({
      'di/compose.yaml': compose,
      'di/ctx/Dockerfile': dockerfile,
      'di/ctx/.dockerignore': '.git\n',
      'di2/compose.yaml': compose,
      'di2/ctx/Dockerfile': dockerfile,
    });
    chmodSync(join(dir, 'di/ctx/.dockerignore'), 0o000);
    chmodSync(join(dir, 'di2/ctx'), 0o000);
    const r = bulwarkUnprivileged(dir, ['scan', 'di', 'di2', '-f', 'json']);
    assert.equal(r.code, 2, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.deepEqual(located(report), [
      'warning unreadable di2/ctx: cannot read the folder: permission denied; nothing below it was scanned (list it under `ignore:` in .bulwark.yaml if that is meant)',
      'error unreadable di/ctx/.dockerignore: cannot read this .dockerignore: permission denied; whether the build context keeps secrets and VCS data out cannot be known',
      `error unreadable di2/compose.yaml: service "app" builds from di2/ctx/Dockerfile, which cannot be read (permission denied); the image's user and health check stay unknown`,
    ]);
    assert.ok(!report.findings.some((f) => f.ruleId === 'BW2012'));
    assert.ok(report.findings.some((f) => f.ruleId === 'BW2005' && f.location.source === 'di/ctx/Dockerfile'));
  });
});

describe('files that cannot be read, each named once', () => {
  it('a Dockerfile, a shell script and a file a compose include names: "cannot read: permission denied" at the file as shown, or one error where it is included', {
    skip,
  }, () => {
    const dir = tree({
      Dockerfile: 'FROM alpine:3.20\n',
      'deploy.sh': 'docker run --privileged nginx:1.27\n',
      'inc/compose.yaml': 'include:\n  - locked.yaml\nservices:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
      'inc/locked.yaml': OTHER,
    });
    for (const f of ['Dockerfile', 'deploy.sh', 'inc/locked.yaml']) chmodSync(join(dir, f), 0o000);
    const r = bulwarkUnprivileged(dir, ['scan', 'Dockerfile', 'deploy.sh', 'inc', '-f', 'json']);
    assert.equal(r.code, 2, r.stderr);
    const report = JSON.parse(r.stdout) as {
      errors: { severity: string; code: string; message: string; at: { source: string; line?: number; column?: number } }[];
    };
    assert.deepEqual(
      report.errors.map((e) => `${e.severity} ${e.code} ${e.at.source}:${e.at.line}:${e.at.column}: ${e.message}`),
      [
        'error unreadable inc/compose.yaml:2:5: include: cannot read "locked.yaml": permission denied',
        'error unreadable Dockerfile:undefined:undefined: cannot read: permission denied',
        'error unreadable deploy.sh:undefined:undefined: cannot read: permission denied',
      ],
    );
    assert.doesNotMatch(r.stdout, /EACCES|open '/);
  });
});
