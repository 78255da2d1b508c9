import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

// End-to-end: which files of a folder the built CLI merges into its project, as `docker compose` run in the folder
// chooses them (compose-go cli/options.go: WithConfigFileEnv, then WithDefaultConfigPath).

interface JsonReport {
  findings: { ruleId: string; status: string; location: { source: string; line: number; column: number } }[];
  errors: { code: string; severity: string; message: string; at: { source: string; line?: number; column?: number } }[];
}

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** A temporary folder holding `files` (relative paths), scanned with the built CLI; paths in the report made relative. */
function scanFolder(
  files: Record<string, string>,
  env: Record<string, string> = {},
): { code: number | null; report: JsonReport; brief: (rules: string[]) => string[] } {
  const root = mkdtempSync(join(tmpdir(), 'bulwark-choice-'));
  roots.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  const r = spawnSync(process.execPath, [CLI, 'scan', root, '--format', 'json'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  const report = JSON.parse(r.stdout.split(`${root}/`).join('')) as JsonReport;
  const brief = (rules: string[]) =>
    report.findings
      .filter((f) => rules.includes(f.ruleId))
      .map((f) => `${f.ruleId}${f.status === 'unknown' ? ' unknown' : ''} ${f.location.source}:${f.location.line}:${f.location.column}`);
  return { code: r.status, report, brief };
}

const MAIN = 'services:\n  s:\n    image: nginx:1\n';
const PRIVILEGED = 'services:\n  s:\n    privileged: true\n';
const PID_HOST = 'services:\n  s:\n    pid: host\n';

describe('bulwark scan: the override file compose reads', () => {
  it('merges compose.override.yml (compose-go takes the first of .yml, .yaml), warns at compose.override.yaml and judges it as -f runs it', () => {
    const { code, report, brief } = scanFolder({ 'compose.yaml': MAIN, 'compose.override.yaml': PRIVILEGED, 'compose.override.yml': PID_HOST });
    assert.equal(code, 1);
    assert.deepEqual(
      report.errors.map((e) => `${e.severity} ${e.code} ${e.at.source}: ${e.message}`),
      [
        'warning unreadable compose.override.yaml: compose reads compose.override.yml (the first of compose.override.yml, compose.override.yaml, docker-compose.override.yml, docker-compose.override.yaml), not this file; judged as `docker compose -f compose.yaml -f compose.override.yaml` runs it',
      ],
    );
    // compose.override.yml is merged in the folder's project; compose.override.yaml only in its own `-f` project.
    assert.deepEqual(brief(['BW1001', 'BW1017']), ['BW1001 compose.override.yaml:3:17', 'BW1017 compose.override.yml:3:10']);
  });

  it('picks docker-compose.yml before docker-compose.yaml, and warns at the main file it does not pick', () => {
    const { report, brief } = scanFolder({
      'docker-compose.yaml': PRIVILEGED.replace('privileged: true', 'image: nginx:1\n    privileged: true'),
      'docker-compose.yml': MAIN,
    });
    assert.deepEqual(
      report.errors.map((e) => `${e.at.source}: ${e.message}`),
      [
        'docker-compose.yaml: compose reads docker-compose.yml (the first of compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml), not this file; judged as `docker compose -f docker-compose.yaml` runs it',
      ],
    );
    assert.deepEqual(brief(['BW1001']), ['BW1001 docker-compose.yaml:4:17']);
  });

  it('a folder with one main file and one override gets no warning', () => {
    const { report, brief } = scanFolder({ 'compose.yaml': MAIN, 'compose.override.yaml': PRIVILEGED });
    assert.deepEqual(report.errors, []);
    assert.deepEqual(brief(['BW1001']), ['BW1001 compose.override.yaml:3:17']);
  });
});

describe('bulwark scan: COMPOSE_FILE', () => {
  it('merges the files COMPOSE_FILE names in the folder .env, relative to the folder, and reads no default override', () => {
    const { code, report, brief } = scanFolder({
      'compose.yaml': MAIN,
      'prod.yml': PRIVILEGED,
      'compose.override.yaml': PID_HOST,
      '.env': 'COMPOSE_FILE=compose.yaml:prod.yml\n',
    });
    assert.equal(code, 1);
    assert.deepEqual(
      report.errors.map((e) => `${e.at.source}: ${e.message}`),
      [
        'compose.override.yaml: compose reads the files COMPOSE_FILE names (set in .env: compose.yaml, prod.yml), not this file; judged as `docker compose -f compose.yaml -f compose.override.yaml` runs it',
      ],
    );
    assert.deepEqual(brief(['BW1001', 'BW1017']), ['BW1017 compose.override.yaml:3:10', 'BW1001 prod.yml:3:17']);
  });

  it('takes COMPOSE_PATH_SEPARATOR, and the environment wins over the .env (compose-go WithOsEnv, then WithDotEnv)', () => {
    const files = { 'compose.yaml': MAIN, 'prod.yml': PRIVILEGED, '.env': 'COMPOSE_PATH_SEPARATOR=;\nCOMPOSE_FILE=compose.yaml;prod.yml\n' };
    assert.deepEqual(scanFolder(files).brief(['BW1001']), ['BW1001 prod.yml:3:17']);
    const fromEnv = scanFolder(files, { COMPOSE_FILE: 'compose.yaml' });
    assert.deepEqual(fromEnv.brief(['BW1001']), []);
    assert.deepEqual(fromEnv.report.errors, []);
  });

  it('a file COMPOSE_FILE names that is not there is an error at the variable, and the project is not judged (exit 2)', () => {
    const { code, report, brief } = scanFolder({ 'compose.yaml': PRIVILEGED, '.env': '# files\nCOMPOSE_FILE=compose.yaml:nope.yml\n' });
    assert.equal(code, 2);
    assert.deepEqual(
      report.errors.map((e) => `${e.severity} ${e.code} ${e.at.source}:${e.at.line}:${e.at.column}`),
      ['error unreadable .env:2:1'],
    );
    assert.equal(
      report.errors[0]?.message,
      `COMPOSE_FILE (set in .env) names "nope.yml", which is not there: compose refuses to run this folder's project, so it is not judged`,
    );
    assert.deepEqual(brief(['BW1001']), []);
  });

  it('a COMPOSE_FILE made from a variable that is not set, or with an empty entry, is an error', () => {
    const unset = scanFolder({ 'compose.yaml': MAIN, '.env': 'COMPOSE_FILE=compose.yaml:${EXTRA}\n' });
    assert.equal(unset.code, 2);
    assert.deepEqual(
      unset.report.errors.map((e) => `${e.code} ${e.at.source}:${e.at.line}:${e.at.column}`),
      ['invalid-value .env:1:1'],
    );
    assert.equal(
      unset.report.errors[0]?.message,
      "COMPOSE_FILE (set in .env) cannot be known (variable EXTRA is not set): the files of this folder's project would be guesses, so it is not judged",
    );
    const empty = scanFolder({ 'compose.yaml': MAIN, '.env': 'COMPOSE_FILE=compose.yaml::x.yml\n' });
    assert.deepEqual(
      empty.report.errors.map((e) => `${e.code} ${e.at.source}:${e.at.line}:${e.at.column}`),
      ['invalid-value .env:1:1'],
    );
    assert.equal(
      empty.report.errors[0]?.message,
      `COMPOSE_FILE (set in .env) has an empty entry ("compose.yaml::x.yml"): compose refuses to run this folder's project, so it is not judged`,
    );
    // A folder where a file is named is not a file compose can read.
    const folder = scanFolder({ 'compose.yaml': MAIN, 'sub/x': '', '.env': 'COMPOSE_FILE=compose.yaml:sub\n' });
    assert.deepEqual(
      folder.report.errors.map((e) => `${e.code} ${e.at.source}:${e.at.line}:${e.at.column}`),
      ['unreadable .env:1:1'],
    );
    assert.match(folder.report.errors[0]?.message ?? '', /^COMPOSE_FILE \(set in \.env\) names "sub", which cannot be read \(.+\): compose refuses/);
  });
});
