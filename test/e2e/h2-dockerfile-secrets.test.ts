// A hostile first-time user's Dockerfile (h2): literal secrets in the commands the container runs (CMD, ENTRYPOINT,
// HEALTHCHECK CMD) and in ADD source URLs were not reported, and BW2006 printed an ADD URL's password in its
// message. Every finding is asserted with its rule, line, column and message, and no secret value may appear in
// any report format.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-h2-dockerfile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const BASE = 'alpine:3.20@sha256:0000000000000000000000000000000000000000000000000000000000000000';
writeFileSync(
  join(dir, 'Dockerfile'),
  [
    `FROM ${BASE} AS app`,
    'LABEL org.opencontainers.image.source=https://github.com/acme/app org.opencontainers.image.revision=1 org.opencontainers.image.created=2',
    'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://deploy:Hunter2Hunter2x@example.com/f /f',
    'ADD https://ci:Sup3rSecretPw@example.com/tool /tool',
    'USER 10001',
    'HEALTHCHECK --interval=30s CMD mysqladmin ping -uroot -pS3cr3tPassw0rd',
    'ENTRYPOINT ["sh", "-c", "export SLACK_TOKEN=xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx; exec app"]',
    'CMD ["redis-server", "--requirepass", "${REDIS_PASSWORD}"]',
    '',
  ].join('\n'),
);
writeFileSync(join(dir, '.dockerignore'), '*\n');

const SECRETS = /Hunter2Hunter2x|Sup3rSecretPw|S3cr3tPassw0rd|123456789012-1234567890123/;

function scan(format: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--no-color', '-f', format], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('h2: secrets in CMD, ENTRYPOINT, HEALTHCHECK and ADD URLs', () => {
  it('are reported at their text, each once, with exit code 1', () => {
    const { status, out } = scan('json');
    assert.equal(status, 1, out);
    const report = JSON.parse(out) as {
      findings: { ruleId: string; message: string; location: { line: number; column: number } }[];
    };
    const shown = report.findings.map((f) => `${f.location.line}:${f.location.column} ${f.ruleId} ${f.message}`);
    assert.deepEqual(shown, [
      '3:103 BW2002 ADD in stage "app" downloads from a URL that holds a password (...(15 chars)).',
      '4:5 BW2006 ADD in stage "app" downloads https://ci:...(13 chars)@example.com/tool without a --checksum.',
      '4:16 BW2002 ADD in stage "app" downloads from a URL that holds a password (...(13 chars)).',
      '6:55 BW2002 A HEALTHCHECK in stage "app" passes a literal secret to -p (...(14 chars)).',
      '7:33 BW2002 An ENTRYPOINT in stage "app" sets SLACK_TOKEN to a literal secret (xoxb...(56 chars)).',
    ]);
  });

  for (const format of ['text', 'json', 'sarif']) {
    it(`-f ${format} shows no secret value`, () => {
      const { status, out } = scan(format);
      assert.equal(status, 1, out);
      assert.match(out, /BW2002/);
      assert.doesNotMatch(out, SECRETS);
    });
  }
});
