// BW9002 over real file text, through applySuppressions (see suppression-without-reason.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { suppressionCase } from '../../testing/suppressions.js';
import { unusedSuppression } from './unused-suppression.js';

describe(`${unusedSuppression.meta.id} ${unusedSuppression.meta.name}`, () => {
  it('valid compose: the comment hides a finding on the next line', () => {
    assert.deepEqual(
      suppressionCase('BW9002', 'compose.yaml', 'services:\n  a:\n    # bulwark-ignore BW1001: lab\n    privileged: true\n', [['BW1001', 4]]),
      [],
    );
  });
  it('invalid compose: stale (the finding is gone)', () => {
    assert.deepEqual(suppressionCase('BW9002', 'compose.yaml', 'services:\n  a:\n    # bulwark-ignore BW1001: lab\n    privileged: false\n', []), [
      { line: 3, column: 22, message: 'The suppression of BW1001 in compose.yaml hides no finding on line 4.' },
    ]);
  });
  it('invalid compose: one of two rules is used, the other is not', () => {
    assert.deepEqual(
      suppressionCase('BW9002', 'compose.yaml', 'services:\n  a:\n    privileged: true # bulwark-ignore BW1001, BW1017: lab\n', [['BW1001', 3]]),
      [{ line: 3, column: 47, message: 'The suppression of BW1017 in compose.yaml hides no finding on line 3.' }],
    );
  });
  it('invalid compose: an unknown rule', () => {
    assert.deepEqual(
      suppressionCase('BW9002', 'compose.yaml', 'services:\n  a:\n    privileged: true # bulwark-ignore no-priviledged: typo\n', [['BW1001', 3]]),
      [{ line: 3, column: 39, message: 'The suppression in compose.yaml names no-priviledged, which is not a Bulwark rule.' }],
    );
  });
  it('invalid compose: a wildcard and all are not rules, and a comment without rules hides nothing', () => {
    const text =
      'services:\n  a:\n    privileged: true # bulwark-ignore *: star\n    pid: host # bulwark-ignore all, BW1017;: lab\n    ipc: host # bulwark-ignore: no rule named\n';
    assert.deepEqual(
      suppressionCase('BW9002', 'compose.yaml', text, [
        ['BW1001', 3],
        ['BW1017', 4],
        ['BW1019', 5],
      ]),
      [
        { line: 3, column: 39, message: 'The suppression in compose.yaml names *, which is not a Bulwark rule.' },
        { line: 4, column: 32, message: 'The suppression in compose.yaml names all, which is not a Bulwark rule.' },
        { line: 4, column: 37, message: 'The suppression in compose.yaml names BW1017;, which is not a Bulwark rule.' },
        { line: 5, column: 15, message: 'The suppression in compose.yaml names no rule, so it hides nothing (write the rule ids before the colon).' },
      ],
    );
  });
  it('invalid Dockerfile and shell script: a wildcard names no rule, and a comment without rules hides nothing', () => {
    assert.deepEqual(suppressionCase('BW9002', 'Dockerfile', 'FROM scratch\n# bulwark-ignore *: all of them\nUSER root\n', [['BW1001', 3]]), [
      { line: 2, column: 18, message: 'The suppression in Dockerfile names *, which is not a Bulwark rule.' },
    ]);
    assert.deepEqual(suppressionCase('BW9002', 'run.sh', 'docker run --privileged x # bulwark-ignore: kind\n', [['BW1001', 1]]), [
      { line: 1, column: 27, message: 'The suppression in run.sh names no rule, so it hides nothing (write the rule ids before the colon).' },
    ]);
  });
  it('invalid compose: alone after the last line of the file', () => {
    assert.deepEqual(suppressionCase('BW9002', 'compose.yaml', 'services:\n  a:\n    privileged: false\n# bulwark-ignore BW1001: lab\n\n', []), [
      { line: 4, column: 18, message: 'The suppression of BW1001 in compose.yaml stands after the last line of the file: it hides nothing.' },
    ]);
  });
  it('valid compose: a bulwark-ignore line inside a block scalar is text, and a critical finding stays', () => {
    const text = 'services:\n  e:\n    command: >\n      echo hi\n      # bulwark-ignore BW1001: inside a block scalar\n    privileged: true\n';
    assert.deepEqual(suppressionCase('BW9002', 'compose.yaml', text, [['BW1001', 6]]), []);
  });
  it('valid Dockerfile: used', () => {
    assert.deepEqual(suppressionCase('BW9002', 'Dockerfile', 'FROM scratch\n# bulwark-ignore BW1001: test\nUSER root\n', [['BW1001', 3]]), []);
  });
  it('invalid Dockerfile: the finding is on another line', () => {
    assert.deepEqual(suppressionCase('BW9002', 'Dockerfile', 'FROM scratch\n# bulwark-ignore BW1001: test\nUSER root\n', [['BW1001', 1]]), [
      { line: 2, column: 18, message: 'The suppression of BW1001 in Dockerfile hides no finding on line 3.' },
    ]);
  });
  it('valid shell script: used, trailing', () => {
    assert.deepEqual(suppressionCase('BW9002', 'run.sh', 'docker run --privileged x # bulwark-ignore BW1001: kind\n', [['BW1001', 1]]), []);
  });
  it('invalid shell script: stale, trailing', () => {
    assert.deepEqual(suppressionCase('BW9002', 'run.sh', 'docker run x # bulwark-ignore BW1001: kind\n', []), [
      { line: 1, column: 31, message: 'The suppression of BW1001 in run.sh hides no finding on line 1.' },
    ]);
  });
  it('invalid compose: a comment on the line of a block scalar hides no finding on it or in the block (it names the lines it covers)', () => {
    const text = 'services:\n  a:\n    command: |  # bulwark-ignore BW1032: a test database\n      set -e\n\n      mysql -h db\n    privileged: true\n';
    assert.deepEqual(suppressionCase('BW9002', 'compose.yaml', text, [['BW1001', 7]]), [
      { line: 3, column: 34, message: 'The suppression of BW1032 in compose.yaml hides no finding on lines 3 to 6 (line 3 and the block scalar it starts).' },
    ]);
  });
  it('valid compose: a comment alone above a block scalar hides a finding on a line of its text', () => {
    const text = 'services:\n  a:\n    # bulwark-ignore BW1032: a test database\n    command: >-\n      mysql -h db\n      --password=Sup3rS3cretPw\n';
    assert.deepEqual(suppressionCase('BW9002', 'compose.yaml', text, [['BW1032', 6]]), []);
  });
});
