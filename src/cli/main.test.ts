import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { internalErrorText } from './main.js';

describe('internalErrorText', () => {
  const bug = new TypeError('cannot read properties of undefined (reading "x") for token ghp_abcdefghijklmnopqrstuvwxyz0123456789');

  it('says what broke and how to report it, without a stack trace, with secrets masked', () => {
    assert.equal(
      internalErrorText(bug, {}),
      'bulwark: internal error: TypeError: cannot read properties of undefined (reading "x") for token ghp_...(40 chars)\n' +
        'This is a bug in Bulwark; please report it with the command you ran (run it again with BULWARK_DEBUG=1 to add the stack trace).\n',
    );
    assert.ok(!internalErrorText(bug, {}).includes('    at '));
  });

  it('adds the stack trace with BULWARK_DEBUG=1, still masked', () => {
    const text = internalErrorText(bug, { BULWARK_DEBUG: '1' });
    assert.match(text, /^bulwark: internal error: TypeError: cannot read properties of undefined \(reading "x"\) for token ghp_...\(40 chars\)\n {4}at /);
    assert.match(text, /\nThis is a bug in Bulwark; please report it with the command you ran\.\n$/);
  });

  it('a thrown value that is not an Error is shown as text, control characters escaped', () => {
    assert.equal(
      internalErrorText('boom\u001b[2J', {}),
      'bulwark: internal error: boom\\x1b[2J\nThis is a bug in Bulwark; please report it with the command you ran (run it again with BULWARK_DEBUG=1 to add the stack trace).\n',
    );
  });
});
