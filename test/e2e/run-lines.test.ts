import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RUNTIME_RULES } from '../../src/rules/index.js';
import { CLI } from '../helpers/cli.js';

// End-to-end: the built CLI (dist/bulwark.js) on the run-line fixtures (test/fixtures/run), on --command and on
// convert run-to-compose, as a user would run them.
const BIN = CLI;

function bulwark(args: string[], opts: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? process.cwd(),
    encoding: 'utf8',
    input: opts.input,
    env: { PATH: process.env.PATH ?? '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonReport {
  findings: { ruleId: string; subject: string; status: string; message: string; location: { source: string; line: number; column: number } }[];
  errors: { code: string; message: string; at: { source: string; line?: number; column?: number } }[];
  summary: { files: number; subjects: number };
}

const brief = (f: JsonReport['findings'][number]) =>
  `${f.ruleId} ${f.subject} ${f.location.source.replace('test/fixtures/run/', '')}:${f.location.line}:${f.location.column}${f.status === 'unknown' ? ' unknown' : ''}`;

const tmp = mkdtempSync(join(tmpdir(), 'bulwark-run-e2e-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('docker run lines (built CLI)', () => {
  it('finds exactly the planted gaps in a shell script, a Makefile, a workflow, GitLab CI, a systemd unit and a README', () => {
    const r = bulwark(['scan', 'test/fixtures/run', '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.findings.map(brief), [
      'BW1017 pid .github/workflows/ci.yml:12:13',
      'BW1018 ipc .github/workflows/ci.yml:18:13',
      'BW1019 uts .github/workflows/ci.yml:24:13',
      'BW1020 userns .github/workflows/ci.yml:30:13',
      'BW1021 device .github/workflows/ci.yml:36:13',
      'BW1022 sysctl .github/workflows/ci.yml:42:13',
      'BW1023 ports .github/workflows/ci.yml:48:13',
      'BW1001 gitlab .gitlab-ci.yml:6:266',
      'BW1016 run@6 deploy/api.service:8:3',
      'BW1031 sandbox deploy/sandbox.sh:7:3',
      'BW1001 privileged deploy/start.sh:7:3',
      'BW1002 partial-drop deploy/start.sh:11:15',
      'BW1003 sysadmin deploy/start.sh:16:3',
      'BW1004 netraw deploy/start.sh:21:3',
      'BW1005 chown deploy/start.sh:26:3',
      'BW1006 nnp-off deploy/start.sh:30:30',
      'BW1007 seccomp deploy/start.sh:35:3',
      'BW1008 apparmor deploy/start.sh:40:3',
      'BW1025 run@43 deploy/start.sh:43:188 unknown',
      'BW1032 worker deploy/worker.sh:8:43',
      'BW1009 selinux Makefile:7:4',
      'BW1010 writable Makefile:10:4',
      'BW1011 nomem Makefile:12:3',
      'BW1012 nocpu Makefile:15:3',
      'BW1013 pids Makefile:19:89',
      'BW1014 socket Makefile:23:4',
      'BW1015 etc Makefile:27:4',
      'BW1016 hostnet Makefile:31:4',
      'BW1024 secret README.md:8:3',
      'BW1025 latest README.md:15:3',
      'BW1026 latest README.md:15:3',
      'BW1026 tagonly README.md:21:3',
      'BW1027 nohealth README.md:26:124',
      'BW1028 always README.md:32:188',
      'BW1029 jsonfile README.md:38:211',
      'BW1030 root README.md:44:105',
    ]);
    assert.deepEqual([report.summary.files, report.summary.subjects], [8, 35]);
  });

  it('a GitHub Actions job or service container: what its options grant is judged, not what the runner manages', () => {
    const dir = join(tmp, 'gha');
    const wf = join(dir, '.github', 'workflows');
    spawnSync('mkdir', ['-p', wf]);
    writeFileSync(
      join(wf, 'ci.yml'),
      [
        'on: push',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    container:',
        '      image: node:20.11.1',
        '      options: --privileged --cpus 2',
        '    services:',
        '      db:',
        '        image: postgres:16.2',
        '        options: --health-cmd pg_isready --cap-add SYS_ADMIN',
        '    steps:',
        '      - run: npm test',
        '',
      ].join('\n'),
    );
    const r = bulwark(['scan', dir, '--format', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(
      report.findings.map((f) => `${f.ruleId} ${f.subject} ${f.location.line}:${f.location.column}`),
      ['BW1026 jobs.test.container 6:14', 'BW1001 jobs.test.container 7:16', 'BW1026 jobs.test.services.db 10:16', 'BW1003 jobs.test.services.db 11:42'],
    );
    assert.equal(r.code, 1);
  });

  it('covers every runtime rule with a violation written as a run line', () => {
    const report = JSON.parse(bulwark(['scan', 'test/fixtures/run', '--format', 'json']).stdout) as JsonReport;
    const hit = new Set(report.findings.filter((f) => f.status === 'violation').map((f) => f.ruleId));
    assert.deepEqual(
      RUNTIME_RULES.map((r) => r.meta.id).filter((id) => !hit.has(id)),
      [],
    );
  });

  it('scan --command checks one command; a secret value is never printed', () => {
    const r = bulwark(['scan', '--command', 'docker run -e DB_PASSWORD=hunter2hunter2 --privileged nginx:1.27', '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    const ids = report.findings.filter((f) => f.status === 'violation').map((f) => `${f.ruleId} ${f.location.source}:${f.location.line}:${f.location.column}`);
    assert.ok(ids.includes('BW1001 <command>:1:42'), ids.join(', '));
    assert.ok(ids.includes('BW1024 <command>:1:12'), ids.join(', '));
    assert.doesNotMatch(r.stdout, /hunter2hunter2/);
  });

  it('scan --command - reads several commands from standard input', () => {
    const r = bulwark(['scan', '--command', '-', '--format', 'json'], { input: 'docker run --pid=host a:1\ndocker create --ipc host b:1\n' });
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(report.findings.filter((f) => f.ruleId === 'BW1017' || f.ruleId === 'BW1018').map(brief), [
      'BW1017 run@1 <stdin>:1:12',
      'BW1018 run@2 <stdin>:2:15',
    ]);
    assert.equal(report.summary.subjects, 2);
  });

  it('scan --command reports an unknown flag as a located input error (exit 2)', () => {
    const r = bulwark(['scan', '--command', 'docker run --frobnicate nginx:1.27', '--format', 'json']);
    assert.equal(r.code, 2);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(
      report.errors.map((e) => `${e.code} ${e.at.line}:${e.at.column} ${e.message}`),
      ['unknown-flag 1:12 unknown flag: --frobnicate'],
    );
  });

  it("scan --command never shows the word after an unknown flag: it may be that flag's value (a secret), not the image", () => {
    const r = bulwark(['scan', '--command', 'docker run --db-password Sup3rS3cretPw app:1 serve', '--format', 'json']);
    assert.equal(r.code, 2);
    assert.doesNotMatch(r.stdout + r.stderr, /Sup3rS3cretPw/);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(
      report.errors.map((e) => `${e.code} ${e.at.line}:${e.at.column} ${e.message}`),
      ['unknown-flag 1:12 unknown flag: --db-password'],
    );
    assert.deepEqual(
      report.findings.filter((f) => f.ruleId === 'BW1025').map((f) => `${f.status} ${f.location.column} ${f.message}`),
      ["unknown 26 The image of the docker run command cannot be known: the word after unknown flag --db-password may be that flag's value; it is not shown."],
    );
    const text = bulwark(['scan', '--command', 'docker run --db-password Sup3rS3cretPw app:1 serve']);
    assert.doesNotMatch(text.stdout + text.stderr, /Sup3rS3cretPw/);
  });

  it('convert run-to-compose copies no literal secret: a command, entrypoint, health command or label holding one is listed, without its value', () => {
    const token = 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';
    const line = `docker run -l com.example.token=${token} -l team=pay --health-cmd 'redis-cli -a S3cr3tPassw0rd ping' --entrypoint 'redis-server --requirepass S3cr3tPassw0rd' redis:7 redis-server --requirepass S3cr3tPassw0rd`;
    const c = bulwark(['convert', 'run-to-compose', line]);
    assert.equal(c.code, 0, c.stderr);
    assert.doesNotMatch(c.stdout + c.stderr, /S3cr3tPassw0rd|ghp_aBcD/);
    const why = '(holds a literal secret: not copied; give the secret as a file, see BW1032)';
    assert.equal(
      c.stdout,
      [
        '# Not carried over (no compose equivalent):',
        `#   app: the command ${why}`,
        `#   app: --health-cmd … ${why}`,
        `#   app: -l com.example.token=… ${why}`,
        `#   app: --entrypoint … ${why}`,
        '',
        'services:',
        '  app:',
        '    image: redis:7',
        '    labels:',
        '      team: pay',
        '',
      ].join('\n'),
    );
  });

  it('convert run-to-compose prints a compose service that scans to the same findings', () => {
    const line = 'docker run -d --name api --privileged -p 8080:80 --restart on-failure:3 nginx:1.27';
    const c = bulwark(['convert', 'run-to-compose', line]);
    assert.equal(c.code, 0, c.stderr);
    assert.match(c.stdout, /^# Not carried over \(no compose equivalent\):\n# {3}api: -d .*\n\nservices:\n {2}api:\n {4}image: nginx:1.27\n/);
    const file = join(tmp, 'compose.yaml');
    writeFileSync(file, c.stdout);
    const fromCompose = (JSON.parse(bulwark(['scan', file, '--format', 'json']).stdout) as JsonReport).findings.map((f) => `${f.ruleId} ${f.status}`);
    const fromRun = (JSON.parse(bulwark(['scan', '--command', line, '--format', 'json']).stdout) as JsonReport).findings.map((f) => `${f.ruleId} ${f.status}`);
    assert.deepEqual(fromCompose.sort(), fromRun.sort());
    const bad = bulwark(['convert', 'run-to-compose', 'docker run --frobnicate x:1']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /<command>:1:12: error: unknown flag: --frobnicate/);
    assert.equal(bad.stdout, '', 'nothing on stdout after an error, so `> compose.yaml` writes no broken file');
    const badValue = bulwark(['convert', 'run-to-compose', 'docker run --memory 12megs -v data:/data nginx:1.27']);
    assert.equal(badValue.code, 2);
    assert.equal(badValue.stdout, '');
    assert.match(badValue.stderr, /<command>:1:12: error: --memory "12megs"/);
    assert.equal(bulwark(['convert', 'run-to-compose', 'echo hello']).code, 2);
    const words = bulwark(['convert', 'run-to-compose', 'docker', 'run', '-d', '-h', 'box', '-e', 'A=b c', 'nginx:1.27']);
    assert.equal(words.code, 0, words.stderr);
    assert.match(words.stdout, /hostname: box/);
    assert.match(words.stdout, /A: b c/);
  });

  it('fingerprints of a named container survive lines moving above it', () => {
    const dir = mkdtempSync(join(tmp, 'moves-'));
    const line = 'docker run -d --name api --privileged -p 8080:80 nginx:1.27\n';
    const prints = (text: string) => {
      writeFileSync(join(dir, 'start.sh'), text);
      const report = JSON.parse(bulwark(['scan', dir, '--format', 'json']).stdout) as { findings: { ruleId: string; fingerprint: string }[] };
      return report.findings.map((f) => `${f.ruleId} ${f.fingerprint}`).sort();
    };
    const before = prints(line);
    assert.ok(before.length > 5);
    assert.deepEqual(prints(`#!/bin/sh\n# start the API\nset -e\n\n${line}`), before);
  });

  it('hostile files: unterminated quote, a 1 MB line, a binary named .sh give located errors, never a crash', () => {
    const dir = mkdtempSync(join(tmp, 'hostile-'));
    writeFileSync(join(dir, 'quote.sh'), 'echo start\ndocker run --name "api nginx:1.27\n');
    writeFileSync(join(dir, 'long.sh'), `docker run --privileged -e X=${'a'.repeat(1024 * 1024)} app:1\n`);
    writeFileSync(join(dir, 'blob.sh'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff, 0xfe]));
    const r = bulwark(['scan', dir, '--format', 'json']);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr, '');
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(
      report.errors.map((e) => `${e.code} ${e.at.source.replace(/.*\//, '')}:${e.at.line}:${e.at.column}`),
      ['binary blob.sh:1:5', 'shell-syntax quote.sh:2:19'],
    );
    assert.ok(report.findings.some((f) => f.ruleId === 'BW1001' && f.location.source.endsWith('long.sh')));
  });

  it('an unclosed quote in one file is reported there, whatever the order, and the next file is still scanned', () => {
    const dir = mkdtempSync(join(tmp, 'bleed-'));
    mkdirSync(join(dir, 'p'));
    mkdirSync(join(dir, 'q'));
    writeFileSync(join(dir, 'p/x1.sh'), '#!/bin/sh\ndocker run -d app:1 echo "x\n');
    writeFileSync(join(dir, 'q/x2.sh'), '#!/bin/sh\ndocker run -d --name "b" --privileged app:1\n');
    for (const files of [
      ['p/x1.sh', 'q/x2.sh'],
      ['q/x2.sh', 'p/x1.sh'],
    ]) {
      const r = bulwark(['scan', ...files, '--format', 'json'], { cwd: dir });
      assert.equal(r.code, 2, r.stderr);
      const report = JSON.parse(r.stdout) as JsonReport;
      assert.deepEqual(report.errors.map((e) => `${e.code} ${e.at.source}:${e.at.line}:${e.at.column}`).sort(), [
        'invalid-value q/x2.sh:2:15',
        'shell-syntax p/x1.sh:2:26',
      ]);
      assert.deepEqual(report.findings.filter((f) => f.ruleId === 'BW1001').map(brief), ['BW1001 run@2 q/x2.sh:2:26']);
    }
  });
});
