import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ValuePiece } from '../../model/index.js';
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

  it('keeps the value in pieces: text from the file, and each variable with its value', () => {
    const secrets = new Map([...env, ['DB_PASSWORD', 'hunter2hunter2SECRETVAL']]);
    const pieces: [string, ValuePiece[]][] = [
      ['nginx:1.27', [{ text: 'nginx:1.27' }]],
      ['${DB_PASSWORD}:80', [{ text: 'hunter2hunter2SECRETVAL', variable: '${DB_PASSWORD}' }, { text: ':80' }]],
      ['$$x-$TAG$EMPTY', [{ text: '$x-' }, { text: '1.27', variable: '$TAG' }, { text: '', variable: '$EMPTY' }]],
      // A default is text from the file; a variable inside it is a variable.
      ['${MISSING:-${HOST}:5432}', [{ text: 'db', variable: '${HOST}' }, { text: ':5432' }]],
      ['${TAG:-x}/${TAG:+alt}', [{ text: '1.27', variable: '${TAG:-x}' }, { text: '/alt' }]],
    ];
    for (const [text, want] of pieces) assert.deepEqual(interpolate(text, secrets).pieces, want, text);
  });

  it('quotes what it refuses through quoteValue (a URL password is masked)', () => {
    const message = (text: string) => {
      try {
        interpolate(text, env);
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    assert.equal(message('nginx:${TAG'), 'unclosed "${" in "nginx:${TAG"');
    assert.equal(message('postgres://app:S3cr3tPassw0rdXYZ@db/${DB'), 'unclosed "${" in "postgres://app:S3cr…(17 chars)@db/${DB"');
    assert.equal(message('${TAG:x}'), 'invalid interpolation "${TAG:x}"');
    assert.equal(message('${1X}'), 'invalid interpolation "${1X}"');
  });
});

describe('parseDotEnv', () => {
  it('reads compose .env syntax', () => {
    const m = parseDotEnv(['# comment', 'A=1', 'export B=two', "C='lit $X'", 'D="line\\nnext"', 'E=val # note', 'F=', 'bad line'].join('\n'));
    assert.deepEqual(Object.fromEntries(m), { A: '1', B: 'two', C: 'lit $X', D: 'line\nnext', E: 'val', F: '' });
  });
});
