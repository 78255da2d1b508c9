// Files in a folder the user cannot enter (chmod 000): the error says permission denied, never "not found", and
// blames the file that cannot be read. The CLI runs as an unprivileged user (see helpers/unprivileged.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { bulwarkUnprivileged, sharedTempDir, UNPRIVILEGED } from '../helpers/unprivileged.js';

const root = sharedTempDir('bulwark-locked-');
after(() => {
  spawnSync('chmod', ['-R', 'u+rwX', root]);
  rmSync(root, { recursive: true, force: true });
});
const skip = typeof UNPRIVILEGED === 'string' ? UNPRIVILEGED : false;

/** A folder every user can read, with compose.yaml and `sec/` holding these files, `sec` then made mode 000. */
function locked(secFiles: Record<string, string>, compose = 'services:\n  web:\n    image: nginx:1.27\n'): string {
  const dir = join(root, `t${Math.random().toString(36).slice(2)}`);
  mkdirSync(join(dir, 'sec'), { recursive: true });
  writeFileSync(join(dir, 'compose.yaml'), compose);
  for (const [name, text] of Object.entries(secFiles)) writeFileSync(join(dir, 'sec', name), text);
  spawnSync('chmod', ['-R', 'a+rX', dir]);
  chmodSync(join(dir, 'sec'), 0o000);
  return dir;
}

describe('a policy file in a folder that cannot be entered', () => {
  it('--config: permission denied, not "no such file"', { skip }, () => {
    const dir = locked({ 'bulwark.yaml': 'rules: {}\n' });
    const r = bulwarkUnprivileged(dir, ['scan', 'compose.yaml', '--config', 'sec/bulwark.yaml']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'bulwark: --config: permission denied: sec/bulwark.yaml\n');
  });

  it('--baseline: permission denied, with no advice to create it', { skip }, () => {
    const dir = locked({ 'base.json': '{}\n' });
    const r = bulwarkUnprivileged(dir, ['scan', 'compose.yaml', '--baseline', 'sec/base.json']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'bulwark: baseline: permission denied: sec/base.json\n');
  });
});

describe('an include in a folder that cannot be entered', () => {
  it('is the included file that cannot be read, not a .env that may not be there', { skip }, () => {
    const dir = locked({ 'inc.yaml': 'services:\n  inc:\n    image: nginx:1.27\n' }, 'include: [sec/inc.yaml]\nservices:\n  web:\n    image: nginx:1.27\n');
    const r = bulwarkUnprivileged(dir, ['scan', 'compose.yaml', '-f', 'json']);
    assert.equal(r.code, 2, r.stderr);
    const report = JSON.parse(r.stdout) as { errors: { code: string; message: string; at: { source: string; line: number; column: number } }[] };
    assert.deepEqual(
      report.errors.map((e) => `${e.code} ${e.at.source}:${e.at.line}:${e.at.column} ${e.message}`),
      ['unreadable compose.yaml:1:11 include: cannot read "sec/inc.yaml": permission denied'],
    );
  });
});
