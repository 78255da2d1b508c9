import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileIgnorePattern, type IgnorePattern, isIgnored } from './dockerignore-match.js';

const compile = (...ps: string[]) => ps.map(compileIgnorePattern).filter((p): p is IgnorePattern => !!p);

describe('.dockerignore matching', () => {
  const table: [string[], string, boolean][] = [
    [['.git'], '.git/config', true],
    [['.git'], 'src/.git/config', false],
    [['**/.git'], 'src/.git/config', true],
    [['/.env'], '.env', true],
    [['./.env'], '.env', true],
    [['*.pem'], 'private.pem', true],
    [['*.pem'], 'certs/private.pem', false],
    [['**/*.pem'], 'certs/private.pem', true],
    [['*', '!src'], 'src/index.js', false],
    [['*', '!src'], '.env', true],
    [['*.key', '!server.key'], 'server.key', false],
    [['secret?.txt'], 'secret1.txt', true],
    [['[a-c].key'], 'b.key', true],
    [['node_modules/'], 'node_modules/x/index.js', true],
    [['# comment-like pattern is literal'], '.env', false],
  ];
  for (const [patterns, path, want] of table) {
    it(`${patterns.join(' ')} ${want ? 'excludes' : 'keeps'} ${path}`, () => assert.equal(isIgnored(compile(...patterns), path), want));
  }
  it('ignores empty and root patterns', () => {
    assert.equal(compileIgnorePattern('  '), undefined);
    assert.equal(compileIgnorePattern('/'), undefined);
  });
});
