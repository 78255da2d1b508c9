import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonPieces, piecewise } from './json-pieces.js';

describe('jsonPieces', () => {
  it('gives exactly JSON.stringify(value, null, 2), small or with long arrays at any depth', () => {
    const finding = (i: number) => ({ id: `BW${i}`, at: { line: i, col: 1 }, tags: ['a', 'b'], none: undefined, note: 'x\ny "q"' });
    const long = Array.from({ length: 3000 }, (_, i) => finding(i));
    const values: unknown[] = [
      {},
      [],
      { a: 1, b: [], c: {}, d: null, e: undefined, f: 'é\u2028' },
      { version: 2, findings: long, errors: [] },
      { runs: [{ tool: { name: 't' }, results: long, props: { empty: [] } }] },
      [long, [undefined, () => 1, 3]],
      Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? undefined : i)),
    ];
    for (const v of values) {
      const pieces = piecewise(v, 4096);
      assert.equal(pieces.join(''), JSON.stringify(v, null, 2));
      if (JSON.stringify(v).length > 100_000) assert.ok(pieces.length > 10, 'long values come in several pieces');
      // A text that fits in one string comes whole, from the native serialiser.
      assert.deepEqual(jsonPieces(v, 4096), [JSON.stringify(v, null, 2)]);
    }
  });
});
