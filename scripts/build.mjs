#!/usr/bin/env node
// Builds Bulwark with esbuild.
//   node scripts/build.mjs           -> dist/bulwark.cjs, one bundle for a fast cold start (no module graph to walk),
//                                       dist/bulwark.js (the launcher) with its V8 code cache dist/bulwark-*.cache,
//                                       and dist/gen-docs.mjs (the rule doc generator); dist/package.json marks
//                                       dist/*.js as CommonJS (the launcher)
//   node scripts/build.mjs --tests   -> also .build/: every src and test file transpiled one to one, for `node --test`
// Type checking is separate: `npm run typecheck` (tsc --noEmit).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const define = { __BULWARK_VERSION__: JSON.stringify(pkg.version) };

const tests = process.argv.includes('--tests');
// BULWARK_BUILD_DIR (with --tests) puts the transpiled tests and a dist/ of their own in another folder, so that
// several builds and test runs can go side by side without rewriting each other's dist/ (scripts/run-tests.mjs
// points the end-to-end tests at that dist/ through BULWARK_CLI).
const out = process.env.BULWARK_BUILD_DIR ?? join(root, '.build');
const dist = tests && process.env.BULWARK_BUILD_DIR !== undefined ? join(out, 'dist') : join(root, 'dist');
if (tests) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // A build folder outside the repository still resolves the project's dependencies.
  if (!out.startsWith(root)) symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'));
}
rmSync(dist, { recursive: true, force: true });

/**
 * commander requires node:child_process at load, for executable subcommands (`git-foo` style), which Bulwark
 * does not use; node:child_process loads net, dgram and the stream modules, a few ms of every start. For
 * commander only, it becomes a module that requires node:child_process on first use.
 */
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('/node_modules/commander/') ? { path: 'child_process', namespace: 'bulwark-lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'bulwark-lazy' }, () => ({
      contents: "let m;\nmodule.exports = new Proxy({}, { get: (_, k) => (m ??= require('node:child_process'))[k] });\n",
      loader: 'js',
    }));
  },
};

/**
 * Dependencies that only some runs use, still bundled (and in the code cache) but initialised on first use: ajv
 * validates a configuration file, jsonc-parser reads daemon.json, baselines and engine JSON, picocolors paints
 * the text report (and reads process.stdout when it loads, which creates the stream). A one-file compose scan
 * with a JSON report needs none of them; loading them at start cost about 0.55 MB of allocation (a sampling
 * heap profile of that scan: jsonc-parser 270 KB, picocolors' stdout stream 148 KB, ajv 134 KB), so about one
 * scavenge, and their module code.
 */
const LAZY_DEPENDENCIES = ['ajv', 'jsonc-parser', 'picocolors'];

/**
 * Our own imports of LAZY_DEPENDENCIES resolve to a facade: an object with one getter per export of the real
 * module, which requires (and so initialises) the bundled module on the first read. The export names are read
 * from the installed package at build time, so they follow its version. A dependency's own imports of them
 * (from node_modules) stay as they are.
 */
