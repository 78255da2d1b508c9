// BW9001 over real file text: the rule's subject is built from the comments by applySuppressions (check/suppress.ts),
// so these cases run the whole path (comment parsing, matching, the rule) on compose, Dockerfile and shell text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { suppressionCase } from '../../testing/suppressions.js';
import { suppressionWithoutReason } from './suppression-without-reason.js';

describe(`${suppressionWithoutReason.meta.id} ${suppressionWithoutReason.meta.name}`, () => {
  it('valid compose: a reason after the colon', () => {
    assert.deepEqual(
      suppressionCase('BW9001', 'compose.yaml', 'services:\n  a:\n    privileged: true # bulwark-ignore BW1001: lab box\n', [['BW1001', 3]]),
      [],
    );
  });
  it('invalid compose: no colon', () => {
    assert.deepEqual(suppressionCase('BW9001', 'compose.yaml', 'services:\n  a:\n    privileged: true # bulwark-ignore BW1001\n', [['BW1001', 3]]), [
      { line: 3, column: 22, message: 'The suppression of BW1001 in compose.yaml gives no reason, so it is ignored.' },
    ]);
  });
  it('invalid compose: an empty reason', () => {
    assert.deepEqual(
      suppressionCase('BW9001', 'compose.yaml', 'services:\n  a:\n    # bulwark-ignore no-privileged:\n    privileged: true\n', [['BW1001', 4]]),
      [{ line: 3, column: 5, message: 'The suppression of no-privileged in compose.yaml gives no reason, so it is ignored.' }],
    );
  });
  it('valid Dockerfile: a reason', () => {
    assert.deepEqual(suppressionCase('BW9001', 'Dockerfile', '# bulwark-ignore BW1001: base image test\nFROM scratch\n', [['BW1001', 2]]), []);
  });
  it('invalid Dockerfile: no reason', () => {
    assert.deepEqual(suppressionCase('BW9001', 'Dockerfile', 'FROM scratch\n# bulwark-ignore BW1001\nUSER root\n', [['BW1001', 3]]), [
      { line: 2, column: 1, message: 'The suppression of BW1001 in Dockerfile gives no reason, so it is ignored.' },
    ]);
  });
  it('valid shell script: a reason', () => {
    assert.deepEqual(suppressionCase('BW9001', 'run.sh', '#!/bin/sh\ndocker run --privileged x # bulwark-ignore BW1001: kind cluster\n', [['BW1001', 2]]), []);
  });
  it('invalid shell script: no reason, no rule', () => {
    assert.deepEqual(suppressionCase('BW9001', 'run.sh', '#!/bin/sh\n# bulwark-ignore\ndocker run --privileged x\n', []), [
      { line: 2, column: 1, message: 'The suppression of no rule in run.sh gives no reason, so it is ignored.' },
    ]);
  });
});
