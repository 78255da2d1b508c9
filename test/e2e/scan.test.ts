import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

// End-to-end: the built CLI (dist/bulwark.js, built by `npm test` before the suite) run as a user would.
const BIN = CLI;

function bulwark(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? process.cwd(),
    encoding: 'utf8',
    input: opts.input,
    env: { PATH: process.env.PATH ?? '', ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding {
  ruleId: string;
  subject: string;
  status: string;
  location: { source: string; line: number; column: number };
}
const brief = (f: JsonFinding) => `${f.ruleId} ${f.subject} ${f.location.line}:${f.location.column}${f.status === 'unknown' ? ' unknown' : ''}`;

describe('bulwark scan (built CLI)', () => {
  it('finds exactly the gaps of the insecure example, every runtime rule at least once, exit 1', () => {
    const r = bulwark(['scan', 'examples/insecure', '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { version: number; findings: JsonFinding[]; errors: unknown[] };
    assert.equal(report.version, 2);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.findings.map(brief), [
      'BW1028 api 5:12',
      'BW1028 web 5:12',
      'BW1002 web 10:3',
      'BW1006 web 10:3',
      'BW1010 web 10:3',
      'BW1011 web 10:3',
      'BW1012 web 10:3',
      'BW1013 web 10:3',
      'BW1027 web 10:3 unknown',
      'BW1029 web 10:3 unknown',
      'BW1030 web 10:3 unknown',
      'BW1025 web 12:12',
      'BW1026 web 12:12',
      'BW1023 web 14:9',
      'BW1023 web 15:9',
      'BW1015 web 18:9',
      'BW1003 web 19:15',
      'BW1003 web 19:26',
      'BW1002 api 21:3',
      'BW1006 api 21:3',
      'BW1010 api 21:3',
      'BW1011 api 21:3',
      'BW1012 api 21:3',
      'BW1013 api 21:3',
      'BW1025 api 23:12',
      'BW1026 api 23:12',
      'BW1030 api 24:11',
      'BW1001 api 25:17',
      'BW1024 api 27:7',
      'BW1024 api 28:7',
      'BW1024 api 29:7',
      'BW1023 api 31:9',
      'BW1007 api 33:9',
      'BW1008 api 34:9',
      'BW1009 api 35:9',
      'BW1031 api 36:9',
      'BW1005 api 37:15',
      'BW1004 api 37:22',
      'BW1022 api 39:7',
      'BW1027 api 41:16',
      'BW1029 api 43:7',
      'BW1002 db 45:3',
      'BW1006 db 45:3',
      'BW1010 db 45:3',
      'BW1012 db 45:3',
      'BW1013 db 45:3',
      'BW1027 db 45:3 unknown',
      'BW1028 db 45:3',
      'BW1029 db 45:3 unknown',
      'BW1030 db 45:3 unknown',
      'BW1026 db 46:12',
      'BW1024 db 48:9',
      'BW1018 db 51:10',
      'BW1011 db 55:19',
      'BW1002 worker 57:3',
      'BW1006 worker 57:3',
      'BW1010 worker 57:3',
      'BW1011 worker 57:3',
      'BW1012 worker 57:3',
      'BW1013 worker 57:3',
      'BW1027 worker 57:3 unknown',
      'BW1029 worker 57:3 unknown',
      'BW1026 worker 58:12',
      'BW1030 worker 59:11',
      'BW1014 worker 61:9',
      'BW1014 worker 62:9',
      'BW1015 worker 62:9',
      'BW1016 worker 63:19',
      'BW1017 worker 64:10',
      'BW1019 worker 65:10',
      'BW1020 worker 66:18',
      'BW1021 worker 68:9',
      'BW1028 worker 69:14',
      'BW1032 worker 70:65',
    ]);
    const ids = new Set(report.findings.map((f) => f.ruleId));
    for (let i = 1; i <= 32; i++) assert.ok(ids.has(`BW${1000 + i}`), `BW${1000 + i} never fires on the insecure example`);
  });

  it('reports nothing on the hardened example and exits 0', () => {
    const r = bulwark(['scan', 'examples/hardened', '--format', 'json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { findings: unknown[] }).findings, []);
  });

  it('reports nothing on a hardened file written in unusual but valid syntax', () => {
    const r = bulwark(['scan', 'test/fixtures/compose/unusual-hardened', '--format', 'json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { findings: unknown[] }).findings, []);
  });

  it('judges a variant file merged over its main file', () => {
    const r = bulwark(['scan', 'test/fixtures/compose/variant', '--format', 'json']);
    assert.equal(r.code, 1);
    const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
    assert.deepEqual(
      findings.map((f) => `${f.location.source} ${brief(f)}`),
      ['test/fixtures/compose/variant/compose.debug.yaml BW1003 api 3:15', 'test/fixtures/compose/variant/compose.debug.yaml BW1017 api 4:10'],
    );
  });

  it('locates a file that does not parse, exits 2, and still scans the others', () => {
    const r = bulwark(['scan', 'test/fixtures/compose/broken', 'test/fixtures/compose/variant', '--format', 'json']);
    assert.equal(r.code, 2);
    const report = JSON.parse(r.stdout) as { findings: JsonFinding[]; errors: { code: string; at: { source: string; line: number; column: number } }[] };
    assert.deepEqual(
      report.errors.map((e) => `${e.code} ${e.at.source}:${e.at.line}:${e.at.column}`),
      ['yaml-syntax test/fixtures/compose/broken/compose.yaml:5:1'],
    );
    assert.equal(report.findings.length, 2);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace');
  });

  it('refuses an alias bomb with a located error', () => {
    const r = bulwark(['scan', 'test/fixtures/compose/bomb']);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /6:14 +error +aliases expand to more than 250000 nodes/);
  });

  it('--fail-on sets the threshold; text has no colour when not on a terminal', () => {
    assert.equal(bulwark(['scan', 'examples/insecure', '--fail-on', 'none']).code, 0);
    const crit = bulwark(['scan', 'test/fixtures/compose/variant', '--fail-on', 'critical']);
    assert.equal(crit.code, 1);
    assert.doesNotMatch(crit.stdout, /\u001b\[/);
    assert.match(crit.stdout, /compose\.debug\.yaml\n {2}3:15 +critical +Service "api" adds capability SYS_PTRACE\./);
  });

  it('an unset variable is unknown, never a finding; the environment decides', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-e2e-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n    privileged: ${PRIV}\n');
    const unset = bulwark(['scan', '.', '--format', 'json'], { cwd: dir });
    const f1 = (JSON.parse(unset.stdout) as { findings: JsonFinding[] }).findings.filter((f) => f.ruleId === 'BW1001');
    assert.deepEqual(f1.map(brief), ['BW1001 web 4:17 unknown']);
    const set = bulwark(['scan', '.', '--format', 'json'], { cwd: dir, env: { PRIV: 'true' } });
    const f2 = (JSON.parse(set.stdout) as { findings: JsonFinding[] }).findings.filter((f) => f.ruleId === 'BW1001');
    assert.deepEqual(f2.map(brief), ['BW1001 web 4:17']);
  });

  it('a build context that is not there is a warning, not an input error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-e2e-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  api:\n    build: ./api\n    privileged: true\n');
    const r = bulwark(['scan', '.', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1, r.stdout);
    const report = JSON.parse(r.stdout) as { errors: { severity: string; message: string; at: { line: number; column: number } }[] };
    assert.deepEqual(
      report.errors.map((e) => `${e.severity} ${e.at.line}:${e.at.column} ${e.message}`),
      ['warning 3:12 service "api" builds from api/Dockerfile, which is not there; the image\'s user and health check stay unknown'],
    );
  });

  it('usage errors exit 2 without a stack trace', () => {
    const r = bulwark(['scan', '--format', 'yaml-please']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--format must be one of/);
    const missing = bulwark(['scan', 'no/such/path']);
    assert.equal(missing.code, 2);
    assert.match(missing.stdout, /no such file or folder: no\/such\/path/);
    const unknownFlag = bulwark(['scan', '--frobnicate']);
    assert.equal(unknownFlag.code, 2);
    assert.match(unknownFlag.stderr, /unknown option '--frobnicate'/);
  });

  it('a closed standard output ends quietly for every command (bulwark ... | head)', () => {
    for (const cmd of ['rules --json', 'explain BW1001', 'scan examples/insecure', 'audit engine --help']) {
      const r = spawnSync('bash', ['-c', `set -o pipefail; node ${BIN} ${cmd} | head -c 10 >/dev/null`], { encoding: 'utf8' });
      assert.doesNotMatch(r.stderr, /EPIPE|Unhandled/, cmd);
      assert.ok(r.status === 0 || (cmd.startsWith('scan') && r.status === 1), `${cmd}: exit ${r.status}`);
    }
  });

  it('explain and rules describe the rules', () => {
    const r = bulwark(['explain', 'BW1014']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /BW1014 no-docker-socket-mount \(critical, runtime\)/);
    assert.match(r.stdout, /CIS Docker Benchmark 1\.6\.0: 5\.32/);
    const list = bulwark(['rules']);
    assert.equal(list.code, 0);
    assert.match(list.stdout, /BW1001 +critical +no-privileged/);
  });
  it('warns (exit 0) when a folder or a named file holds nothing it reads, and names a FIFO where a compose file was expected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-e2e-'));
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'notes.txt'), 'nothing here\n');
    mkdirSync(join(dir, 'odd'));
    assert.equal(spawnSync('mkfifo', [join(dir, 'odd', 'compose.yaml')]).status, 0);
    const r = bulwark(['scan', 'docs', 'odd', 'docs/notes.txt', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { errors: { severity: string; message: string; at: { source: string } }[] };
    assert.deepEqual(
      report.errors.map((e) => `${e.severity} ${e.at.source}: ${e.message}`),
      [
        'warning odd/compose.yaml: not scanned: a named pipe (FIFO), not a regular file',
        'warning docs: nothing to scan in docs: no compose file, Dockerfile, shell script, Makefile, CI file or daemon.json found by name (other YAML files are read when named one by one)',
        'warning odd: nothing to scan in odd: no compose file, Dockerfile, shell script, Makefile, CI file or daemon.json found by name (other YAML files are read when named one by one)',
        'warning docs/notes.txt: not scanned: docs/notes.txt is not a file Bulwark reads (YAML for compose, a Dockerfile or Containerfile, a shell script, a Makefile, a CI file, daemon.json); if it is a compose file or a Dockerfile, say so with --as compose or --as dockerfile',
      ],
    );
  });
  it('never opens a FIFO that a compose file names (extends, include): a located error, no hang', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-e2e-'));
    writeFileSync(join(dir, 'compose.yaml'), 'include:\n  - sub.yaml\nservices:\n  app:\n    extends:\n      file: base.yaml\n      service: b\n');
    assert.equal(spawnSync('mkfifo', [join(dir, 'base.yaml')]).status, 0);
    assert.equal(spawnSync('mkfifo', [join(dir, 'sub.yaml')]).status, 0);
    const r = spawnSync(process.execPath, [BIN, 'scan', dir, '--format', 'json'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.signal, null, 'the scan ended by itself');
    assert.equal(r.status, 2, r.stderr);
    const errors = (JSON.parse(r.stdout) as { errors: { severity: string; message: string }[] }).errors;
    assert.ok(
      errors.some((e) => e.severity === 'error' && e.message.includes('not a regular file')),
      JSON.stringify(errors),
    );
  });
});

describe('scan --command with paths', () => {
  it('is a usage error (exit 2): only the command would be checked', () => {
    const r = bulwark(['scan', 'examples', '--command', 'docker run nginx']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'bulwark: --command checks one command; it cannot be combined with paths (examples): run two scans\n');
  });
});

describe('scan: the checklist counts every kind of subject scanned', () => {
  it('counts the daemon.json rules in the host-daemon section', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-daemon-'));
    writeFileSync(join(dir, 'daemon.json'), '{ "icc": true, "userland-proxy": true }\n');
    const r = bulwark(['scan', '.', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout) as {
      findings: { checklist: string }[];
      checklist: { id: string; rules: number; failed: number; violations: number }[];
    };
    const host = report.checklist.find((c) => c.id === 'host-daemon');
    const inSection = report.findings.filter((f) => f.checklist === 'host-daemon').length;
    assert.ok(inSection > 0);
    // Before, the daemon handler's name ("daemon") matched no rule kind ("daemon-json"): 0 rules, 8 violations.
    assert.equal(host?.violations, inSection);
    assert.ok(host !== undefined && host.rules >= host.failed && host.failed > 0, JSON.stringify(host));
  });
});

describe('scan: nothing to check', () => {
  it('shows no checklist row: no rule checked anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-empty-'));
    const text = bulwark(['scan', '.', '--no-color'], { cwd: dir });
    assert.equal(text.code, 0);
    assert.doesNotMatch(text.stdout, /Checklist/);
    assert.match(text.stdout, /No findings in 0 files, 0 subjects checked\.\n$/);
    const json = JSON.parse(bulwark(['scan', '.', '--format', 'json'], { cwd: dir }).stdout) as { checklist: { rules: number }[] };
    assert.deepEqual(
      json.checklist.map((c) => c.rules),
      [0, 0, 0, 0, 0, 0],
    );
  });
});
