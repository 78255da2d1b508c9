// Secret values are never printed (README), not even in an input error about a file that is not what its name
// says. Found by a hostile tester: a Dockerfile line that lost the `\` of the ENV before it
// (`AWS_SECRET_ACCESS_KEY=…`), a `Dockerfile` that is a link to .git-credentials, a compose `build.dockerfile`
// naming a shadow file, `EXPOSE <token>`, `# escape=<token>` and a compose service named like a token were quoted
// raw in every format (the message, and the JSON location path).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-mask-input-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ';
const file = (path: string, text: string) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};

file('continued/Dockerfile', 'FROM alpine:3.20\nENV APP_ENV=production\n    AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nUSER 1000\n');
file('linked/.git-credentials', `https://octocat:${TOKEN}@github.com\n`);
symlinkSync('.git-credentials', join(dir, 'linked', 'Dockerfile'));
file('fake-root/etc/shadow', 'root:$6$c2FsdHNhbHQ$ZmFrZWhhc2hmYWtlaGFzaGZha2VoYXNo:20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\n');
file('shadow/compose.yaml', `services:\n  app:\n    build: {context: ${join(dir, 'fake-root')}, dockerfile: etc/shadow}\n`);
file('port/Dockerfile', `FROM alpine:3.20\nEXPOSE ${TOKEN}\nUSER 1000\n`);
file('escape/Dockerfile', `# escape=${TOKEN}\nFROM alpine:3.20\nUSER 1000\n`);
file('key/compose.yaml', `services:\n  ${TOKEN}:\n    image: nginx:1.27\n    privilegd: true\n`);

const SECRETS = /wJalrX|K7MDENG|EXAMPLEKEY|abcdefghijklmnop|octocat|c2FsdHNhbHQ|ZmFrZWhh/;

function scan(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--no-color', ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  assert.equal(r.status, 2, r.stderr);
  return `${r.stdout}\n${r.stderr}`;
}

describe('no secret value in an input error, in any output', () => {
  for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'html']) {
    it(`-f ${format}`, () => {
      const out = scan('-f', format);
      assert.doesNotMatch(out, SECRETS);
      // Each error is still there, saying what is wrong (Markdown escapes underscores).
      assert.match(out, /unknown instruction: AWS\\?_SECRET\\?_ACCESS\\?_KEY=…/);
      assert.match(out, /not a Dockerfile: no line of it starts with a Dockerfile instruction/);
      assert.match(out, /EXPOSE: invalid port /);
      assert.match(out, /invalid escape character /);
      // JUnit lists input errors, not warnings.
      if (format !== 'junit') assert.match(out, /unknown key /);
    });
  }

  it('text output: the first word of a continued line, files that are no Dockerfile once, tokens by shape', () => {
    const out = scan();
    assert.match(
      out,
      /3:5 +error +unknown instruction: AWS_SECRET_ACCESS_KEY=… \(a line that goes on an ENV, ARG or LABEL needs \\ at the end of the line before\)/,
    );
    assert.equal(out.match(/not a Dockerfile/g)?.length, 2, out);
    assert.match(out, /2:8 +error +EXPOSE: invalid port "ghp_...\(40 chars\)" \(a GitHub token\)/);
    assert.match(out, /1:10 +error +invalid escape character "ghp_...\(40 chars\)" \(a GitHub token\): use \\ or `/);
    assert.match(out, /warning +service "ghp_...\(40 chars\)": unknown key "privilegd" is not read/);
  });

  it('json: the location path of an error and of a finding masks a key shaped like a token', () => {
    const report = JSON.parse(scan('-f', 'json')) as { errors: { at: { path?: string } }[]; findings: { location: { path?: string } }[] };
    const paths = [...report.errors.map((e) => e.at.path), ...report.findings.map((f) => f.location.path)].filter((p) => p?.includes('ghp_'));
    assert.ok(paths.length > 1, 'errors and findings on the service');
    for (const p of paths) assert.match(p as string, /^services\.ghp_...\(40 chars\)(\.|$)/);
  });
});

describe('no secret value in the input errors of other commands (masked where every report is written)', () => {
  it('scan --command: an unknown flag shaped like a token', () => {
    const r = spawnSync(process.execPath, [CLI, 'scan', '--no-color', '--command', `docker run --${TOKEN} nginx:1.27`], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    const out = `${r.stdout}\n${r.stderr}`;
    assert.doesNotMatch(out, SECRETS);
    assert.match(out, /unknown flag/);
  });
  it('a configuration rule key shaped like a token', () => {
    file('config/.bulwark.yaml', `rules:\n  ${TOKEN}: off\n`);
    file('config/compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n');
    const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--no-color', '-f', 'json'], {
      cwd: join(dir, 'config'),
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    assert.equal(r.status, 2, r.stderr);
    assert.doesNotMatch(`${r.stdout}\n${r.stderr}`, SECRETS);
  });
});
