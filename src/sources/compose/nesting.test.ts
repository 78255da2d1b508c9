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
    // A quote inside a plain scalar is not a quote, and brackets inside a plain scalar are text (YAML reads
    // `it's [[[x]]]` as one string); in a flow collection, # not after a blank is not a comment.
    assert.equal(flowNestingOverflow("a: it's [[[x]]]\n", 2), -1);
    assert.equal(flowNestingOverflow('a: x#[[[y]]]\n', 2), -1);
    assert.equal(flowNestingOverflow("a: [it's, [[x]]]\n", 2), 11);
    assert.equal(flowNestingOverflow('a: [x#, [[y]]]\n', 2), 9);
    // An unclosed quote or a comment to the end of the text ends the scan.
    assert.equal(flowNestingOverflow('a: "[[[[', 1), -1);
    assert.equal(flowNestingOverflow('# [[[[', 1), -1);
  });
});

describe('flowNestingOverflow: only brackets YAML reads as flow collections count', () => {
  const deep = (n: number) => `${'['.repeat(n)}x${']'.repeat(n)}`;
  it('does not count brackets in a block scalar, and counts them again after it ends', () => {
    const script = `services:\n  s:\n    image: nginx:1\n    command: |\n${'      echo [ >> /tmp/log\n'.repeat(300)}    user: "1000"\n`;
    assert.equal(flowNestingOverflow(script, 256), -1);
    assert.equal(flowNestingOverflow(`a: >-\n  [[[[\n\n  {{{{\nb: ${deep(4)}\n`, 3), 27);
    // A block scalar after `- ` is owned by the dash: its content is any line indented more than the dash.
    assert.equal(flowNestingOverflow('x:\n  - |\n   [[[[\n  - [[[[y]]]]\n', 3), 24);
    // After `- k: `, the key owns it: a line at the key's column is the next key of that mapping.
    assert.equal(flowNestingOverflow('x:\n  - k: |2-\n      [[[[\n\n      [[[[\n  - k2: 1\n', 3), -1);
    assert.equal(flowNestingOverflow('x:\n  - k: |\n      [[[[\n    j: [[[[x]]]]\n', 3), 33);
    assert.equal(flowNestingOverflow('x: !!str |\n  [[[[\n', 3), -1);
  });
  it('does not count brackets in a plain scalar, a comment or a quoted scalar spanning lines', () => {
    assert.equal(flowNestingOverflow(`${'c: echo [ >> log\n'.repeat(300)}`, 256), -1);
    assert.equal(flowNestingOverflow('a: "x\n  [[[[ y"\nb: 1 # [[[[\n# [[[[\n', 3), -1);
    assert.equal(flowNestingOverflow("a: 'x\n  [[[['\n", 3), -1);
  });
  it('counts a flow collection where a node starts: after a key, a dash, an anchor, a tag, a quoted key or ---', () => {
    assert.equal(flowNestingOverflow(`a: ${deep(4)}\n`, 3), 6);
    assert.equal(flowNestingOverflow(`- - ${deep(4)}\n`, 3), 7);
    assert.equal(flowNestingOverflow(`a: &x !t ${deep(4)}\n`, 3), 12);
    assert.equal(flowNestingOverflow(`"a b": ${deep(4)}\n`, 3), 10);
    assert.equal(flowNestingOverflow(`--- ${deep(4)}\n`, 3), 7);
    assert.equal(flowNestingOverflow(`? a\n: ${deep(4)}\n`, 3), 9);
    // Levels that close do not add up; a flow collection over several lines is one.
    assert.equal(flowNestingOverflow('a: [\n  [\n    [x]],\n  [y]]\nb: [[[z]]]\n', 3), -1);
    assert.equal(flowNestingOverflow('a: [\n  [\n    [[x]]]]\n', 3), 14);
  });
  it('stays linear on long lines of brackets in any context', () => {
    const n = 200_000;
    const t0 = performance.now();
    flowNestingOverflow(`a: x${'['.repeat(n)}\n`, 256);
    flowNestingOverflow(`a: |\n  ${'['.repeat(n)}\n`, 256);
    flowNestingOverflow(`a: ${'[]'.repeat(n)}\n`, 256);
    flowNestingOverflow(`${'a: b: '.repeat(n)}\n`, 256);
    assert.ok(performance.now() - t0 < 2000);
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
