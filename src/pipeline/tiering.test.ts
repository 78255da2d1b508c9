// deferOptimisation, allowOptimisation and allowOptimisationFor switch V8's TurboFan off and on. Checked in a child
// Node.js run with --trace-opt, which prints a line for each function TurboFan finishes: a hot loop is not
// optimised while deferred, and is once allowed again; the build's code-cache run and a user's own tiering option
// (`node --no-turbofan`) are left alone.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { OPTIMISE_MIN_BYTES, OPTIMISE_MIN_FILES } from './tiering.js';

const TIERING = new URL('./tiering.js', import.meta.url).href;
const dir = mkdtempSync(join(tmpdir(), 'bulwark-tiering-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs `hot` (a loop TurboFan always takes) after `before`, in a child with --trace-opt and `nodeOptions`;
 * returns its trace lines for `hot`.
 */
function optimised(before: string, env: Record<string, string> = {}, nodeOptions: string[] = []): string[] {
  const script = `
    import { allowOptimisation, allowOptimisationFor, deferOptimisation } from ${JSON.stringify(TIERING)};
    function hot(n) { let s = 0; for (let i = 0; i < n; i++) s = (s + i * 7) % 1000003; return s; }
    ${before}
    for (let k = 0; k < 200; k++) hot(20000);
  `;
  const r = spawnSync(process.execPath, ['--trace-opt', ...nodeOptions, '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, BULWARK_CODE_CACHE_OUT: '', ...env },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  return r.stdout.split('\n').filter((l) => /completed optimizing \S* ?<JSFunction hot /.test(l));
}

describe('tiering', () => {
  it('lets V8 optimise a hot function by default', () => {
    assert.ok(optimised('').length > 0);
  });

  it('keeps TurboFan off after deferOptimisation', () => {
    assert.deepEqual(optimised('deferOptimisation();'), []);
  });

  it('turns TurboFan back on with allowOptimisation', () => {
    assert.ok(optimised('deferOptimisation(); allowOptimisation();').length > 0);
  });

  it('changes nothing in the build run that records the code cache', () => {
    assert.ok(optimised('deferOptimisation();', { BULWARK_CODE_CACHE_OUT: '/nonexistent/cache' }).length > 0);
  });

  it('turns TurboFan on for OPTIMISE_MIN_FILES files, not for one fewer small ones', () => {
    const files = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => join(dir, `missing-${i}.yaml`)));
    assert.deepEqual(optimised(`deferOptimisation(); allowOptimisationFor(${files(OPTIMISE_MIN_FILES - 1)});`), []);
    assert.ok(optimised(`deferOptimisation(); allowOptimisationFor(${files(OPTIMISE_MIN_FILES)});`).length > 0);
  });

  it('turns TurboFan on for OPTIMISE_MIN_BYTES of input in fewer files', () => {
    const big = join(dir, 'big.yaml');
    const small = join(dir, 'small.yaml');
    writeFileSync(big, 'x'.repeat(OPTIMISE_MIN_BYTES));
    writeFileSync(small, 'x'.repeat(OPTIMISE_MIN_BYTES - 1));
    assert.ok(optimised(`deferOptimisation(); allowOptimisationFor(${JSON.stringify([big])});`).length > 0);
    assert.deepEqual(optimised(`deferOptimisation(); allowOptimisationFor(${JSON.stringify([small, join(dir, 'none')])});`), []);
  });

  it("leaves a user's own V8 tiering option alone (node --no-turbofan)", () => {
    assert.deepEqual(optimised('deferOptimisation(); allowOptimisationFor(Array(100).fill("x")); allowOptimisation();', {}, ['--no-turbofan']), []);
    assert.deepEqual(optimised('deferOptimisation(); allowOptimisation();', {}, ['--no_opt']), []);
  });
});
