import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { configSchema, findConfigFile, globToRegExp, ignoreMatcher, type PathInfo, parseConfig, settingsFromConfig } from '../../src/config/index.js';
import { allRuleMetas, findRuleMeta } from '../../src/rules/index.js';

const metas = allRuleMetas();
const meta = (q: string) => {
  const m = findRuleMeta(q);
  assert.ok(m, q);
  return m;
};
const errorsOf = (text: string) => parseConfig(text, '.bulwark.yaml', metas).diagnostics.map((d) => `${d.at.line}:${d.at.column} ${d.code} ${d.message}`);

describe('.bulwark.yaml', () => {
  it('reads rules on/off, severity overrides, options, ignore, fail-on and baseline', () => {
    const withOption = metas.find((m) => m.options && Object.keys(m.options).length > 0);
    const optLines = withOption
      ? (() => {
          const [k, o] = Object.entries(withOption.options ?? {})[0] as [string, { default: unknown }];
          return `  ${withOption.id}:\n    options:\n      ${k}: ${JSON.stringify(o.default)}\n`;
        })()
      : '';
    const text = `fail-on: medium\nignore: [vendor/, "**/*.test.yaml"]\nbaseline: .bulwark-baseline.json\nrules:\n  BW1001: off\n  require-cpu-limit: info\n  BW1011:\n    severity: high\n${optLines}`;
    const { config, diagnostics } = parseConfig(text, '.bulwark.yaml', metas);
    assert.deepEqual(diagnostics, []);
    assert.ok(config);
    assert.equal(config.failOn, 'medium');
    assert.deepEqual(config.ignore, ['vendor/', '**/*.test.yaml']);
    assert.equal(config.baseline, '.bulwark-baseline.json');
    const s = settingsFromConfig(config);
    assert.equal(s(meta('BW1001')).enabled, false);
    assert.deepEqual([s(meta('BW1012')).enabled, s(meta('BW1012')).severity], [true, 'info']);
    assert.equal(s(meta('BW1011')).severity, 'high');
    assert.equal(s(meta('BW1002')).severity, undefined);
  });

  it('merges rule options over the documented defaults', () => {
    const m = metas.find((x) => x.options && Object.keys(x.options).length > 0);
    if (!m) return;
    const [k, o] = Object.entries(m.options ?? {})[0] as [string, { default: unknown }];
    const value = Array.isArray(o.default) ? ['X_TEST'] : typeof o.default === 'number' ? 7 : typeof o.default === 'boolean' ? !o.default : 'x';
    const { config, diagnostics } = parseConfig(`rules:\n  ${m.name}:\n    options:\n      ${k}: ${JSON.stringify(value)}\n`, 'c.yaml', metas);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(settingsFromConfig(config)(m).options[k], value);
  });

  it('an empty file, or empty sections, is an empty configuration', () => {
    for (const text of ['# nothing yet\n', 'rules:\n  # BW1001: off\nignore:\n']) {
      const { config, diagnostics } = parseConfig(text, '.bulwark.yaml', metas);
      assert.deepEqual(diagnostics, []);
      assert.equal(config?.rules.size, 0);
      assert.deepEqual(config?.ignore, []);
    }
  });

  it('nesting past 256 levels is one located error, read before parsing (never a stack overflow)', () => {
    assert.deepEqual(errorsOf(`rules: ${'['.repeat(200_000)}`), ['1:264 yaml-syntax YAML nesting is deeper than 256 levels; not read']);
    assert.deepEqual(errorsOf(`rules:\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}a${i}:`).join('\n')}\n`).length, 1);
  });

  it('a wrong key gets a located error', () => {
    assert.deepEqual(errorsOf('fail-on: high\nrulez:\n  BW1001: off\n'), ['2:1 config unknown key "rulez"; the keys are fail-on, ignore, baseline and rules']);
    // A list item is located at the item, not at the top of the file.
    assert.deepEqual(errorsOf('fail-on: high\nignore:\n  - "a/**"\n  - {x: 1}\n'), ['4:5 config "ignore.1" must be of type string']);
    assert.deepEqual(errorsOf('rules:\n  BW1001: off\n  BW9999: off\n'), ['3:3 config "BW9999" is not a rule id or name (`bulwark rules` lists them)']);
    assert.deepEqual(errorsOf('rules:\n  no-privileged:\n    severity: urgent\n'), [
      '3:15 config "rules.no-privileged.severity" must be one of critical, high, medium, low, info',
    ]);
    assert.deepEqual(errorsOf('rules:\n  BW1001:\n    enable: false\n'), [
      '3:5 config unknown key "enable" in "rules.BW1001"; a rule entry takes enabled, severity and options',
    ]);
    assert.deepEqual(errorsOf('rules:\n  BW1001: sometimes\n'), [
      '2:11 config "rules.BW1001" must be one of off, on, true, false, critical, high, medium, low, info',
    ]);
    assert.deepEqual(errorsOf('rules:\n  BW1001:\n    options:\n      bogus: 1\n'), [
      '4:7 config "bogus" is not an option of this rule (`bulwark explain` lists them)',
    ]);
    assert.deepEqual(errorsOf('ignore: vendor\n'), ['1:9 config "ignore" must be a list']);
    assert.deepEqual(errorsOf('fail-on: sometimes\n'), ['1:10 config "fail-on" must be one of critical, high, medium, low, info, none']);
  });

  it('a rule set twice (by id and by name) is an error', () => {
    assert.deepEqual(errorsOf('rules:\n  BW1001: off\n  no-privileged: on\n'), ['3:3 config rule BW1001 (no-privileged) is configured twice']);
  });

  it('an alias bomb is refused with a diagnostic, not a crash', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
      'rules: {}',
    ].join('\n');
    const e = errorsOf(bomb);
    assert.equal(e.length, 1);
    assert.match(e[0] as string, /^1:1 (alias-bomb|config) /);
  });

  it('a YAML syntax error is located', () => {
    const e = errorsOf('rules: {BW1001: off\n');
    assert.equal(e.length > 0, true);
    assert.match(e[0] as string, /^\d+:\d+ yaml-syntax /);
  });

  /** An in-memory tree for findConfigFile: folders (mode 0755, owned by uid 1000 unless given) and files. */
  function tree(entries: Record<string, Partial<PathInfo> & { kind: PathInfo['kind'] }>) {
    return (p: string): PathInfo | undefined => {
      const e = entries[p];
      return e ? { uid: 1000, mode: e.kind === 'dir' ? 0o755 : 0o644, ...e } : undefined;
    };
  }
  const dir = { kind: 'dir' } as const;
  const file = { kind: 'file' } as const;
  const me = { uid: 1000, home: '/home/me' };

  it('is found upward from the scanned path, and the search ends at the repository root', () => {
    const base = {
      '/': { kind: 'dir', uid: 0 },
      '/repo': dir,
      '/repo/sub': dir,
      '/repo/sub/deeper': dir,
      '/repo/.bulwark.yaml': file,
      '/repo/sub/deeper/compose.yaml': file,
    } as const;
    const stat = tree(base);
    assert.deepEqual(findConfigFile('/repo/sub/deeper/compose.yaml', stat, me), { file: '/repo/.bulwark.yaml' });
    assert.deepEqual(findConfigFile('/repo/sub', stat, me), { file: '/repo/.bulwark.yaml' });
    assert.deepEqual(findConfigFile('/elsewhere', tree({ '/': dir, '/elsewhere': dir }), me), {});
    // The search stops at the repository root (a .git folder, or a .git file in a worktree), which is still searched.
    assert.deepEqual(findConfigFile('/repo/sub/deeper/compose.yaml', tree({ ...base, '/repo/sub/.git': dir }), me), {});
    assert.deepEqual(findConfigFile('/repo/sub/deeper', tree({ ...base, '/repo/sub/deeper/.git': file }), me), {});
    assert.deepEqual(findConfigFile('/repo/sub/deeper', tree({ ...base, '/repo/.git': dir }), me), { file: '/repo/.bulwark.yaml' });
  });

  it('outside a repository, the search ends at the home folder, which is still searched', () => {
    const stat = tree({ '/': { kind: 'dir', uid: 0 }, '/home': { kind: 'dir', uid: 0 }, '/home/me': dir, '/home/me/app': dir, '/home/.bulwark.yaml': file });
    assert.deepEqual(findConfigFile('/home/me/app', stat, me), {});
    const inHome = tree({
      '/': { kind: 'dir', uid: 0 },
      '/home': { kind: 'dir', uid: 0 },
      '/home/me': dir,
      '/home/me/app': dir,
      '/home/me/.bulwark.yml': file,
    });
    assert.deepEqual(findConfigFile('/home/me/app', inHome, me), { file: '/home/me/.bulwark.yml' });
  });

  it('never uses a file another user could have put there: a folder writable by all (/tmp) or owned by someone else', () => {
    const tmp = {
      '/': { kind: 'dir', uid: 0 },
      '/tmp': { kind: 'dir', uid: 0, mode: 0o1777 },
      '/tmp/app': dir,
      '/tmp/.bulwark.yaml': { kind: 'file', uid: 666 },
    } as const;
    assert.deepEqual(findConfigFile('/tmp/app', tree(tmp), me), {
      skipped: {
        file: '/tmp/.bulwark.yaml',
        reason: '/tmp is writable by every user, so another user could have put it there; name it with --config to use it',
        error: false,
      },
    });
    const theirs = { '/': { kind: 'dir', uid: 0 }, '/srv': { kind: 'dir', uid: 0 }, '/srv/team': { kind: 'dir', uid: 1001 }, '/srv/team/app': dir } as const;
    assert.deepEqual(
      findConfigFile('/srv/team/app', tree({ ...theirs, '/srv/team/.bulwark.yaml': file }), me).skipped?.reason,
      '/srv/team is owned by user 1001, not by you (1000) or root, so another user could have put it there; name it with --config to use it',
    );
    // Above such a folder the search goes on, each folder judged on its own: its owner cannot write /srv.
    assert.deepEqual(findConfigFile('/srv/team/app', tree({ ...theirs, '/srv/.bulwark.yaml': { kind: 'file', uid: 0 } }), me), {
      file: '/srv/.bulwark.yaml',
    });
    // Scanning a subfolder of another user's checkout meets, and names, the project's configuration (it was silent).
    const checkout = { '/': { kind: 'dir', uid: 0 }, '/repo': { kind: 'dir', uid: 65534 }, '/repo/deploy': { kind: 'dir', uid: 65534 } } as const;
    assert.deepEqual(
      findConfigFile('/repo/deploy', tree({ ...checkout, '/repo/.bulwark.yaml': { kind: 'file', uid: 65534 } }), me).skipped?.file,
      '/repo/.bulwark.yaml',
    );
    // The file itself: another user's file in your folder, a file every user can write, a link to either.
    const mine = { '/': { kind: 'dir', uid: 0 }, '/app': dir } as const;
    assert.match(
      findConfigFile('/app', tree({ ...mine, '/app/.bulwark.yaml': { kind: 'file', uid: 65534 } }), me).skipped?.reason ?? '',
      /^\/app\/\.bulwark\.yaml is owned by user 65534/,
    );
    assert.match(
      findConfigFile('/app', tree({ ...mine, '/app/.bulwark.yaml': { kind: 'file', mode: 0o666 } }), me).skipped?.reason ?? '',
      /^\/app\/\.bulwark\.yaml is writable by every user/,
    );
    // Folders owned by root and not writable by all are searched (up to / outside a repository and the home folder).
    assert.deepEqual(findConfigFile('/srv/team/app', tree({ ...theirs, '/srv/team': dir, '/.bulwark.yaml': { kind: 'file', uid: 0 } }), me), {
      file: '/.bulwark.yaml',
    });
    // The user's own folder in /tmp is fine; /tmp itself is not searched.
    assert.deepEqual(findConfigFile('/tmp/app', tree({ ...tmp, '/tmp/app/.bulwark.yaml': file }), me), { file: '/tmp/app/.bulwark.yaml' });
  });

  it('a configuration path that is not a regular file is reported, never opened, and ends the search', () => {
    const stat = tree({ '/': { kind: 'dir', uid: 0 }, '/app': dir, '/app/.bulwark.yaml': { kind: 'other' }, '/.bulwark.yaml': { kind: 'file', uid: 0 } });
    assert.deepEqual(findConfigFile('/app', stat, me), {
      skipped: { file: '/app/.bulwark.yaml', reason: 'not a regular file (a named pipe, socket or device), which is never opened', error: true },
    });
  });

  it('a symbolic link to nothing in place of the configuration is reported and ends the search (the parent file does not apply)', () => {
    const stat = tree({ '/': { kind: 'dir', uid: 0 }, '/app': dir, '/app/.bulwark.yaml': { kind: 'broken-link' }, '/.bulwark.yaml': { kind: 'file', uid: 0 } });
    assert.deepEqual(findConfigFile('/app', stat, me), {
      skipped: {
        file: '/app/.bulwark.yaml',
        reason: 'a symbolic link to nothing (its target is missing, or the links loop); a configuration further up is not used in its place',
        error: true,
      },
    });
  });

  it('a configuration of two YAML documents is refused with a message about the file, not the YAML library', () => {
    const r = parseConfig('rules:\n  BW1001: off\n---\nrules: {}\n', '.bulwark.yaml', metas);
    assert.deepEqual(
      r.diagnostics.map((d) => [d.code, d.at.line, d.at.column, d.message]),
      [['yaml-syntax', 3, 1, 'a configuration file holds one YAML document: remove the second `---` and what follows, or merge them']],
    );
  });

  it('ignore globs match like .gitignore', () => {
    const ig = ignoreMatcher(['vendor/', '**/*.test.yaml', 'deploy/old-*.yml', '/top.yaml'], '/repo');
    assert.equal(ig('/repo/vendor'), true);
    assert.equal(ig('/repo/a/vendor/compose.yaml'), true);
    assert.equal(ig('/repo/x/y.test.yaml'), true);
    assert.equal(ig('/repo/y.test.yaml'), true);
    assert.equal(ig('/repo/deploy/old-1.yml'), true);
    assert.equal(ig('/repo/other/deploy/old-1.yml'), false);
    assert.equal(ig('/repo/top.yaml'), true);
    assert.equal(ig('/repo/sub/top.yaml'), false);
    assert.equal(ig('/repo/compose.yaml'), false);
    assert.equal(ig('/other/vendor'), false);
    assert.equal(globToRegExp('a?c').test('abc'), true);
    assert.equal(globToRegExp('*.yaml').test('dir/x.yaml'), true);
  });

  it('docs/schema/bulwark-config.schema.json is the schema generated from the rules (refresh: BULWARK_UPDATE_GOLDEN=1)', () => {
    const file = join(process.cwd(), 'docs', 'schema', 'bulwark-config.schema.json');
    const text = `${JSON.stringify(configSchema(metas), null, 2)}\n`;
    if (process.env.BULWARK_UPDATE_GOLDEN === '1') writeFileSync(file, text);
    assert.equal(readFileSync(file, 'utf8'), text, 'the published config schema drifted from the rules; regenerate it');
  });
});
