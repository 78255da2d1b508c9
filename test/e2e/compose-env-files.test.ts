// End-to-end: the env files compose reads for a project (.env, a service's env_file, an include's env_file) count
// as files read in the summary of every report that gives the count (text, JSON); a finding located in one names it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-env-files-'));
after(() => rmSync(root, { recursive: true, force: true }));

function bulwark(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Report {
  summary: { files: number; subjects: number; errors: number };
  findings: { ruleId: string; location: { source: string; line: number; column: number } }[];
}

describe('bulwark scan: env files are counted as files read', () => {
  it('a project with a .env, a service env_file and an include env_file: 5 files (2 compose files, 3 env files)', () => {
    mkdirSync(join(root, 'stack', 'inc'), { recursive: true });
    writeFileSync(
      join(root, 'stack', 'compose.yaml'),
      'include:\n  - path: inc/a.yaml\n    env_file: inc/a.env\nservices:\n  web:\n    image: "nginx:${TAG}"\n    env_file: app.env\n',
    );
    writeFileSync(join(root, 'stack', '.env'), 'TAG=1.27\n');
    writeFileSync(join(root, 'stack', 'app.env'), 'LOG_LEVEL=info\nGITHUB_TOKEN=ghp_0123456789abcdefghijABCDEFGHIJ012345\n');
    writeFileSync(join(root, 'stack', 'inc', 'a.yaml'), 'services:\n  a:\n    image: nginx:1.27\n    network_mode: ${NETMODE}\n');
    writeFileSync(join(root, 'stack', 'inc', 'a.env'), 'NETMODE=host\n');
    const json = bulwark('scan', 'stack', '--format', 'json');
    const report = JSON.parse(json.stdout) as Report;
    assert.deepEqual([report.summary.files, report.summary.subjects, report.summary.errors], [5, 2, 0]);
    // Findings point into the env file, one of the files counted.
    const located = report.findings
      .filter((f) => ['BW1016', 'BW1024'].includes(f.ruleId))
      .map((f) => `${f.ruleId} ${f.location.source}:${f.location.line}:${f.location.column}`);
    assert.deepEqual(located.sort(), ['BW1016 stack/inc/a.yaml:4:19', 'BW1024 stack/app.env:2:1']);
    const text = bulwark('scan', 'stack');
    assert.match(text.stdout, / in 5 files, 2 subjects checked\.\n$/);
  });
});
