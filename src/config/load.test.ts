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

describe('.bulwark.yaml keys that are not names', () => {
  it('a list or mapping used as a key is a located error, and nothing is printed by the YAML library', () => {
    const warnings: string[] = [];
    const listener = (w: Error) => warnings.push(w.message);
    process.on('warning', listener);
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => {
      warnings.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      assert.deepEqual(errorsOf('fail-on: low\n? [a, b]\n: c\nrules:\n  ? {x: 1}\n  : off\n'), [
        '2:3 yaml-syntax a mapping key must be a scalar (a name), not a list or a mapping',
        '5:5 yaml-syntax a mapping key must be a scalar (a name), not a list or a mapping',
      ]);
      // A scalar key of another type (binary) is stringified by the library, silently: an unknown key.
      assert.deepEqual(errorsOf('!!binary aGk=: 1\n'), ['1:10 config unknown key "hi"; the keys are fail-on, ignore, baseline and rules']);
    } finally {
      process.stderr.write = write;
      process.off('warning', listener);
    }
    assert.deepEqual(warnings, []);
  });
});

describe('.bulwark.yaml rules: a key that names no rule', () => {
  it('suggests the rule meant: another case, or a name or id a typo away', () => {
    assert.deepEqual(errorsOf('rules:\n  bw1001: off\n  No-Privileged: off\n  no-privilege: off\n  BW1O01: off\n  something-else: off\n'), [
      '2:3 config "bw1001" is not a rule id or name; did you mean BW1001? (`bulwark rules` lists them)',
      '3:3 config "No-Privileged" is not a rule id or name; did you mean no-privileged? (`bulwark rules` lists them)',
      '4:3 config "no-privilege" is not a rule id or name; did you mean no-privileged? (`bulwark rules` lists them)',
      '5:3 config "BW1O01" is not a rule id or name; did you mean BW1001? (`bulwark rules` lists them)',
      '6:3 config "something-else" is not a rule id or name (`bulwark rules` lists them)',
    ]);
  });
});

describe('.bulwark.yaml of the wrong shape', () => {
  it('says mapping, the YAML word, where the schema says object', () => {
    assert.deepEqual(errorsOf('- fail-on: low\n'), ['1:1 config the file must be a mapping of keys to values (fail-on, ignore, baseline, rules)']);
    assert.deepEqual(errorsOf('rules: [BW1001]\n'), ['1:8 config "rules" must be a mapping (key: value lines)']);
    assert.deepEqual(errorsOf('rules:\n  BW1004:\n    options: [allowed]\n'), ['3:14 config "rules.BW1004.options" must be a mapping (key: value lines)']);
  });
});

describe('.bulwark.yaml: every mistake of the file in one run', () => {
  it('schema errors, options, ignore patterns and rules configured twice, in file order, each once', () => {
    const text = [
      'rules:', // 1
      '  BW1001: off', // 2
      '  no-privileged: on', // 3: configured twice
      '  BW1004:', // 4
      '    options:', // 5
      '      bogus: 1', // 6: not an option
      '  BW1011:', // 7
      '    severity: urgent', // 8: not a severity
      '  BW9999: off', // 9: no such rule
      'ignore:', // 10
      '  - ../shared', // 11: can never match
      '  - 3', // 12: not a string
      'fail-on: sometimes', // 13
      'rulez: {}', // 14
    ].join('\n');
    assert.deepEqual(errorsOf(`${text}\n`), [
      '3:3 config rule BW1001 (no-privileged) is configured twice',
      '6:7 config "bogus" is not an option of this rule (`bulwark explain` lists them)',
      '8:15 config "rules.BW1011.severity" must be one of critical, high, medium, low, info',
      '9:3 config "BW9999" is not a rule id or name (`bulwark rules` lists them)',
      '11:5 config ignore pattern "../shared" has a .. step: patterns are relative to the folder of this file and never leave it (move the file up, or name the path from here)',
      '12:5 config "ignore.1" must be of type string',
      '13:10 config "fail-on" must be one of critical, high, medium, low, info, none',
      '14:1 config unknown key "rulez"; the keys are fail-on, ignore, baseline and rules',
    ]);
    // Each in the file it was read from, as given.
    const sources = parseConfig(`${text}\n`, 'deploy/.bulwark.yaml', allRuleMetas()).diagnostics.map((d) => d.at.source);
    assert.deepEqual(new Set(sources), new Set(['deploy/.bulwark.yaml']));
    assert.equal(sources.length, 8);
  });

  it('a rule configured twice whose second entry is also wrong: both mistakes, each at its place', () => {
    assert.deepEqual(errorsOf('rules:\n  BW1004:\n    options: {allowed: [X]}\n  no-extra-capabilities:\n    options:\n      bogus: 1\n'), [
      '4:3 config rule BW1004 (no-extra-capabilities) is configured twice',
      '6:7 config "bogus" is not an option of this rule (`bulwark explain` lists them)',
    ]);
  });

  it("an options value that is not a mapping is said once (not again by the rule's options schema)", () => {
    assert.deepEqual(errorsOf('fail-on: never\nrules:\n  BW1004:\n    options: [allowed]\n'), [
      '1:10 config "fail-on" must be one of critical, high, medium, low, info, none',
      '4:14 config "rules.BW1004.options" must be a mapping (key: value lines)',
    ]);
  });
});