const lazyDependencies = {
  name: 'lazy-dependencies',
  setup(b) {
    const filter = new RegExp(`^(${LAZY_DEPENDENCIES.map((d) => d.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) =>
      args.namespace === 'bulwark-lazy-dependency' || args.importer.includes('/node_modules/')
        ? undefined
        : { path: args.path, namespace: 'bulwark-lazy-dependency' },
    );
    b.onLoad({ filter: /.*/, namespace: 'bulwark-lazy-dependency' }, (args) => {
      const names = Object.keys(createRequire(join(root, 'package.json'))(args.path));
      if (names.length === 0) throw new Error(`lazy dependency ${args.path} exports no names`);
      const getters = names.map((n) => `  get ${JSON.stringify(n)}() { return load()[${JSON.stringify(n)}]; },`).join('\n');
      return {
        contents: `let m;\nconst load = () => (m ??= require(${JSON.stringify(args.path)}));\nmodule.exports = {\n${getters}\n};\n`,
        loader: 'js',
        resolveDir: root,
      };
    });
  },
};
/** The CommonJS module wrapper the bundle is written in (see the banner below); the launcher calls the function. */
const BUNDLE_WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {';
const BUNDLE_WRAPPER_TAIL = '\n})';

// The CLI: one CommonJS bundle (dist/bulwark.cjs) that the launcher (scripts/launcher.cjs -> dist/bulwark.js) runs
// with a V8 code cache. CommonJS because Node 20 can give a code cache to a vm.Script but not to an ES module.
// Code that only some commands need (the Engine API client, sh-syntax, ajv, dockerfile-ast, some renderers) is
// imported on demand in the sources; in this bundle that becomes lazy initialisation, run only when needed.
await build({
  entryPoints: { bulwark: join(root, 'src/bin.ts') },
  outdir: dist,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Prefer ESM builds: jsonc-parser's UMD build loads its parts with a dynamic require that cannot be bundled.
  mainFields: ['module', 'main'],
  // yaml's Node build reads process.env.LOG_TOKENS for every token it parses (a call into the C++ environment
  // each time: about a tenth of a 1,000-file scan); its other build, the same code as ES modules, does not.
  // dockerfile-ast (CommonJS) requires these two; their ES module builds would reach it through two getters per
  // property read (esbuild's CommonJS view of an ES module), about 5% of a 1,000-Dockerfile scan. Their UMD
  // builds are CommonJS already.
  alias: {
    yaml: './node_modules/yaml/browser/index.js',
    'vscode-languageserver-types': './node_modules/vscode-languageserver-types/lib/umd/main.js',
    'vscode-languageserver-textdocument': './node_modules/vscode-languageserver-textdocument/lib/umd/main.js',
  },
  sourcemap: 'linked',
  // Whitespace only (names and syntax kept, so stack traces still name functions; the source map gives lines):
  // 1.80 -> 1.28 MB that every start reads and copies into a string, and about 380 fewer page faults of a
  // one-file scan (perf stat -e page-faults: 7,518 -> 7,132).
  minifyWhitespace: true,
  define: { ...define, 'import.meta.url': '__bulwark_import_meta_url' },
  // The bundle is written as one function expression, the wrapper Node.js gives a CommonJS module, so that the
  // launcher compiles the file's text as it is read: wrapping it at run time made a second 1.3 MB string that V8
  // then flattened into a third (about 330 page faults of every start). dist/bulwark.cjs is therefore not a module
  // to require; only the launcher runs it.
  banner: { js: `${BUNDLE_WRAPPER_HEAD}var __bulwark_import_meta_url = require('node:url').pathToFileURL(__filename).href;` },
  footer: { js: BUNDLE_WRAPPER_TAIL },
  // Dependencies with optional native parts stay external (loaded from node_modules at run time).
  external: ['dockerode', 'ssh2', 'cpu-features', 'playwright-core'],
  plugins: [lazyChildProcessForCommander, lazyDependencies],
  logLevel: 'warning',
});
await build({
  entryPoints: { 'gen-docs': join(root, 'scripts/gen-docs.ts') },
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  mainFields: ['module', 'main'],
  sourcemap: 'linked',
  define,
  external: ['dockerode', 'ssh2', 'cpu-features', 'playwright-core'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
makeCodeCache(writeLauncher());

/** dist/bulwark.js: the launcher, told the bundle's hash (which names its cache, and which it checks). @returns the hash */
function writeLauncher() {
  const hash = createHash('sha1')
    .update(readFileSync(join(dist, 'bulwark.cjs')))
    .digest('hex')
    .slice(0, 16);
  const text = readFileSync(join(root, 'scripts/launcher.cjs'), 'utf8').replace('__BULWARK_BUNDLE_HASH__', hash);
  // The package is "type": "module"; the launcher is CommonJS, which starts without Node's ES module loader.
  writeFileSync(join(dist, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
  writeFileSync(join(dist, 'bulwark.js'), text, { mode: 0o755 });
  return hash;
}

/**
 * Runs the CLI once on the bundled examples and a few fixtures (compose, Dockerfiles, run lines, daemon.json)
 * and keeps the V8 code cache of that run, so that the functions a scan needs start compiled. A failure here
 * only costs start-up time, so it warns and goes on.
 */
function makeCodeCache(hash) {
  const cache = join(dist, `bulwark-${hash}.cache`);
  const warm = ['examples', 'scripts/warm-up'].map((p) => join(root, p));
  const r = spawnSync(process.execPath, [join(dist, 'bulwark.js'), 'scan', ...warm, '--fail-on', 'none'], {
    env: { ...process.env, BULWARK_CODE_CACHE_OUT: cache, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status !== 0 || !existsSync(cache)) console.warn(`build: no code cache (the warm-up scan exited ${r.status}): ${r.stderr.slice(0, 500)}`);
}

if (tests) {
  const files = [];
  for (const dir of ['src', 'test']) {
    for (const entry of await readdir(join(root, dir), { recursive: true })) {
      if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) files.push(join(root, dir, entry));
    }
  }
  await build({
    entryPoints: files,
    outdir: out,
    outbase: root,
    bundle: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    define,
    logLevel: 'warning',
  });
}
