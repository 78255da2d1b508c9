import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskSecret, quoteName, quoteValue, type ValuePiece } from './mask.js';
import { secretShape } from './secret-shape.js';

const password: ValuePiece = { text: 'hunter2hunter2SECRETVAL', variable: '${DB_PASSWORD}' };

describe('maskSecret', () => {
  it('shows four characters and the length', () => assert.equal(maskSecret('hunter2hunter2SECRETVAL'), 'hunt...(23 chars)'));
  it('shows no character of a short value', () => assert.equal(maskSecret('hunter2'), '...(7 chars)'));
  it('says 1 char, not 1 chars', () => assert.equal(maskSecret('x'), '...(1 char)'));
});

describe('quoteValue', () => {
  it('quotes a plain value as it is', () => assert.equal(quoteValue('512 megs'), '"512 megs"'));

  it('masks the password of a URL, wherever it is', () => {
    assert.equal(quoteValue('https://deploy:S3cr3tPassw0rdXYZ@registry.example.com/app:1'), '"https://deploy:S3cr...(17 chars)@registry.example.com/app:1"');
    assert.equal(quoteValue('mirror=ftp://u:pw@host/x'), '"mirror=ftp://u:...(2 chars)@host/x"');
  });

  it('masks the password of a URL with an empty user (the Redis form), also when the value is not a URL field', () => {
    assert.equal(quoteValue('redis://:hunter2hunter2@redis:6379'), '"redis://:...(14 chars)@redis:6379"');
    assert.equal(quoteValue('a://:pw@h'), '"a://:...(2 chars)@h"');
    assert.equal(quoteValue('redis://:${REDIS_PW}@redis'), '"redis://:${REDIS_PW}@redis"');
  });

  it('reads a ${VAR:-default} user whole: its colon is not the one before the password', () => {
    assert.equal(quoteValue('postgres://${DB_USER:-app}:Sup3rS3cretPw@db/app'), '"postgres://${DB_USER:-app}:...(13 chars)@db/app"');
    assert.equal(quoteValue('postgres://${DB_USER:-app}:${DB_PASSWORD}@db/app'), '"postgres://${DB_USER:-app}:${DB_PASSWORD}@db/app"');
    assert.equal(quoteValue('https://$USER:pa55word@h/x'), '"https://$USER:...(8 chars)@h/x"');
    // An unclosed ${ is no user: nothing is taken for a password.
    assert.equal(quoteValue('https://${USER:pa55word@h/x'), '"https://${USER:pa55word@h/x"');
  });

  it('reads a password up to the last @ before the host, as Go and browsers do', () => {
    assert.equal(quoteValue('postgres://user:p@ssw0rd99@db/app'), '"postgres://user:...(10 chars)@db/app"');
    assert.equal(quoteValue('x=https://u:a@b@h/p?q=c@d and https://v:w@k'), '"x=https://u:...(3 chars)@h/p?q=c@d and https://v:...(1 char)@k"');
    assert.equal(quoteValue('"https://u:pw@h","a@b"'), '"\\"https://u:...(2 chars)@h\\",\\"a@b\\""');
  });

  it('masks a token glued after a letter, digit or _, which no rule reports but no message prints', () => {
    assert.equal(quoteValue('key_AKIAIOSFODNN7EXAMPLE'), '"key_...(24 chars)" (an AWS access key id)');
    assert.equal(quoteValue('deploy_ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'), '"depl...(47 chars)" (a high-entropy string)');
    assert.equal(quoteValue('my_glpat-aBcDeFgHiJ1234567890'), '"my_g...(29 chars)" (a GitLab token)');
    assert.equal(quoteValue('keyboard_layout_name'), '"keyboard_layout_name"');
    // Glued on the right, or on both sides.
    assert.equal(quoteValue('AKIAQWERTYUIOPASDFGH_prod'), '"AKIA...(25 chars)" (an AWS access key id)');
    assert.equal(quoteValue('x_AKIAQWERTYUIOPASDFGH_y'), '"x_AK...(24 chars)" (an AWS access key id)');
    assert.equal(secretShape('key_AKIAIOSFODNN7EXAMPLE'), undefined);
  });

  it('reads no user or password after a ? or # that ends the authority', () => {
    assert.equal(secretShape('https://example.com?x=1:2@3'), undefined);
    assert.equal(quoteValue('https://example.com#a:b@c'), '"https://example.com#a:b@c"');
  });

  it('keeps a URL password that is a variable', () =>
    assert.equal(quoteValue('postgres://app:${DB_PASSWORD}@db/app'), '"postgres://app:${DB_PASSWORD}@db/app"'));

  it('masks a value shaped like a secret, and names its kind', () => {
    assert.equal(quoteValue('ghp_abcdefghijklmnopqrstuvwxyz0123456789'), '"ghp_...(40 chars)" (a GitHub token)');
    assert.equal(quoteValue('AKIAIOSFODNN7EXAMPLE'), '"AKIA...(20 chars)" (an AWS access key id)');
  });

  it('shows a value from the environment by its variable and its length', () => {
    assert.equal(quoteValue('hunter2hunter2SECRETVAL', [password]), '"${DB_PASSWORD}" (from the environment, 23 characters)');
    assert.equal(quoteValue('x', [{ text: 'x', variable: '$ONE' }]), '"$ONE" (from the environment, 1 character)');
  });

  it('shows the text the file wrote around the variables', () => {
    const pieces: ValuePiece[] = [password, { text: ':80' }];
    assert.equal(quoteValue('hunter2hunter2SECRETVAL:80', pieces), '"${DB_PASSWORD}:80" (from the environment, 26 characters)');
  });

  it('shows a part of the value by the pieces it takes in', () => {
    const pieces: ValuePiece[] = [{ text: '127.0.0.1:' }, password, { text: ':80' }];
    assert.equal(quoteValue('hunter2hunter2SECRETVAL', pieces), '"${DB_PASSWORD}" (from the environment, 23 characters)');
    assert.equal(quoteValue('80', pieces), '"80"');
    assert.equal(quoteValue('127.0.0.1', pieces), '"127.0.0.1"');
    // Part of a variable's value (a value with a colon, split by the port parser): the variable, and the part's length.
    assert.equal(quoteValue('hunter2', pieces), '"${DB_PASSWORD}" (from the environment, 7 characters)');
  });

  it('prefers the place where a part takes in a variable', () => {
    const pieces: ValuePiece[] = [{ text: '80:' }, { text: '80', variable: '${PORT}' }];
    assert.equal(quoteValue('80', pieces), '"${PORT}" (from the environment, 2 characters)');
  });

  it('shows a variable whose value is empty', () => {
    assert.equal(quoteValue('', [{ text: '', variable: '${EMPTY}' }]), '"${EMPTY}" (from the environment, 0 characters)');
  });

  it('masks what the file wrote around a variable', () => {
    const pieces: ValuePiece[] = [{ text: 'https://deploy:S3cr3tPassw0rdXYZ@' }, { text: 'registry.example.com', variable: '${REGISTRY}' }, { text: '/app' }];
    assert.equal(
      quoteValue('https://deploy:S3cr3tPassw0rdXYZ@registry.example.com/app', pieces),
      '"https://deploy:S3cr...(17 chars)@${REGISTRY}/app" (from the environment, 57 characters)',
    );
  });

  it('never quotes text that is not a part of the value', () => {
    assert.equal(quoteValue('HUNTER2', [password]), '"${DB_PASSWORD}" (from the environment, read as 7 characters)');
  });

  it('escapes a quote and a backslash inside the value, as Go %q and JSON do, so the quoted text ends where the value does', () => {
    assert.equal(quoteValue('say "hi"'), String.raw`"say \"hi\""`);
    assert.equal(quoteValue('C:\\temp\\'), String.raw`"C:\\temp\\"`);
    assert.equal(quoteValue('"'), String.raw`"\""`);
    assert.equal(JSON.parse(quoteValue('a "b" \\c')), 'a "b" \\c');
  });

  it('leaves control characters to the report formats, which print them as escapes (report/printable.ts)', () => {
    assert.equal(quoteValue('a\nb\u001b[31m'), '"a\nb\u001b[31m"');
    // A backslash is escaped, so an escape the report prints (`\x1b`) never reads like one the value wrote.
    assert.equal(quoteValue(String.raw`a\x1b`), String.raw`"a\\x1b"`);
  });

  it('escapes the masked forms too: around a masked URL password, and around variables', () => {
    assert.equal(quoteValue('--url="https://u:pw@host/x"'), String.raw`"--url=\"https://u:...(2 chars)@host/x\""`);
    const pieces: ValuePiece[] = [{ text: '--opt="' }, { text: 'hunter2hunter2', variable: '${PW:-"x"}' }, { text: '"' }];
    assert.equal(quoteValue('--opt="hunter2hunter2"', pieces), '"--opt=\\"${PW:-\\"x\\"}\\"" (from the environment, 22 characters)');
    assert.equal(quoteValue('"80"', pieces), '"--opt=\\"${PW:-\\"x\\"}\\"" (from the environment, read as 4 characters)');
    assert.equal(quoteValue('--opt="', pieces), String.raw`"--opt=\""`);
  });

  it('cuts a value longer than 120 characters after 100, with its length in code points', () => {
    assert.equal(quoteValue('a'.repeat(120)), `"${'a'.repeat(120)}"`);
    assert.equal(quoteValue('a'.repeat(240001)), `"${'a'.repeat(100)}..." (240001 characters)`);
    // Counted and cut in code points: an emoji is one character, never split in half.
    assert.equal(quoteValue(`${'a'.repeat(99)}${'\u{1F600}'.repeat(30)}`), `"${'a'.repeat(99)}\u{1F600}..." (129 characters)`);
    assert.equal(quoteValue('\u{1F600}'.repeat(120)), `"${'\u{1F600}'.repeat(120)}"`);
  });
});

describe('quoteName', () => {
  it('quotes a name as it is, masks a secret-shaped one without naming its kind, and cuts one past 120 characters', () => {
    assert.equal(quoteName('web'), '"web"');
    assert.equal(quoteName(`ghp_${'a1B2'.repeat(9)}`), '"ghp_...(40 chars)"');
    assert.equal(quoteName('s'.repeat(120)), `"${'s'.repeat(120)}"`);
    assert.equal(quoteName('s'.repeat(3000)), `"${'s'.repeat(100)}..." (3000 characters)`);
  });
});
