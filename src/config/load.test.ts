import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRuleMetas } from '../rules/index.js';
import { parseConfig } from './load.js';

const errorsOf = (text: string) =>
  parseConfig(text, '.bulwark.yaml', allRuleMetas()).diagnostics.map((d) => `${d.at.line}:${d.at.column} ${d.code} ${d.message}`);

describe('.bulwark.yaml ignore patterns that can never match', () => {
  it('a .gitignore re-include (!) is a located error, not a name starting with !', () => {
    assert.deepEqual(errorsOf('ignore:\n  - vendor/\n  - "!vendor/keep.yaml"\n'), [
      '3:5 config ignore pattern "!vendor/keep.yaml" starts with !: re-including (as in .gitignore) is not supported; list only the paths to leave out',
    ]);
  });

  it('a .. step is a located error: patterns are relative to the folder of the file', () => {
    assert.deepEqual(errorsOf('ignore: [../shared/compose.yaml, "a/../b", ..]\n'), [
      '1:10 config ignore pattern "../shared/compose.yaml" has a .. step: patterns are relative to the folder of this file and never leave it (move the file up, or name the path from here)',
      '1:34 config ignore pattern "a/../b" has a .. step: patterns are relative to the folder of this file and never leave it (move the file up, or name the path from here)',
      '1:44 config ignore pattern ".." has a .. step: patterns are relative to the folder of this file and never leave it (move the file up, or name the path from here)',
    ]);
  });

  it('usable patterns are read without error (names with dots, anchored, **)', () => {
    const r = parseConfig('ignore: [vendor/, /deploy/legacy-*.yml, "**/testdata/**", ..hidden, a..b]\n', '.bulwark.yaml', allRuleMetas());
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.config?.ignore, ['vendor/', '/deploy/legacy-*.yml', '**/testdata/**', '..hidden', 'a..b']);
  });
});
