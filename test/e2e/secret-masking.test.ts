// Secret values are never printed (README): not in findings, not in input errors, not in the reasons a value cannot
// be known, in no output format and not in the baseline file, which is meant to be committed. Found by a hostile
// tester: a `.env` password used where compose wants a boolean, a size or a port, and a registry URL with its
// password, were quoted raw in every format.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-mask-'));
after(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  join(dir, 'compose.yaml'),
  [
    'services:',
    '  web:',
    '    image: "https://deploy:S3cr3tPassw0rdXYZ@registry.example.com/app:1"',
    '    privileged: ${DB_PASSWORD}',
    '    mem_limit: ${AWS_SECRET_ACCESS_KEY}',
    '    ports: ["${DB_PASSWORD}:80"]',
    '',
  ].join('\n'),
);
writeFileSync(join(dir, '.env'), 'DB_PASSWORD=hunter2hunter2SECRETVAL\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');

const SECRETS = /hunter2|wJalrX|S3cr3t/;

function scan(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--no-color', ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  assert.equal(r.status, 2, r.stderr);
  return `${r.stdout}\n${r.stderr}`;
}

describe('no secret value in any output', () => {
  for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'html']) {
    it(`-f ${format}`, () => {
      const out = scan('-f', format);
      assert.doesNotMatch(out, SECRETS);
      // The messages stay useful: they name the variable (Markdown escapes its underscores).
      assert.match(out, /\$\{DB\\?_PASSWORD\}/);
      assert.match(out, /\$\{AWS\\?_SECRET\\?_ACCESS\\?_KEY\}/);
    });
  }

  it('text output names the variable, the expected type and the length', () => {
    const out = scan();
    assert.match(out, /service "web": "\$\{DB_PASSWORD\}" \(from the environment, 23 characters\) is not a boolean/);
    assert.match(out, /service "web": "https:\/\/deploy:S3cr...\(17 chars\)@registry\.example\.com\/app:1" is not a valid image reference/);
  });

  it('--write-baseline', () => {
    const file = join(dir, 'baseline.json');
    scan('--write-baseline', file);
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text, SECRETS);
    assert.match(text, /cannot be known: \\"\$\{DB_PASSWORD\}\\" \(from the environment, 23 characters\) is not a valid value/);
  });
});
