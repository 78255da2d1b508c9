import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockNestingOverflow, deepestLineStart, flowNestingOverflow } from './nesting.js';

describe('flowNestingOverflow', () => {
  it('returns the bracket that opens the level past the limit', () => {
    assert.equal(flowNestingOverflow('a: [[[x]]]', 3), -1);
    assert.equal(flowNestingOverflow('a: [[[[x]]]]', 3), 6);
    assert.equal(flowNestingOverflow('a: [{b: [{c: 1}]}]', 3), 9);
    // Closed levels do not add up.
    assert.equal(flowNestingOverflow('a: [[[x]]]\nb: [[[y]]]\nc: {d: [e]}\n', 3), -1);
    assert.equal(flowNestingOverflow(']]]] [[[x', 3), -1);
  });
  it('skips quoted scalars and comments', () => {
    assert.equal(flowNestingOverflow('a: "[[[[" # [[[[\nb: \'[[[[\'\n', 1), -1);
    assert.equal(flowNestingOverflow("a: [\"x\\\"[[[[\", 'it''s [[[[']\n", 1), -1);
    assert.equal(flowNestingOverflow('a: [x, "]]]]", [[y]]]\n', 2), 16);
    // A quote inside a plain scalar is not a quote; # not after a blank is not a comment.
    assert.equal(flowNestingOverflow("a: it's [[[x]]]\n", 2), 10);
    assert.equal(flowNestingOverflow('a: x#[[[y]]]\n', 2), 7);
    // An unclosed quote or a comment to the end of the text ends the scan.
    assert.equal(flowNestingOverflow('a: "[[[[', 1), -1);
    assert.equal(flowNestingOverflow('# [[[[', 1), -1);
  });
});

describe('blockNestingOverflow', () => {
  it('counts indentation levels and compact indicators', () => {
    assert.equal(blockNestingOverflow('a:\n  b:\n    c: 1\n  d: 2\n', 3), -1);
    assert.equal(blockNestingOverflow('a:\n  b:\n    c: 1\n  d: 2\n', 2), 12);
    assert.equal(blockNestingOverflow('a:\n  - - - x\n', 3), 7);
    assert.equal(blockNestingOverflow('a:\n  - ? - x\n', 5), -1);
    assert.equal(blockNestingOverflow('a:\n  - ? - x\n', 4), 9);
    // Levels close when a line starts left of them; comments and blank lines do not count.
    assert.equal(blockNestingOverflow('a:\n b:\n  c: 1\nd:\n e:\n  f: 1\n', 3), -1);
    assert.equal(blockNestingOverflow('a:\n\n          # x\n b: 1\n', 2), -1);
    assert.equal(blockNestingOverflow('', 1), -1);
  });
});

describe('deepestLineStart', () => {
  it('finds the content that starts furthest right, compact indicators counted as indentation', () => {
    assert.equal(deepestLineStart('a:\n  b:\n    c: 1\n  d: 2\n'), 12);
    assert.equal(deepestLineStart('a:\n  - - - x\n    - y\n'), 11);
    assert.equal(deepestLineStart('a:\n      # deep comment\n  b: 1\n'), 26);
    assert.equal(deepestLineStart('x'), 0);
  });
});
