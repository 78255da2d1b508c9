// Which .bulwark.yaml applies, and that the report says so: the upward search never takes a file from a folder
// another user can write (a world-writable /tmp, a folder owned by someone else), every format that has a place for
// it names the file in force, and a folder the configuration's `ignore` emptied says so.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-config-search-'));
after(() => rmSync(root, { recursive: true, force: true }));

const PRIVILEGED = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
const PLANTED = 'rules:\n  BW1001: off\nignore: ["**"]\n';

let n = 0;
function tree(files: Record<string, string>): string {
  const dir = join(root, `t${++n}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
function bulwark(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1767225600' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
interface Report {
  errors: { severity: string; code: string; message: string; at: { source: string } }[];
  findings: { ruleId: string }[];
  config?: { file: string; found: boolean };
}
const json = (cwd: string, ...args: string[]) => JSON.parse(bulwark(cwd, ...args, '-f', 'json').stdout) as Report;
const located = (r: Report) => r.errors.map((e) => `${e.severity} ${e.code} ${e.at.source}: ${e.message}`);

describe('the configuration search', () => {
  it('does not use a .bulwark.yaml in a parent folder every user can write (as /tmp): a located warning instead', () => {
    const shared = tree({ '.bulwark.yaml': PLANTED, 'app/compose.yaml': PRIVILEGED });
    chmodSync(shared, 0o1777);
    const r = bulwark(join(shared, 'app'), 'scan', '.', '-f', 'json');
    assert.equal(r.code, 1, 'BW1001 is not switched off: the planted file is not used');
    const report = JSON.parse(r.stdout) as Report;
    assert.deepEqual(located(report), [
      `warning unreadable ${shared}/.bulwark.yaml: configuration not used: ${shared} is writable by every user, so another user could have put it there; name it with --config to use it`,
    ]);
    assert.ok(report.findings.some((f) => f.ruleId === 'BW1001'));
    assert.equal(report.config, undefined);
    const named = json(join(shared, 'app'), 'scan', '.', '--config', '../.bulwark.yaml');
    assert.deepEqual(named.config, { file: `${shared}/.bulwark.yaml`, found: false }, '--config still uses it');
  });

  it('does not use one in a folder owned by another user (root runs these tests: the folder is given to nobody)', {
    skip: process.getuid?.() !== 0 && 'needs root to give a folder away',
  }, () => {
    const theirs = tree({ '.bulwark.yaml': PLANTED, 'app/compose.yaml': PRIVILEGED });
    chownSync(theirs, 65534, 65534);
    const report = json(join(theirs, 'app'), 'scan', '.');
    assert.deepEqual(located(report), [
      `warning unreadable ${theirs}/.bulwark.yaml: configuration not used: ${theirs} is owned by user 65534, not by you (0) or root, so another user could have put it there; name it with --config to use it`,
    ]);
  });

  it('stops at the repository root', () => {
    const dir = tree({ '.bulwark.yaml': PLANTED, 'repo/app/compose.yaml': PRIVILEGED });
    mkdirSync(join(dir, 'repo', '.git'));
    const report = json(join(dir, 'repo', 'app'), 'scan', '.');
    assert.deepEqual(report.errors, []);
    assert.equal(report.config, undefined);
  });

  it('a .bulwark.yaml that is a folder or a named pipe is a located error and is never opened', () => {
    const dir = tree({ 'app/compose.yaml': PRIVILEGED });
    assert.equal(spawnSync('mkfifo', [join(dir, 'app', '.bulwark.yaml')]).status, 0);
    const r = spawnSync(process.execPath, [CLI, 'scan', '.', '-f', 'json'], { cwd: join(dir, 'app'), encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.signal, null, 'no hang');
    assert.equal(r.status, 2);
    assert.deepEqual(located(JSON.parse(r.stdout) as Report), [
      'error config .bulwark.yaml: configuration not used: not a regular file (a named pipe, socket or device), which is never opened',
    ]);
  });
});

describe('reports name the configuration in force', () => {
  it('every report format names the file found upward or given with --config', () => {
    const dir = tree({ '.bulwark.yaml': 'fail-on: none\n', 'app/compose.yaml': PRIVILEGED, 'policy.yaml': 'fail-on: none\n' });
    const app = join(dir, 'app');
    const text = bulwark(app, 'scan', '.');
    assert.equal(text.code, 0);
    // Outside the working folder the path is absolute; below it, relative.
    const line = `\nConfiguration: ${dir}/.bulwark.yaml (found upward from the scanned path).\n`;
    assert.ok(text.stdout.endsWith(line), text.stdout.slice(-300));
    assert.ok(bulwark(app, 'scan', '.', '-q').stdout.endsWith(line), '--quiet too');
    assert.deepEqual(json(app, 'scan', '.').config, { file: `${dir}/.bulwark.yaml`, found: true });
    assert.deepEqual(json(dir, 'scan', 'app', '--config', 'policy.yaml').config, { file: 'policy.yaml', found: false });
    const sarif = JSON.parse(bulwark(dir, 'scan', 'app', '-f', 'sarif').stdout);
    assert.deepEqual(sarif.runs[0].artifacts, [{ location: { uri: '.bulwark.yaml', uriBaseId: '%SRCROOT%' }, roles: ['toolSpecifiedConfiguration'] }]);
    const named = JSON.parse(bulwark(dir, 'scan', 'app', '-f', 'sarif', '--config', 'policy.yaml').stdout);
    assert.deepEqual(named.runs[0].artifacts[0].roles, ['userSpecifiedConfiguration']);
    assert.match(bulwark(dir, 'scan', 'app', '-f', 'html').stdout, / · configuration \.bulwark\.yaml<\/div>/);
    assert.match(bulwark(dir, 'scan', 'app', '-f', 'markdown').stdout, /\nConfiguration: \.bulwark\.yaml \(found upward from the scanned path\)\.\n/);
    assert.match(
      bulwark(dir, 'scan', 'app', '-f', 'junit', '--config', 'policy.yaml').stdout,
      /<testsuite [^>]*>\n {4}<properties>\n {6}<property name="bulwark\.configuration" value="policy\.yaml"\/>\n {4}<\/properties>\n/,
    );
    // No configuration: no line, no key.
    const none = bulwark(app, 'scan', '.', '--no-config', '--fail-on', 'none');
    assert.doesNotMatch(none.stdout, /Configuration:/);
    assert.equal(json(app, 'scan', '.', '--no-config').config, undefined);
  });

  it('a folder the ignore globs emptied: the warning says they did, and which file holds them', () => {
    const dir = tree({ '.bulwark.yaml': 'ignore: [deploy/]\n', 'deploy/compose.yaml': PRIVILEGED, 'deploy/x/Dockerfile': 'FROM alpine:3.20\n' });
    const r = bulwark(dir, 'scan', '.', '-f', 'json');
    assert.equal(r.code, 0);
    assert.deepEqual(located(JSON.parse(r.stdout) as Report), [
      'warning unreadable .: nothing to scan in .: 1 entry in it is excluded by `ignore` in .bulwark.yaml, and no compose file, Dockerfile, shell script, Makefile, CI file or daemon.json was found by name in the rest',
    ]);
  });
});
