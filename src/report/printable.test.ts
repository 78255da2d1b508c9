import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printable } from './printable.js';

describe('printable', () => {
  it('shows control characters as escapes and leaves other text alone', () => {
    assert.equal(printable('ok\u001b[1A\u001b[2K\rinnocent'), 'ok\\x1b[1A\\x1b[2K\\rinnocent');
    assert.equal(printable('a\nb\tc\u0000d\u007fe\u009bf'), 'a\\nb\\tc\\x00d\\x7fe\\x9bf');
    assert.equal(printable('\u001b]0;title\u0007'), '\\x1b]0;title\\x07');
    assert.equal(printable('evil\u202egnp.exe \u2066x\u2069'), 'evil\\u202egnp.exe \\u2066x\\u2069');
    const plain = 'Service "api" mounts /var/run/docker.sock (é, 日本, emoji 🐳)';
    assert.equal(printable(plain), plain);
  });
});
