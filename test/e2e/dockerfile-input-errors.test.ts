// Dockerfile input errors as the built CLI reports them from files on disk (a hostile test): a message never repeats
// a huge word of the file in any format, a line over BuildKit's 65,535 bytes is the only error of its file, located at
// column 1 or more (also after a byte order mark), bytes that are not UTF-8 do not make a false one, and a Dockerfile
// that a compose service builds from and that is refused counts as a file read.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-df-input-'));
after(() => rmSync(root, { recursive: true, force: true }));
const q = (n: number) => 'q'.repeat(n);
const refusal = (bytes: number) =>
  `a line of ${bytes} bytes: docker build refuses a Dockerfile line over 65535 bytes (dockerfile line greater than max allowed size of 65535)`;

function write(path: string, data: string | Buffer): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), data);
}
write('flag/Dockerfile', `FROM alpine:3.20\nCOPY --${q(3000)} a b\n`);
write('heredoc/Dockerfile', `FROM alpine:3.20\nRUN <<${q(60_000)}\necho x\n`);
write('long/Dockerfile', `FROM alpine:3.20\nCOPY --${q(70_000)} a b\nBOGUS x\n`);
write('bom/Dockerfile', `\ufeff# ${'x'.repeat(65_600)}\nFROM alpine:3.20\n`);
// `RUN echo ` and 30,000 \xff bytes, then `a`s to 65,535 bytes: read by the builder (invalid UTF-8 is no line break).
write(
  'latin/Dockerfile',
  Buffer.concat([Buffer.from('FROM alpine:3.20\nRUN echo '), Buffer.alloc(30_000, 0xff), Buffer.from(`${'a'.repeat(35_526)}\nUSER root\n`)]),
);
write('compose-long/compose.yaml', 'services:\n  app:\n    image: app:1\n    build: {context: ., dockerfile: app.df}\n');
write('compose-long/app.df', `FROM alpine:3.20\nRUN ${'x'.repeat(70_000)}\n`);
write('compose-bogus/compose.yaml', 'services:\n  app:\n    image: app:1\n    build: {context: ., dockerfile: app.df}\n');
write('compose-bogus/app.df', 'FROM alpine:3.20\nBOGUS x\n');

function bulwark(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
interface Report {
  summary: { files: number; subjects: number };
  errors: { code: string; message: string; at: { source: string; line: number; column: number } }[];
}
const json = (args: string[]) => {
  const r = bulwark([...args, '-f', 'json']);
  return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout) as Report };
};
const errors = (r: Report) => r.errors.map((e) => `${e.code} ${e.at.source}:${e.at.line}:${e.at.column} ${e.message}`);

describe('Dockerfile input errors from files on disk', () => {
  it('quote a huge flag or heredoc name cut after 100 characters with its length, in every format', () => {
    const r = json(['scan', 'flag', 'heredoc']);
    assert.equal(r.code, 2, r.stderr);
    assert.deepEqual(errors(r.report), [
      `unknown-flag flag/Dockerfile:2:6 unknown flag for COPY: "--${q(98)}..." (3002 characters)`,
      `dockerfile-syntax heredoc/Dockerfile:2:7 unterminated heredoc <<"${q(100)}..." (60000 characters): no line holds only that name`,
    ]);
    for (const format of ['text', 'json', 'sarif', 'junit', 'markdown']) {
      const out = bulwark(['scan', 'flag', 'heredoc', '-f', format]);
      assert.equal(out.code, 2, format);
      assert.ok(out.stdout.includes('(3002 characters)') && out.stdout.includes('(60000 characters)'), format);
      assert.ok(!out.stdout.includes(q(101)), `${format} repeats a huge word`);
    }
  });

  it('a line over 65,535 bytes is the only error of its file, at column 1 also after a byte order mark', () => {
    const r = json(['scan', 'long', 'bom']);
    assert.equal(r.code, 2, r.stderr);
    assert.deepEqual(errors(r.report), [`dockerfile-syntax long/Dockerfile:2:1 ${refusal(70_011)}`, `dockerfile-syntax bom/Dockerfile:1:1 ${refusal(65_605)}`]);
    const sarif = JSON.parse(bulwark(['scan', 'bom', '-f', 'sarif']).stdout) as {
      runs: { invocations: { toolExecutionNotifications: { locations: { physicalLocation: { region: { startColumn: number } } }[] }[] }[] }[];
    };
    const region = sarif.runs[0]?.invocations[0]?.toolExecutionNotifications[0]?.locations[0]?.physicalLocation.region;
    assert.equal(region?.startColumn, 1);
  });

  it('bytes that are not UTF-8 count as 1 byte each: a line of 65,535 bytes with 30,000 \\xff is read and checked', () => {
    const r = json(['scan', 'latin']);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(r.report.errors, []);
    // Checked: its USER root is found.
    assert.match(bulwark(['scan', 'latin']).stdout, /3:6 {6}high {5}The final stage of Dockerfile runs as root \(USER root\)\./);
    assert.deepEqual(r.report.summary, { ...r.report.summary, files: 1, subjects: 1 });
  });

  it('a Dockerfile a compose service builds from and that is refused counts as a file read', () => {
    const long = json(['scan', 'compose-long']);
    assert.equal(long.code, 2, long.stderr);
    assert.deepEqual(errors(long.report), [`dockerfile-syntax compose-long/app.df:2:1 ${refusal(70_004)}`]);
    assert.deepEqual(long.report.summary, { ...long.report.summary, files: 2, subjects: 1 });
    assert.match(bulwark(['scan', 'compose-long']).stdout, /, 1 input error in 2 files, 1 subject checked\.\n$/);
    const bogus = json(['scan', 'compose-bogus']);
    assert.equal(bogus.code, 2, bogus.stderr);
    assert.deepEqual(errors(bogus.report), ['dockerfile-syntax compose-bogus/app.df:2:1 unknown instruction: BOGUS']);
    assert.deepEqual(bogus.report.summary, { ...bogus.report.summary, files: 2, subjects: 1 });
    // The same Dockerfiles named alone count as read too, as they did.
    const alone = json(['scan', '--as', 'dockerfile', 'compose-long/app.df', 'compose-bogus/app.df']);
    assert.deepEqual(alone.report.summary, { ...alone.report.summary, files: 2, subjects: 0 });
  });
});
