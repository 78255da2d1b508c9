// Usage errors quote what was typed; a token typed by mistake (pasted into a flag) is masked there too.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

function bulwark(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

describe('usage errors never print a secret', () => {
  const cases: [string, string[], string][] = [
    [
      'a value of an option Bulwark checks',
      ['scan', '--fail-on', TOKEN, '.'],
      'bulwark: --fail-on must be one of critical, high, medium, low, info, none; got "ghp_...(40 chars)"\n',
    ],
    ['an unknown option (commander)', ['scan', `--${TOKEN}`], "error: unknown option '--gh...(42 chars)'\n(run with --help for usage)\n"],
  ];
  for (const [name, args, stderr] of cases) {
    it(name, () => {
      const r = bulwark(...args);
      assert.equal(r.status, 2);
      assert.equal(r.stderr, stderr);
      assert.equal(r.stdout, '');
    });
  }
  it('an --output path that cannot be written', () => {
    const r = bulwark('scan', '--output', `/nonexistent-bulwark/${TOKEN}/report.json`, 'examples/hardened');
    assert.equal(r.status, 2);
    assert.ok(!r.stderr.includes(TOKEN), r.stderr);
    assert.match(r.stderr, /ghp_...\(40 chars\)/);
  });
});
