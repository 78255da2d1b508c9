import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sourceMappedStack } from './source-stack.js';

describe('sourceMappedStack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-stack-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const bundle = join(dir, 'bundle.cjs');
  // Generated line 1: column 0 comes from src/a.ts 1:1, column 10 from src/a.ts 2:3 ("AAAA,UACE").
  writeFileSync(`${bundle}.map`, JSON.stringify({ version: 3, sources: ['src/a.ts'], names: [], mappings: 'AAAA,UACE' }));

  it('gives each frame of a bundle with a source map its source position, and keeps the bundle position', () => {
    const stack = `TypeError: boom\n    at scan (${bundle}:1:11)\n    at ${bundle}:1:1`;
    assert.equal(sourceMappedStack(stack), `TypeError: boom\n    at scan (${dir}/src/a.ts:2:3 [${bundle}:1:11])\n    at ${dir}/src/a.ts:1:1 [${bundle}:1:1]`);
  });

  it('leaves Node.js frames, files without a map and a broken map as they are', () => {
    writeFileSync(join(dir, 'broken.cjs.map'), '{not json');
    const stack = `Error: x\n    at Module._compile (node:internal/modules/cjs/loader:1482:14)\n    at f (${join(dir, 'none.cjs')}:3:4)\n    at g (${join(dir, 'broken.cjs')}:1:1)`;
    assert.equal(sourceMappedStack(stack), stack);
  });
});
