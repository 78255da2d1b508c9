import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ValuePiece } from '../../model/index.js';
import { InterpolationError, interpolate, readDotEnv } from './interpolate.js';

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
    ['${EMPTY:?set it}', 'required variable EMPTY is empty'],
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
    assert.equal(message('nginx:${TAG'), 'unclosed "${" at character 7 of the value: close it with "}", or write "$$" for a literal "$"');
    assert.equal(message('Xy${k9hunter2hunter2SECRETVAL'), 'unclosed "${" at character 3 of the value: close it with "}", or write "$$" for a literal "$"');
    assert.equal(message('${TAG:x}'), 'invalid interpolation "${TAG:x}"');
    assert.equal(message('${1X}'), 'invalid interpolation "${1X}"');
  });

  it('with runs: where the value as written (each variable as its expression) copies the text', () => {
    const runs = (text: string) => (interpolate(text, env, { runs: true }).runs ?? []).map((r) => `${r.index}<${r.from}+${r.length}`);
    // `$x-` then `$TAG`, `$EMPTY` where written: one run after the `$` read from `$$`.
    assert.deepEqual(runs('$$x-$TAG$EMPTY'), ['1<2+12']);
    // `db` is the default's text (inside the braces); `${HOST}` inside it is where it is written.
    assert.deepEqual(runs('${MISSING:-${HOST}:5432}/${MISSING:-d}'), ['0<11+12', '12<24+1', '13<36+1']);
    // A variable without a value is its expression; a `$` that starts no variable is itself.
    assert.deepEqual(runs('a $ ${MISSING} $$'), ['0<0+15']);
    assert.deepEqual(runs('plain'), ['0<0+5']);
  });
});

describe('readDotEnv (compose-go dotenv)', () => {
  const values = (text: string, lookup: Record<string, string> = {}) => {
    const r = readDotEnv(text, (name) => lookup[name]);
    return { vars: Object.fromEntries(r.entries.map((e) => [e.name, e.value ?? `<${e.unknown?.reason}>`])), problem: r.problem };
  };

  it('reads KEY=VALUE, export, comments, quotes, inline comments and a key alone', () => {
    const text = ['# comment', 'A=1', 'export B=two', "C='lit $X'", 'D="line\\nnext"', 'E=val # note', 'F=', 'G: yaml style', 'H=a#b', 'INHERITED', ''].join(
      '\n',
    );
    assert.deepEqual(values(text, { INHERITED: 'from env' }), {
      vars: { A: '1', B: 'two', C: 'lit $X', D: 'line\nnext', E: 'val', F: '', G: 'yaml style', H: 'a#b', INHERITED: 'from env' },
      problem: undefined,
    });
  });

  it('a double-quoted value written across lines is read whole, and the next key after it', () => {
    const r = values('PW="line1\nline2\n  line3"\nNEXT=after\nS=\'a\nb\'\n');
    assert.deepEqual(r.vars, { PW: 'line1\nline2\n  line3', NEXT: 'after', S: 'a\nb' });
  });

  it('interpolates unquoted and double-quoted values from the environment, then earlier keys; single quotes stay literal', () => {
    const text = [
      'HOST=db',
      'URL=postgres://${HOST}:${PORT:-5432}/app',
      'Q="${HOST}-$HOST"',
      "L='${HOST}'",
      'E=\\$HOST',
      'D="\\$HOST $$HOST"',
      'W=${FROM_ENV}',
    ].join('\n');
    assert.deepEqual(values(text, { FROM_ENV: 'env wins', HOST: 'ignored?' }).vars, {
      HOST: 'db',
      URL: 'postgres://ignored?:5432/app',
      Q: 'ignored?-ignored?',
      L: '${HOST}',
      E: '\\ignored?',
      D: '$HOST $HOST',
      W: 'env wins',
    });
    assert.deepEqual(values(text).vars.URL, 'postgres://db:5432/app');
  });

  it('a value made from a variable that is not set cannot be known (compose would read an empty string)', () => {
    assert.deepEqual(values('A=x${NOPE}\nB=${A}\nC=${NOPE:-dflt}\n').vars, {
      A: '<variable NOPE is not set>',
      B: '<variable A cannot be known: variable NOPE is not set>',
      C: 'dflt',
    });
  });

  it('compose refuses the file at the first problem, with what was read before it', () => {
    const problem = (text: string) => {
      const r = readDotEnv(text);
      return r.problem && `${r.problem.code} ${r.problem.start}-${r.problem.end} ${r.problem.message} | ${r.entries.map((e) => e.name).join(',')}`;
    };
    assert.equal(problem('A=1\nB=${NOPE:?boom}\nC=2\n'), 'invalid-interpolation 6-19 required variable NOPE is missing a value: "boom" | A');
    assert.equal(problem('A=1\nB="x${NOPE?}"\n'), 'invalid-interpolation 8-16 required variable NOPE is missing a value | A');
    assert.equal(problem('A=""\nB=${A:?empty}\n'), 'invalid-interpolation 7-18 required variable A is missing a value: "empty" | A');
    assert.equal(problem('A="open\nB=2\n'), 'invalid-value 2-7 unterminated quoted value | ');
    assert.equal(problem('bad line\n'), 'invalid-value 0-8 a variable name cannot contain a space | ');
    assert.equal(problem('A=1\nB$=2\n'), 'invalid-value 5-6 unexpected character "$" in a variable name | A');
  });
});
