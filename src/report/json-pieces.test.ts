import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonPieces } from './json-pieces.js';

describe('jsonPieces', () => {
  const finding = (i: number) => ({ id: `BW${i}`, at: { line: i, col: 1 }, tags: ['a', 'b'], none: undefined, note: 'x\ny "q"' });
  const long = Array.from({ length: 3000 }, (_, i) => finding(i));

  it('gives exactly JSON.stringify(value, null, 2), small or with long arrays at any depth', () => {
    const values: unknown[] = [
      {},
      [],
      null,
      'text',
      { a: 1, b: [], c: {}, d: null, e: undefined, f: 'é\u2028' },
      { version: 2, findings: long, errors: [] },
      { runs: [{ tool: { name: 't' }, results: long, props: { empty: [] } }] },
      [long, [undefined, () => 1, 3]],
      { a: { b: { c: long } } },
      { only: undefined, findings: long, fn: () => 1, last: { deep: [[1, [2]], { x: [] }] } },
      Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? undefined : i)),
      Array.from({ length: 300 }, (_, i) => ({ [`k${i}`]: [i, { v: [] }] })),
    ];
    for (const v of values) {
      for (const chunk of [1, 7, 100, 5000]) assert.equal([...jsonPieces(v, chunk)].join(''), JSON.stringify(v, null, 2));
    }
  });

  it('comes in one piece without a long array, in pieces of `chunk` elements with one', () => {
    const small = { a: [1, 2, 3], b: { c: 'd' } };
    assert.deepEqual([...jsonPieces(small)], [JSON.stringify(small, null, 2)]);
    const pieces = [...jsonPieces({ version: 2, findings: long }, 100)];
    // `{ "version": `, `2`, `, "findings": `, then `[` or `,` before each of the 30 chunks, and the two closings.
    assert.equal(pieces.length, 3 + 2 * 30 + 2);
    assert.ok(Math.max(...pieces.map((p) => p.length)) < 100 * 200, 'no piece holds more than a chunk');
  });

  it('serialises a value without a long array in one native call', () => {
    const withToJson = { toJSON: () => ({ when: 'now' }) };
    assert.deepEqual([...jsonPieces({ at: withToJson, list: long })].slice(0, 1), ['{\n  "at": ']);
    assert.equal([...jsonPieces({ at: withToJson, list: long })].join(''), JSON.stringify({ at: withToJson, list: long }, null, 2));
  });
});
