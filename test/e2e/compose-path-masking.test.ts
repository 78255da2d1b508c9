// Paths that take a variable's value are quoted by their variables in every message, never printed raw: a hostile
// tester's `include: [${DB_PASSWORD}.yaml]` printed `no such file "hunter2..."`, and `build: {context: "${GH}"}`
// `builds from ghp_.../Dockerfile`; a remote include printed the token in its URL.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const GH = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
const SECRETS = /hunter2|SECRETVAL|ghp_0123|abcdefghijABCDEFGHIJ/;

function project(compose: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-compose-paths-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'compose.yaml'), compose);
  writeFileSync(join(dir, '.env'), `DB_PASSWORD=hunter2hunter2SECRETVAL\nGH=${GH}\nGH_TOKEN=${GH}\n`);
  return dir;
}

function scan(dir: string, format: string) {
  const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--no-color', '-f', format], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('bulwark scan: paths from the environment are masked in messages', () => {
  const dir = project(
    [
      'include:',
      '  - ${DB_PASSWORD}.yaml',
      '  - path: ${GH}.yaml',
      '    env_file: ${GH}.env',
      '  - https://x-access-token:${GH_TOKEN}@github.com/acme/stack.git',
      'services:',
      '  web:',
      '    image: nginx:1.27',
      '    build: {context: "${GH}"}',
      '    extends: {file: "${DB_PASSWORD}.yaml", service: base}',
      '  api:',
      '    image: nginx:1.27',
      '    build: "${GH}"',
      '',
    ].join('\n'),
  );
  for (const format of ['text', 'json', 'sarif']) {
    it(`-f ${format}: no secret in any message, each path named by its variable`, () => {
      const { code, out } = scan(dir, format);
      assert.equal(code, 2, out);
      assert.doesNotMatch(out, SECRETS);
      for (const shown of [
        'no such file \\"${DB_PASSWORD}.yaml\\" (from the environment, 28 characters)',
        'remote include \\"https://x-access-token:${GH_TOKEN}@github.com/acme/stack.git\\" (from the environment, 89 characters) is not fetched',
        'builds from Dockerfile \\"Dockerfile\\" of build context \\"${GH}\\" (from the environment, 40 characters), which is not there',
      ])
        assert.ok(out.includes(format === 'text' ? shown.replaceAll('\\"', '"') : shown), `${shown}\n${out}`);
    });
  }
});
