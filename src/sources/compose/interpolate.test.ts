import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InterpolationError, interpolate, parseDotEnv } from './interpolate.js';

const env = new Map([
  ['TAG', '1.27'],
  ['EMPTY', ''],
  ['HOST', 'db'],
]);

describe('interpolate (compose-spec Interpolation)', () => {
  const known: [string, string][] = [
    ['nginx:$TAG', 'nginx:1.27'],
    ['nginx:${TAG}', 'nginx:1.27'],
    ['${MISSING:-1.0}', '1.0'],
    ['${EMPTY:-dflt}', 'dflt'],
    ['${EMPTY-dflt}', ''],
    ['${MISSING-dflt}', 'dflt'],
    ['${TAG:+set}', 'set'],
    ['${EMPTY:+set}', ''],
    ['${EMPTY+set}', 'set'],
    ['${MISSING+set}', ''],
    ['${TAG:?required}', '1.27'],
    ['$$TAG', '$TAG'],
    ['cost: $$5', 'cost: $5'],
    ['${MISSING:-${HOST}:5432}', 'db:5432'],
    ['a $ b', 'a $ b'],
  ];
  for (const [text, want] of known) {
    it(text, () => {
      const r = interpolate(text, env);
      assert.equal(r.unknown, undefined);
      assert.equal(r.value, want);
    });
  }
  const unknowns: [string, string][] = [
    ['$MISSING', 'variable MISSING is not set'],
    ['nginx:${MISSING}', 'variable MISSING is not set'],
    ['${MISSING:?set it}', 'required variable MISSING is not set'],
    ['${EMPTY:?set it}', 'required variable EMPTY is not set'],
    ['${MISSING:-${ALSO_MISSING}}', 'variable ALSO_MISSING is not set'],
  ];
  for (const [text, reason] of unknowns) {
    it(`${text} is unknown, never guessed`, () => assert.equal(interpolate(text, env).unknown?.reason, reason));
  }
  it('records use of the environment (values may be secrets)', () => {
    assert.equal(interpolate('${TAG}', env).usedEnv, true);
    assert.equal(interpolate('${MISSING:-x}', env).usedEnv, false);
  });
  for (const bad of ['${TAG', '${}', '${1X}', '${TAG:x}']) it(`refuses ${bad}`, () => assert.throws(() => interpolate(bad, env), InterpolationError));
});

describe('parseDotEnv', () => {
  it('reads compose .env syntax', () => {
    const m = parseDotEnv(['# comment', 'A=1', 'export B=two', "C='lit $X'", 'D="line\\nnext"', 'E=val # note', 'F=', 'bad line'].join('\n'));
    assert.deepEqual(Object.fromEntries(m), { A: '1', B: 'two', C: 'lit $X', D: 'line\nnext', E: 'val', F: '' });
  });
});
