import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closingQuote, insideQuotes, quotingAt, quotingScanner } from './shell-scan.js';

/**
 * The rules of shell-scan.ts read from the text's start for one index, the plain way: the reference the one-pass
 * quotingScanner is compared with.
 */
function quotingFromStart(text: string, index: number): { quote?: '"' | "'"; escaped: boolean } {
  for (let i = 0; i < index; i++) {
    const c = text[i];
    if (c === '\\') {
      if (i + 1 === index) return { escaped: true };
      i++;
    } else if (c === '"' || c === "'") {
      const close = closingQuote(text, i);
      if (close < index) {
        i = close;
        continue;
      }
      if (c === "'") return { quote: "'", escaped: false };
      for (let k = i + 1; k < index; k++) {
        if (text[k] !== '\\') continue;
        if (k + 1 === index) return { quote: '"', escaped: true };
        k++;
      }
      return { quote: '"', escaped: false };
    }
  }
  return { escaped: false };
}

describe('shell quoting', () => {
  const closing: [string, number, number][] = [
    [`'a' b`, 0, 2],
    [`'a\\' b'`, 0, 3],
    [`"a" b`, 0, 2],
    [`"a\\"b" c`, 0, 5],
    [`"a\\\\" b"`, 0, 4],
    [`x "it's" y`, 2, 7],
    [`'it"s' y`, 0, 5],
    [`"open`, 0, 5],
    [`'open`, 0, 5],
    [`"ends in \\`, 0, 10],
  ];
  for (const [text, open, want] of closing) {
    it(`closes ${text} (from ${open}) at ${want}`, () => assert.equal(closingQuote(text, open), want));
  }

  // `^` marks the index asked about.
  const inside: [string, boolean][] = [
    ['^echo "x"', false],
    ['echo ^"x"', false],
    ['echo "^x"', true],
    ['echo "x^"', true],
    ['echo "x"^ y', false],
    [`echo 'a \\' ^b`, false],
    [`echo "a \\" ^b"`, true],
    [`echo \\" ^b`, false],
    [`echo \\' "^`, true],
    [`echo "it's" ^b`, false],
    [`echo 'never closed ^`, true],
  ];
  for (const [marked, want] of inside) {
    const index = marked.indexOf('^');
    const text = marked.slice(0, index) + marked.slice(index + 1);
    it(`${marked}: ${want ? 'inside' : 'outside'} quotes`, () => assert.equal(insideQuotes(text, index), want));
  }

  it('quotingScanner answers as a plain read from the start, at every index asked in order, and so does quotingAt (1,000 random texts of quotes, backslashes and words)', () => {
    let seed = 7;
    const pick = (n: number): number => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const parts = ['"', "'", '\\', 'a', ' ', '\\"', "\\'", '$x', '\n'];
    for (let t = 0; t < 1000; t++) {
      const text = Array.from({ length: 1 + pick(20) }, () => parts[pick(parts.length)]).join('');
      const at = quotingScanner(text);
      for (let i = 0; i <= text.length; i++) {
        const want = quotingFromStart(text, i);
        assert.deepEqual(at(i), want, `${JSON.stringify(text)} at ${i}`);
        assert.deepEqual(quotingAt(text, i), want, `${JSON.stringify(text)} at ${i}, one call`);
      }
    }
  });
});
