// Baselines as a first-time user meets them: the line --write-baseline prints, a corrupted baseline said in words.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-h3-baseline-'));
after(() => rmSync(root, { recursive: true, force: true }));
// One finding only: every other runtime rule is satisfied.
writeFileSync(
  join(root, 'compose.yaml'),
  `services:
  a:
    image: nginx:1.27@sha256:${'0'.repeat(64)}
    read_only: true
    user: "10001:10001"
    cap_drop: [ALL]
    security_opt: ["no-new-privileges:true"]
    mem_limit: 256m
    cpus: 1
    pids_limit: 100
    restart: on-failure:5
    healthcheck:
      test: ["CMD", "true"]
    logging:
      driver: local
    privileged: true
`,
);

function bulwark(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('baseline', () => {
  it('--write-baseline says how many findings it wrote, in the singular for one', () => {
    const w = bulwark(['scan', '.', '--write-baseline', 'b.json', '-q']);
    assert.deepEqual(w, { code: 0, stdout: 'No findings, 1 suppressed in 1 file, 1 subject checked.\n', stderr: '' });
    const loud = bulwark(['scan', '.', '--write-baseline', 'b.json', '-f', 'json', '-o', 'r.json']);
    assert.deepEqual(loud, { code: 0, stdout: '', stderr: 'bulwark: wrote 1 finding to b.json\n' });
    assert.deepEqual(bulwark(['scan', '.', '--baseline', 'b.json', '-q']), {
      code: 0,
      stdout: 'No findings, 1 suppressed in 1 file, 1 subject checked.\n',
      stderr: '',
    });
  });

  it('a baseline cut short is a located input error in words (exit 2); the findings are reported', () => {
    writeFileSync(join(root, 'cut.json'), '{"version": 2, "findings": [\n');
    const r = bulwark(['scan', '.', '--baseline', 'cut.json', '-q']);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(
      r.stdout,
      [
        'compose.yaml',
        '  16:17    critical Service "a" runs privileged.  BW1001 no-privileged',
        '',
        'cut.json',
        '  2:1      error    baseline is not valid JSON: a closing ] was expected (rewrite it with --write-baseline, or fix it by hand)  json-syntax',
        '',
        '1 finding (1 critical), 1 input error in 1 file, 1 subject checked.',
        '',
      ].join('\n'),
    );
  });
});
