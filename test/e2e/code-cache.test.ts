// The launcher (scripts/launcher.cjs) runs the bundle with the V8 code cache the build made; V8 refuses a cache
// made under other V8 flags. `bulwark scan` changes a V8 flag for short scans (src/pipeline/tiering.ts) and must
// have put it back before any thread starts, or every worker would compile the whole bundle again. A preload
// (`-r`, which worker threads inherit) reports, from each thread, whether V8 took the cache.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-code-cache-'));
after(() => rmSync(root, { recursive: true, force: true }));

const HOOK = join(root, 'report-cache.cjs');
writeFileSync(
  HOOK,
  `const vm = require('node:vm');
const { isMainThread } = require('node:worker_threads');
const Original = vm.Script;
vm.Script = function Script(code, options) {
  const s = new Original(code, options);
  if (options && options.cachedData) require('node:fs').writeSync(2, (isMainThread ? 'main' : 'worker') + ' cache ' + (s.cachedDataRejected ? 'rejected' : 'accepted') + '\\n');
  return s;
};
`,
);
for (let i = 0; i < 70; i++) {
  mkdirSync(join(root, 'p', `s${i}`), { recursive: true });
  writeFileSync(join(root, 'p', `s${i}`, 'compose.yaml'), `services:\n  app:\n    image: nginx:1.27\n    privileged: true\n`);
}

/** The cache lines a scan's threads print. */
function cacheLines(args: string[]): string[] {
  const r = spawnSync(process.execPath, ['-r', HOOK, CLI, 'scan', ...args, '--format', 'json', '--output', join(root, 'out.json')], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 1, r.stderr);
  return r.stderr
    .split('\n')
    .filter((l) => l.includes(' cache '))
    .sort();
}

describe('the code cache', () => {
  it('is taken by a one-file scan', () => {
    assert.deepEqual(cacheLines([join(root, 'p', 's0', 'compose.yaml')]), ['main cache accepted']);
  });

  it('is taken by every worker thread of a scan that started short', () => {
    // -j 1 on 70 projects (workers start from 64): the worker starts after the scan has turned optimisation back on.
    assert.deepEqual(cacheLines(['-j', '1', join(root, 'p')]), ['main cache accepted', 'worker cache accepted']);
  });

  it('is passed over when it is not a readable file, and the CLI still starts', () => {
    for (const [kind, make] of [
      ['a folder', (f: string) => mkdirSync(f)],
      ['a named pipe', (f: string) => spawnSync('mkfifo', [f])],
      ['a truncated file', (f: string) => writeFileSync(f, 'not a V8 code cache')],
    ] as const) {
      const dist = join(root, `dist-${kind.replace(/ /g, '-')}`);
      cpSync(dirname(CLI), dist, { recursive: true });
      const cache = readdirSync(dist).find((f) => /^bulwark-[0-9a-f]{16}\.cache$/.test(f));
      assert.ok(cache, 'the build writes a code cache');
      rmSync(join(dist, cache));
      make(join(dist, cache));
      const r = spawnSync(process.execPath, ['-r', HOOK, join(dist, 'bulwark.js'), '--version'], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(r.status, 0, `${kind}: ${r.stderr}`);
      assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/, kind);
      // No cache read (folder, pipe), or one V8 refused (the truncated file).
      const expected = kind === 'a truncated file' ? ['main cache rejected'] : [];
      assert.deepEqual(
        r.stderr.split('\n').filter((l) => l.includes(' cache ')),
        expected,
        kind,
      );
    }
  });

  it('is not used for a bundle edited in place, even one of the same length (V8 compares lengths only)', () => {
    const dist = join(root, 'dist-edited');
    cpSync(dirname(CLI), dist, { recursive: true });
    const bundle = join(dist, 'bulwark.cjs');
    const text = readFileSync(bundle, 'latin1');
    // BW1001's test, made never true, in as many characters.
    const from = 'if(p.value===true)ctx.report({messageId:"privileged"';
    assert.ok(text.includes(from), 'the bundle holds BW1001 as this test expects');
    writeFileSync(bundle, text.replace(from, from.replace('===true', '===5555')), 'latin1');
    const file = join(root, 'privileged.yaml');
    writeFileSync(file, 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n');
    const r = spawnSync(process.execPath, ['-r', HOOK, join(dist, 'bulwark.js'), 'scan', file, '--format', 'json'], { encoding: 'utf8' });
    assert.equal(r.stderr, '', 'no cache handed to V8');
    const ids = (JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    assert.ok(ids.length > 0 && !ids.includes('BW1001'), ids.join(' '));
  });

  it('passes over a cache too large to be one the build made', () => {
    const dist = join(root, 'dist-huge-cache');
    cpSync(dirname(CLI), dist, { recursive: true });
    const cache = readdirSync(dist).find((f) => f.endsWith('.cache')) as string;
    truncateSync(join(dist, cache), 5 * 1024 ** 3); // sparse: no disk used
    const r = spawnSync(process.execPath, ['-r', HOOK, join(dist, 'bulwark.js'), '--version'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
  });
});

describe('the launcher, with a broken bundle', () => {
  for (const [kind, make] of [
    ['missing', (f: string) => rmSync(f)],
    ['truncated', (f: string) => writeFileSync(f, readFileSync(f, 'latin1').slice(0, 5000), 'latin1')],
    ['empty', (f: string) => writeFileSync(f, '')],
    [
      'a folder',
      (f: string) => {
        rmSync(f);
        mkdirSync(f);
      },
    ],
    [
      'a named pipe',
      (f: string) => {
        rmSync(f);
        spawnSync('mkfifo', [f]);
      },
    ],
  ] as const) {
    it(`says it cannot start, exit 3, when the bundle is ${kind}`, () => {
      const dist = join(root, `dist-bundle-${kind.replace(/ /g, '-')}`);
      cpSync(dirname(CLI), dist, { recursive: true });
      make(join(dist, 'bulwark.cjs'));
      const r = spawnSync(process.execPath, [join(dist, 'bulwark.js'), '--version'], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(r.status, 3, r.stderr);
      assert.match(r.stderr, /^bulwark: cannot start: .+ \(rebuild with `npm run build`, or reinstall Bulwark\)\n$/);
      assert.equal(r.stdout, '');
    });
  }
});
