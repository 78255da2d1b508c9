// A file named on the command line whose name says nothing (`my-stack`, `build-spec`): the scan says why it was not
// read and how to name its kind, and `--as compose|dockerfile` reads it as that kind.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-h3-named-'));
after(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'dir'));
writeFileSync(join(root, 'my-stack'), 'services:\n  api:\n    image: nginx:1.27\n    privileged: true\n');
writeFileSync(join(root, 'build-spec'), 'FROM alpine:3.20\nUSER root\n');
writeFileSync(join(root, 'deploy'), '#!/bin/sh\necho deployed\n');
writeFileSync(join(root, 'dir', 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n');

function bulwark(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Report {
  summary: { files: number; subjects: number };
  errors: { severity: string; code: string; message: string; at: { source: string } }[];
  findings: { ruleId: string; location: { source: string; line: number; column: number } }[];
}
const json = (args: string[]) => {
  const r = bulwark([...args, '-f', 'json']);
  return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout) as Report };
};
const why = (shown: string) =>
  `warning unreadable ${shown}: not scanned: ${shown} has no name Bulwark reads and is not a shell script (no #! line); say what it is with --as compose or --as dockerfile, or rename it (compose.yaml, *.yaml, Dockerfile, *.Dockerfile)`;
const errors = (r: Report) => r.errors.map((e) => `${e.severity} ${e.code} ${e.at.source}: ${e.message}`);

describe('a file named on the command line with a name Bulwark does not read', () => {
  it('is a warning naming --as, not a silent "0 files" (compose file and Dockerfile, text and JSON)', () => {
    const text = bulwark(['scan', './my-stack']);
    assert.equal(text.code, 0, text.stderr);
    assert.equal(
      text.stdout,
      `my-stack\n           warning  ${why('my-stack').replace(/^warning unreadable my-stack: /, '')}  unreadable\n\nNo findings in 0 files, 0 subjects checked.\n`,
    );
    const r = json(['scan', 'my-stack', 'build-spec', 'dir']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(errors(r.report), [why('my-stack'), why('build-spec')]);
    assert.deepEqual(r.report.summary, { ...r.report.summary, files: 1, subjects: 1 });
  });

  it('a shebang script with no docker run is read (1 file) and not warned about', () => {
    const r = json(['scan', 'deploy']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.report.errors, []);
    assert.equal(r.report.summary.files, 1);
  });

  it('--as compose reads it as a compose file, --as dockerfile as a Dockerfile, with located findings', () => {
    const c = json(['scan', '--as', 'compose', 'my-stack']);
    assert.equal(c.code, 1, c.stderr);
    assert.deepEqual(c.report.errors, []);
    assert.deepEqual(
      c.report.findings.filter((f) => f.ruleId === 'BW1001').map((f) => `${f.location.source}:${f.location.line}:${f.location.column}`),
      ['my-stack:4:17'],
    );
    const d = json(['scan', '--as', 'dockerfile', 'build-spec']);
    assert.equal(d.code, 1, d.stderr);
    assert.deepEqual(
      d.report.findings.filter((f) => f.ruleId === 'BW3001').map((f) => `${f.location.source}:${f.location.line}:${f.location.column}`),
      ['build-spec:2:6'],
    );
    // Files found in a folder given beside it are still chosen by their names.
    const both = json(['scan', '--as', 'compose', 'my-stack', 'dir']);
    assert.deepEqual([...new Set(both.report.findings.map((f) => f.location.source))], ['dir/compose.yaml', 'my-stack']);
    assert.equal(both.report.summary.subjects, 2);
  });

  it('--as with a wrong kind, with --command, or with folders only is a usage error (exit 2), nothing scanned', () => {
    assert.deepEqual(bulwark(['scan', '--as', 'docker', 'my-stack']), {
      code: 2,
      stdout: '',
      stderr: 'bulwark: --as must be one of compose, dockerfile; got "docker"\n',
    });
    assert.deepEqual(bulwark(['scan', '--as', 'compose', 'dir']), {
      code: 2,
      stdout: '',
      stderr: 'bulwark: --as compose applies to files named on the command line, and only folders are given: name the files\n',
    });
    assert.deepEqual(bulwark(['scan', '--as', 'compose', '--command', 'docker run nginx:1.27']), {
      code: 2,
      stdout: '',
      stderr: 'bulwark: --as names the kind of the files given; --command reads no file\n',
    });
  });
});

describe('a folder given by name', () => {
  it('does not make a file of the same name below it a file named on the command line', () => {
    mkdirSync(join(root, 'ship', 'bin'), { recursive: true });
    writeFileSync(join(root, 'ship', 'bin', 'ship'), '#!/usr/bin/env python3\nprint("shipped")\n');
    writeFileSync(join(root, 'ship', 'compose.yaml'), 'services:\n  api:\n    image: nginx:1.27\n    privileged: true\n');
    mkdirSync(join(root, 'ship', 'stack.yml'));
    writeFileSync(join(root, 'ship', 'stack.yml', 'stack.yml'), 'services:\n  other:\n    image: nginx:1.27\n');
    const r = json(['scan', 'ship']);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(r.report.errors, []);
    assert.deepEqual([...new Set(r.report.findings.map((f) => f.location.source))], ['ship/compose.yaml']);
    // --as applies to the files named, not to files below a folder of the same name.
    const as = json(['scan', '--as', 'compose', 'my-stack', 'ship']);
    assert.deepEqual([...new Set(as.report.findings.map((f) => f.location.source))], ['my-stack', 'ship/compose.yaml']);
    assert.deepEqual(as.report.errors, []);
    // A folder named stack.yml holding a stack.yml: that file is found by walking, and is no compose file name.
    const yml = json(['scan', 'ship/stack.yml']);
    assert.deepEqual([yml.report.findings, yml.report.summary.files], [[], 0]);
    assert.deepEqual(errors(yml.report), [
      'warning unreadable ship/stack.yml: nothing to scan in ship/stack.yml: no compose file, Dockerfile, shell script, Makefile, CI file or daemon.json found by name (other YAML files are read when named one by one)',
    ]);
  });
});

describe('scan - (standard input, as other tools read it)', () => {
  it('is the missing-path error, saying where standard input is read and how to scan a file from it', () => {
    const r = bulwark(['scan', '-']);
    assert.deepEqual(r, {
      code: 2,
      stdout:
        '-\n           error    no such file or folder: - (standard input is read by --command - for docker run lines; a compose file or Dockerfile on standard input: save it to a file and name that file, with --as compose or --as dockerfile when its name says nothing)  unreadable\n\nNo findings, 1 input error in 0 files, 0 subjects checked.\n',
      stderr: '',
    });
  });
});
