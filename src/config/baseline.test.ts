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

describe('parseBaseline: an entry or field of the wrong shape', () => {
  const entry = (fingerprint: string) => `{"fingerprint": ${fingerprint}, "ruleId": "BW1001", "source": "compose.yaml", "message": "m"}`;
  const file = (...entries: string[]) => `{\n  "version": 2,\n  "findings": [\n${entries.map((e) => `    ${e}`).join(',\n')}\n  ]\n}\n`;

  it('a bad fingerprint is located at its value, in the entry where it is written', () => {
    assert.deepEqual(brief(file(entry('"0123456789abcdef"'), entry('"0123456789ABCDEF"'))), [
      'config b.json:5:21 baseline findings[1] needs a "fingerprint" of 16 hex characters',
    ]);
    assert.deepEqual(brief(file(entry('42'))), ['config b.json:4:21 baseline findings[0] needs a "fingerprint" of 16 hex characters']);
    // A key written twice: the last one is read, and located.
    assert.deepEqual(brief('{"version": 2, "findings": [{"fingerprint": "0123456789abcdef", "fingerprint": "x"}]}'), [
      'config b.json:1:80 baseline findings[0] needs a "fingerprint" of 16 hex characters',
    ]);
  });

  it('an entry without a fingerprint, or that is no object, is located at the entry', () => {
    assert.deepEqual(brief(file('{"ruleId": "BW1001"}')), ['config b.json:4:5 baseline findings[0] needs a "fingerprint" of 16 hex characters']);
    assert.deepEqual(brief(file(entry('"0123456789abcdef"'), 'null')), ['config b.json:5:5 baseline findings[1] needs a "fingerprint" of 16 hex characters']);
  });

  it('a bad version or findings is located at its value, a file that is no object at its start', () => {
    assert.deepEqual(brief('{\n  "version": 3,\n  "findings": []\n}\n'), ['config b.json:2:14 baseline version must be 2 (or 1, an older file); got 3']);
    assert.deepEqual(brief('{\n  "findings": []\n}\n'), ['config b.json:1:1 baseline version must be 2 (or 1, an older file); got undefined']);
    assert.deepEqual(brief('{\n  "version": 2,\n  "findings": {}\n}\n'), ['config b.json:3:15 baseline "findings" must be an array']);
    assert.deepEqual(brief('\n[]\n'), ['config b.json:2:1 baseline must be a JSON object with "version" and "findings"']);
  });

  it('every mistake of the file in one run, in file order; past 20 bad entries, one error counts the rest', () => {
    assert.deepEqual(brief(file(entry('"x"'), entry('"0123456789abcdef"'), entry('7'), '{}')), [
      'config b.json:4:21 baseline findings[0] needs a "fingerprint" of 16 hex characters',
      'config b.json:6:21 baseline findings[2] needs a "fingerprint" of 16 hex characters',
      'config b.json:7:5 baseline findings[3] needs a "fingerprint" of 16 hex characters',
    ]);
    assert.deepEqual(brief('{\n  "findings": {},\n  "version": 3\n}\n'), [
      'config b.json:2:15 baseline "findings" must be an array',
      'config b.json:3:14 baseline version must be 2 (or 1, an older file); got 3',
    ]);
    const many = brief(file(...Array.from({ length: 25 }, () => entry('"bad"'))));
    assert.equal(many.length, 21);
    assert.equal(many[19], 'config b.json:23:21 baseline findings[19] needs a "fingerprint" of 16 hex characters');
    assert.equal(many[20], 'config b.json:24:21 baseline findings[20] and 4 more entries after it need a "fingerprint" of 16 hex characters');
    assert.equal(parseBaseline(file(entry('"bad"')), 'b.json').baseline, undefined);
  });
});
