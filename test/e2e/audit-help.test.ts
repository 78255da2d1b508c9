import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

// The built CLI (dist/bulwark.js): audit help texts, and the policy options of `audit host`.
const BIN = CLI;
const ROOT = join(process.cwd(), 'test', 'fixtures', 'host', 'debian-default');
const tmp = mkdtempSync(join(tmpdir(), 'bwtest-audit-help-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function bulwark(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('audit help and policy (built CLI)', () => {
  it('audit --help shows examples and how to give the host part a --root', () => {
    const r = bulwark(['audit', '--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\nExamples:\n {2}\$ sudo bulwark audit /);
    assert.match(r.stdout, /\$ bulwark audit host --root \/mnt\/image/);
  });

  it('audit host --help lists the policy options', () => {
    const r = bulwark(['audit', 'host', '--help']);
    assert.equal(r.code, 0, r.stderr);
    for (const o of ['-c, --config <file>', '--no-config', '--baseline <file>', '--write-baseline <file>']) assert.ok(r.stdout.includes(o), o);
  });

  it('audit host applies .bulwark.yaml and a baseline', () => {
    const all = JSON.parse(bulwark(['audit', 'host', '--root', ROOT, '--format', 'json', '--fail-on', 'none'], tmp).stdout) as {
      findings: { ruleId: string }[];
    };
    const off = all.findings[0]?.ruleId as string;
    assert.ok(off);
    writeFileSync(join(tmp, '.bulwark.yaml'), `rules:\n  ${off}: off\n`);
    const r = bulwark(['audit', 'host', '--root', ROOT, '--format', 'json', '--fail-on', 'none'], tmp);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!(JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.some((f) => f.ruleId === off));
    const base = join(tmp, 'host.baseline.json');
    assert.equal(bulwark(['audit', 'host', '--root', ROOT, '--no-config', '--write-baseline', base, '-q'], tmp).code, 0);
    const again = bulwark(['audit', 'host', '--root', ROOT, '--no-config', '--baseline', base, '-q'], tmp);
    assert.equal(again.code, 0, again.stdout);
    assert.match(again.stdout, /^No findings, \d+ suppressed in \d+ files, \d+ rules run\.\n$/);
  });
});
