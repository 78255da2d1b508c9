import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

// The built CLI (dist/bulwark.js, from `node scripts/build.mjs`) on the host fixture trees: exit codes and reporters.

const FIXTURES = join(process.cwd(), 'test/fixtures/host');
const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function bulwark(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

describe('bulwark audit host (built CLI)', () => {
  it('exits 1 on the default Debian fixture (a critical finding), with the checklist in the text output', () => {
    const r = bulwark('audit', 'host', '--root', join(FIXTURES, 'debian-default'));
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /The Engine API listens on tcp:\/\/0\.0\.0\.0:2375 without TLS client verification/);
    assert.match(r.stdout, /Checklist \(seed §14\)/);
    assert.match(r.stdout, /Host & daemon +fail/);
    assert.match(r.stderr, /kernel 6\.1\.0-28-amd64; queries run: none/);
  });

  it('JSON output carries the findings; --fail-on none exits 0', () => {
    const r = bulwark('audit', 'host', '--root', join(FIXTURES, 'debian-default'), '--format', 'json', '--fail-on', 'none');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { findings: { ruleId: string }[] };
    assert.ok(out.findings.some((f) => f.ruleId === 'BW4013'));
  });

  it('a daemon.json that dockerd refuses is an input error: exit 2, located', () => {
    const root = mkdtempSync(join(tmpdir(), 'bwtest-host-cli-'));
    made.push(root);
    cpSync(join(FIXTURES, 'debian-default'), root, { recursive: true });
    writeFileSync(join(root, 'etc/docker/daemon.json'), '{\n  "icc": false, // off\n}\n');
    const r = bulwark('audit', 'host', '--root', root, '--fail-on', 'none');
    assert.equal(r.status, 2, r.stdout);
    assert.match(r.stdout, /2:17 +error +dockerd refuses this daemon.json: comments are not JSON/);
  });

  it('a daemon.json key added after 20.10 is a located warning naming its release, not an input error', () => {
    const root = mkdtempSync(join(tmpdir(), 'bwtest-host-cli-'));
    made.push(root);
    cpSync(join(FIXTURES, 'debian-default'), root, { recursive: true });
    writeFileSync(join(root, 'etc/docker/daemon.json'), '{\n  "ip-forward-no-drop": true,\n  "log-format": "json"\n}\n');
    const r = bulwark('audit', 'host', '--root', root, '--fail-on', 'none');
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /2:3 +warning +"ip-forward-no-drop" was added in Docker Engine 28\.0; dockerd 20\.10 and older refuse it\./);
    assert.match(r.stdout, /3:3 +warning +"log-format" was added in Docker Engine 25\.0; dockerd 20\.10 and older refuse it\./);
  });

  it('usage errors exit 2', () => {
    assert.equal(bulwark('audit', 'host', '--root', '/no/such/folder').status, 2);
    assert.equal(bulwark('audit', 'host', '--config-file', 'relative.json').status, 2);
  });
});
