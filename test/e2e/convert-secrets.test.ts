// `convert run-to-compose` never copies a secret written on the run line into the compose file it prints.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

function convert(...words: string[]) {
  return spawnSync(process.execPath, [CLI, 'convert', 'run-to-compose', ...words], { encoding: 'utf8' });
}

describe('convert run-to-compose and secrets', () => {
  it('writes what BW1024 reports as interpolation of its own name, names it at the top, and keeps the rest', () => {
    const r = convert(
      `docker run -e GH=${TOKEN} -e DB_PASSWORD=hunter2hunter2 -e LOG_LEVEL=debug -e API_KEY -e 'URL=postgres://u:pw12345678@db/x' -e 'my.token=${TOKEN}' -e PASSWORD=$PW nginx:1.27`,
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        '# Not carried over (no compose equivalent):',
        '#   app: -e my.token=… (a secret value under a name compose cannot read from the environment)',
        '# Secrets not copied (compose reads each from the environment or .env; better, a compose secret, see BW1024):',
        '#   app: GH',
        '#   app: DB_PASSWORD',
        '#   app: URL',
        '',
        'services:',
        '  app:',
        '    image: nginx:1.27',
        '    environment:',
        '      GH: ${GH}',
        '      DB_PASSWORD: ${DB_PASSWORD}',
        '      LOG_LEVEL: debug',
        '      API_KEY: null',
        '      URL: ${URL}',
        '      PASSWORD: ${PW}',
        '',
      ].join('\n'),
    );
    for (const secret of [TOKEN, 'hunter2', 'pw12345678']) assert.ok(!r.stdout.includes(secret), secret);
  });

  it('the compose file it prints, scanned, still reports each secret (from the environment now), never its value', () => {
    const r = convert('docker run -e DB_PASSWORD=hunter2hunter2 nginx:1.27');
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-convert-'));
    try {
      writeFileSync(join(dir, 'compose.yaml'), r.stdout);
      const scan = spawnSync(process.execPath, [CLI, 'scan', dir, '--format', 'json', '--fail-on', 'none'], {
        encoding: 'utf8',
        env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DB_PASSWORD')),
      });
      assert.equal(scan.status, 0, scan.stderr);
      const bw1024 = (JSON.parse(scan.stdout).findings as { ruleId: string; location: { line: number }; message: string }[]).filter(
        (f) => f.ruleId === 'BW1024',
      );
      assert.deepEqual(
        bw1024.map((f) => [f.location.line, f.message]),
        [[8, 'Service "app" passes secret DB_PASSWORD as an environment variable (value from ${DB_PASSWORD}).']],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
