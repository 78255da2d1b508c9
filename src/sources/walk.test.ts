import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { walk } from './walk.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-walk-'));
after(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'b', '.git'), { recursive: true });
writeFileSync(join(root, 'stack.yml'), 'services: {}\n');
writeFileSync(join(root, 'b', 'compose.yaml'), 'services: {}\n');
writeFileSync(join(root, 'b', '.git', 'config'), '[core]\n');

describe('walk', () => {
  it('lists each file once, sorted by name, without VCS folders, even when a path is named twice', () => {
    const r = walk(['.', 'stack.yml', 'b/compose.yaml', 'missing.yml'], root);
    assert.deepEqual(r.files, [join(root, 'b', 'compose.yaml'), join(root, 'stack.yml')]);
    assert.deepEqual(r.missing, [{ path: 'missing.yml', reason: 'no such file or folder' }]);
  });
});
