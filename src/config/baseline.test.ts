import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBaseline } from './baseline.js';

const brief = (text: string) => parseBaseline(text, 'b.json').diagnostics.map((d) => `${d.code} ${d.at.source}:${d.at.line}:${d.at.column} ${d.message}`);

describe('parseBaseline: a file that is not JSON', () => {
  it('says what is wrong in words, at its line and column, and how to recover', () => {
    assert.deepEqual(brief('{"version": 2, "findings": [\n'), [
      'json-syntax b.json:2:1 baseline is not valid JSON: a closing ] was expected (rewrite it with --write-baseline, or fix it by hand)',
    ]);
    assert.deepEqual(brief('{"version": 2 "findings": []}'), [
      'json-syntax b.json:1:15 baseline is not valid JSON: a comma was expected (rewrite it with --write-baseline, or fix it by hand)',
    ]);
    assert.deepEqual(brief('// note\n{"version": 2, "findings": []}'), [
      'json-syntax b.json:1:1 baseline is not valid JSON: comments are not JSON (rewrite it with --write-baseline, or fix it by hand)',
    ]);
  });

  it('an empty file is said to be empty', () => {
    assert.deepEqual(brief('\n'), [
      'json-syntax b.json:2:1 baseline is not valid JSON: the file is empty (rewrite it with --write-baseline, or fix it by hand)',
    ]);
  });

  it('a valid file has no diagnostics', () => {
    assert.deepEqual(brief('{"version": 2, "findings": []}\n'), []);
  });
});

describe('parseBaseline: a byte order mark', () => {
  it('is read as a blank (RFC 8259 allows ignoring it), and columns of line 1 are counted after it, as editors show them', () => {
    const r = parseBaseline('\uFEFF{"version": 2, "findings": []}\n', 'b.json');
    assert.deepEqual([r.diagnostics, r.baseline], [[], { version: 2, findings: [] }]);
    assert.deepEqual(brief('\uFEFF{"version": 2 "findings": []}'), [
      'json-syntax b.json:1:15 baseline is not valid JSON: a comma was expected (rewrite it with --write-baseline, or fix it by hand)',
    ]);
  });
});
