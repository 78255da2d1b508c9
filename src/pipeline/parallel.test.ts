import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { describe, it } from 'node:test';
import { MIN_CPUS_FOR_DEFAULT_WORKERS, mergeOutputs, PARSE_AHEAD_MIN_FILES, parseAheadWanted, workerCount } from './parallel.js';

const opts = { script: '/nonexistent.js', context: {} };
const cpus = availableParallelism();

describe('workerCount', () => {
  it('starts no thread below 64 splittable files, or with -j 0', () => {
    assert.equal(workerCount(63, { ...opts, workers: 4 }), 0);
    assert.equal(workerCount(10_000, { ...opts, workers: 0 }), 0);
  });
  it('by default: CPUs - 1, at most 7, none below 4 CPUs, one per 16 files at most', () => {
    const expected = cpus < MIN_CPUS_FOR_DEFAULT_WORKERS ? 0 : Math.min(cpus - 1, 7);
    assert.equal(workerCount(10_000, opts), expected);
    assert.equal(workerCount(64, opts), Math.min(expected, 4));
  });
  it('never more than CPUs - 1 (at least one) when asked for more', () => {
    assert.equal(workerCount(10_000, { ...opts, workers: 64 }), Math.max(1, cpus - 1));
    assert.equal(workerCount(10_000, { ...opts, workers: 1 }), 1);
  });
});

describe('parseAheadWanted', () => {
  it('by default on 2 or 3 CPUs from PARSE_AHEAD_MIN_FILES files, never with --jobs given', () => {
    const twoOrThree = cpus >= 2 && cpus < MIN_CPUS_FOR_DEFAULT_WORKERS;
    assert.equal(parseAheadWanted(10_000, opts), twoOrThree);
    assert.equal(parseAheadWanted(PARSE_AHEAD_MIN_FILES, opts), twoOrThree);
    assert.equal(parseAheadWanted(PARSE_AHEAD_MIN_FILES - 1, opts), false);
    assert.equal(parseAheadWanted(63, opts), false);
    assert.equal(parseAheadWanted(10_000, { ...opts, workers: 0 }), false);
    assert.equal(parseAheadWanted(10_000, { ...opts, workers: 1 }), false);
  });
  it('as parseAhead says when given, still not below minFiles', () => {
    assert.equal(parseAheadWanted(64, { ...opts, workers: 0, parseAhead: true }), true);
    assert.equal(parseAheadWanted(10_000, { ...opts, parseAhead: false }), false);
    assert.equal(parseAheadWanted(9, { ...opts, parseAhead: true, minFiles: 10 }), false);
  });
});

describe('mergeOutputs', () => {
  it('counts a Dockerfile checked in two chunks once, and keeps chunk order', () => {
    const part = (n: number, claimed: { file: string; subjects: number }[]) => ({
      findings: [],
      diagnostics: [{ code: 'unreadable' as const, severity: 'warning' as const, message: `chunk ${n}`, at: { source: 'x' } }],
      files: 3,
      subjects: 4,
      claimed,
    });
    const m = mergeOutputs([
      part(1, [{ file: '/a/Dockerfile', subjects: 1 }]),
      part(2, [
        { file: '/a/Dockerfile', subjects: 1 },
        { file: '/b/Dockerfile', subjects: 0 },
      ]),
    ]);
    assert.deepEqual(
      m.diagnostics.map((d) => d.message),
      ['chunk 1', 'chunk 2'],
    );
    assert.equal(m.files, 5);
    assert.equal(m.subjects, 7);
    assert.deepEqual(m.claimed, [
      { file: '/a/Dockerfile', subjects: 1 },
      { file: '/b/Dockerfile', subjects: 0 },
    ]);
  });
  it('counts a file once when an earlier chunk, scanned later in the same thread, found it already checked', () => {
    const part = (subjects: number) => ({ findings: [], diagnostics: [], files: 1, subjects: 2, claimed: [{ file: '/a/Dockerfile', subjects }] });
    const m = mergeOutputs([part(0), part(1), part(1)]);
    assert.equal(m.subjects, 5, 'the two chunks that checked it in different threads count it once');
  });
});
