import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { execWord, isPlaceholderSecret, LITERAL_BACKQUOTE, LITERAL_DOLLAR, literalValue, shellWordValue, writtenIndex } from './secret-text.js';

/** shellWordValue of a whole text, each LITERAL_DOLLAR shown as `¤` (a `$` that is a character), each LITERAL_BACKQUOTE as `´`. */
function read(word: string, expandedBefore?: (i: number) => boolean): string | undefined {
  return shellWordValue(word, 0, word.length, expandedBefore)?.replaceAll(LITERAL_DOLLAR, '¤').replaceAll(LITERAL_BACKQUOTE, '´');
}

describe('shellWordValue', () => {
  const cases: [string, string | undefined][] = [
    // Quotes and escapes are taken off; an escaped quote is a character of the value.
    ['"ab\\"cdefghijklmn"', 'ab"cdefghijklmn'],
    ['\'ab"cd\'"ef"gh', 'ab"cdefgh'],
    ['ab\\ cd', 'ab cd'],
    ['"a\\b"', 'a\\b'],
    // An escaped or single-quoted `$` is a character, unless it starts what may be expanded later.
    ['"ab\\$cdefgh12"', 'ab¤cdefgh12'],
    ['ab\\$cdefgh12', 'ab¤cdefgh12'],
    ["'ab$$cdefgh12'", 'ab¤¤cdefgh12'],
    ['\\$NPM_TOKEN', '$NPM_TOKEN'],
    ["'$PW'", '$PW'],
    ['"\\$(cat f)"', '$(cat f)'],
    // A backquote in single quotes or escaped is a character; one the shell reads starts a command substitution.
    ["'ab`cd'", 'ab´cd'],
    ['"ab\\`cd"', 'ab´cd'],
    ['"ab`id`"', 'ab`id`'],
    // Expansions stay as written; a `$` that starts none is a character.
    ['"ab$$cdefgh12"', 'ab$$cdefgh12'],
    ['"$?"', '$?'],
    ['ab$1cd', 'ab$1cd'],
    ['"$PW"', '$PW'],
    ['"pa$"', 'pa¤'],
    ['pa$-', 'pa$-'],
    // A quote left open.
    ['"abc', undefined],
    ["'abc", undefined],
    // A special parameter in braces is written as without them; `$$` is one expansion, whatever follows it.
    ['"ab${?}cd"', 'ab$?cd'],
    ['ab${#}cd${@}', 'ab$#cd$@'],
    ['"ab$${?}cd"', 'ab$${?}cd'],
    ['"${?x}"', '${?x}'],
    ["'ab${?}cd'", 'ab${?}cd'],
    // A backslash that is a character of the value escapes the `$` after it for a later shell: a character.
    ["'ab\\$cd'", 'ab\\¤cd'],
    ["'ab\\\\$cd'", 'ab\\\\$cd'],
  ];
  for (const [word, value] of cases) it(`reads ${word}`, () => assert.equal(read(word), value));

  it('reads a $ an outer shell expanded as an expansion, single quotes included', () => {
    assert.equal(
      read("'ab$$cd'", (i) => i === 3 || i === 4),
      'ab$$cd',
    );
    assert.equal(read("'ab$$cd'"), 'ab¤¤cd');
  });
});

describe('literalValue', () => {
  const cases: [string, boolean][] = [
    ['ab$$cdefgh12', true],
    ['ab$?cdefgh12', true],
    [`ab${LITERAL_DOLLAR}cdefgh12`, true],
    ['$$', false],
    ['$?', false],
    ['$1', false],
    ['$@', false],
    ['$*$#$!$-$0', false],
    ['$$DB_PASSWORD', false],
    ['pre$$TOKEN', false],
    ['ab$PWcd', false],
    ['ab$$`id`', false],
    // A special parameter in braces is the same expansion as without them.
    ['ab${?}cdefgh12', true],
    ['ab${$}cd${#}efgh${!}12${-}', true],
    ['${?}', false],
    ['${?x}cdefgh12', false],
    // The positional parameters are text given from outside the line: a value with one is not known.
    ['ab$1cdefgh12', false],
    ['ab$@cdefgh12', false],
    ['$@x', false],
    ['x$*', false],
    ['ab$0cdefgh12', false],
    ['ab${1}cdefgh12', false],
    ['ab${@}cdefgh12', false],
  ];
  for (const [value, literal] of cases) it(`judges ${value}`, () => assert.equal(literalValue(value), literal));
});

describe('isPlaceholderSecret', () => {
  it('takes my- values for passwords, and your- values, changeme and <...> for placeholders', () => {
    assert.equal(isPlaceholderSecret('my-secret-pw'), false);
    assert.equal(isPlaceholderSecret('my_password'), false);
    for (const v of ['your-api-key-here', 'your_password', 'changeme', 'CHANGEME', '<password>', 'xxx']) assert.equal(isPlaceholderSecret(v), true, v);
  });
});

describe('execWord', () => {
  it('writes an argument no shell reads as a word that reads back as it, quoted from its first shell character on', () => {
    for (const [t, word] of [
      ['--password', '--password'],
      ["--password=O'Brien", "--password=O''\\''Brien'"],
      ['ab\\$cd', "ab'\\$cd'"],
      ['a b', "a' b'"],
      ["'x", "''\\''x'"],
    ]) {
      const w = execWord(t as string);
      assert.equal(w, word);
      assert.equal(read(w)?.replaceAll('¤', '$'), t);
    }
  });

  it('maps each index of the word to the character of the argument it writes', () => {
    const t = "-pO'B";
    // -pO''\''B'
    assert.deepEqual(
      Array.from({ length: execWord(t).length + 1 }, (_, i) => writtenIndex(t, i)),
      [0, 1, 2, 3, 3, 3, 3, 3, 4, 5, 5],
    );
    assert.equal(writtenIndex('--password', 4), 4);
  });
});
