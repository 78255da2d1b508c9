import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { emit, useColor, writeProblem } from './output.js';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('useColor', () => {
  it('follows the TTY without NO_COLOR or FORCE_COLOR, and --no-color always wins', () => {
    assert.equal(useColor(undefined, tty, {}), true);
    assert.equal(useColor(undefined, pipe, {}), false);
    assert.equal(useColor(false, tty, { FORCE_COLOR: '1' }), false);
  });

  it('NO_COLOR with a value turns colours off; an empty NO_COLOR is as if unset (no-color.org)', () => {
    assert.equal(useColor(undefined, tty, { NO_COLOR: '1' }), false);
    assert.equal(useColor(undefined, tty, { NO_COLOR: '' }), true);
    assert.equal(useColor(undefined, pipe, { NO_COLOR: '', FORCE_COLOR: '1' }), true);
    assert.equal(useColor(undefined, pipe, { NO_COLOR: '1', FORCE_COLOR: '1' }), false);
  });

  it('FORCE_COLOR=0 or false turns colours off even on a TTY; any other value (empty too) turns them on', () => {
    assert.equal(useColor(undefined, tty, { FORCE_COLOR: '0' }), false);
    assert.equal(useColor(undefined, tty, { FORCE_COLOR: 'false' }), false);
    assert.equal(useColor(undefined, pipe, { FORCE_COLOR: '' }), true);
    assert.equal(useColor(undefined, pipe, { FORCE_COLOR: '3' }), true);
    assert.equal(useColor(undefined, pipe, { FORCE_COLOR: 'true' }), true);
  });
});

describe('writeProblem', () => {
  it('says why a write failed in words, and keeps a rare code as it is', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    assert.equal(writeProblem(err('EISDIR')), 'it is a folder, not a file');
    assert.equal(writeProblem(err('ENOENT')), 'its folder does not exist');
    assert.equal(writeProblem(err('EACCES')), 'permission denied');
    assert.equal(writeProblem(err('ENOSPC')), 'no space left on the device');
    assert.equal(writeProblem(err('EROFS')), 'the file system is read-only');
    assert.equal(writeProblem(err('EXDEV')), 'EXDEV');
    assert.equal(writeProblem(new Error('plain')), 'plain');
  });
});

describe('emit to a file', () => {
  it('writes the UTF-8 of the pieces joined, across buffer and slice boundaries and surrogate pairs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-emit-'));
    try {
      const file = join(dir, 'report.json');
      // A slice of a long piece is a third of the 1 MiB buffer (349,525 units): the emoji's first half ends one.
      const long = `${'a'.repeat(349_524)}\u{1F600}é${'b'.repeat(700_000)}\u{1F600}`;
      const cases: string[][] = [[], [''], ['{}'], ['x', long, 'é', '€'.repeat(400_000), long], Array.from({ length: 5000 }, (_, i) => `é${i}\u{1F600},`)];
      for (const pieces of cases) {
        emit(pieces, file);
        assert.deepEqual(readFileSync(file), Buffer.from(pieces.join(''), 'utf8'));
      }
      emit(long, file);
      assert.deepEqual(readFileSync(file), Buffer.from(long, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
