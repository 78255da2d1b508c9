// A token pasted into the reason of a suppression comment is file text like any other: no report prints it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-h3-supsec-'));
after(() => rmSync(root, { recursive: true, force: true }));
const TOKEN = `ghp_${'abcdefghijklmnopqrstuvwxyz0123456789'}`;
writeFileSync(
  join(root, 'compose.yaml'),
  `services:\n  a:\n    image: nginx:1.27\n    # bulwark-ignore BW1001: old token ${TOKEN} was rotated\n    privileged: true\n`,
);

function scan(format: string) {
  const r = spawnSync(process.execPath, [CLI, 'scan', '.', '-f', format], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('a secret in the reason of a suppression comment', () => {
  it('is masked in the JSON reason and the SARIF justification, and printed by no format', () => {
    for (const f of ['text', 'json', 'sarif', 'junit', 'markdown', 'html']) {
      const r = scan(f);
      assert.equal(r.code, 0, `${f}: ${r.stderr}`);
      assert.ok(!r.stdout.includes(TOKEN.slice(0, 12)), `${f} prints the token`);
    }
    const json = JSON.parse(scan('json').stdout) as { suppressed: { ruleId: string; suppression: { kind: string; reason: string } }[] };
    assert.deepEqual(
      json.suppressed.map((s) => [s.ruleId, s.suppression.kind, s.suppression.reason]),
      [['BW1001', 'inline', 'old token ghp_...(40 chars) was rotated']],
    );
    const sarif = JSON.parse(scan('sarif').stdout) as { runs: { results: { suppressions?: { justification: string }[] }[] }[] };
    assert.deepEqual(
      sarif.runs[0]?.results.flatMap((r) => r.suppressions ?? []).map((s) => s.justification),
      ['old token ghp_...(40 chars) was rotated'],
    );
  });
});
