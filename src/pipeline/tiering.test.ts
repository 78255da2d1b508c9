// deferOptimisation and allowOptimisation switch V8's TurboFan off and on. Checked in a child Node.js run with
// --trace-opt, which prints a line for each function TurboFan finishes: a hot loop is not optimised while
// deferred, and is once allowed again; in the build's code-cache run (BULWARK_CODE_CACHE_OUT) nothing changes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

const TIERING = new URL('./tiering.js', import.meta.url).href;

/** Runs `hot` (a loop TurboFan always takes) after `before`, in a child with --trace-opt; returns its trace lines. */
function optimised(before: string, env: Record<string, string> = {}): string[] {
  const script = `
    import { allowOptimisation, deferOptimisation } from ${JSON.stringify(TIERING)};
    function hot(n) { let s = 0; for (let i = 0; i < n; i++) s = (s + i * 7) % 1000003; return s; }
    ${before}
    for (let k = 0; k < 200; k++) hot(20000);
  `;
  const r = spawnSync(process.execPath, ['--trace-opt', '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  assert.equal(r.status, 0, r.stderr);
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
    const env = { BULWARK_CODE_CACHE_OUT: '/nonexistent/cache' };
    assert.ok(optimised('deferOptimisation();', env).length > 0);
  });
});
