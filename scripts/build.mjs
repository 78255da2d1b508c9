#!/usr/bin/env node
// Builds Bulwark with esbuild.
//   node scripts/build.mjs           -> dist/bulwark.js, one ESM bundle for a fast cold start (no module graph to walk)
//                                       and dist/gen-docs.js (the rule doc generator)
//   node scripts/build.mjs --tests   -> also .build/: every src and test file transpiled one to one, for `node --test`
// Type checking is separate: `npm run typecheck` (tsc --noEmit).
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const define = { __BULWARK_VERSION__: JSON.stringify(pkg.version) };

rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: { bulwark: join(root, 'src/bin.ts'), 'gen-docs': join(root, 'scripts/gen-docs.ts') },
  outdir: join(root, 'dist'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Prefer ESM builds: jsonc-parser's UMD build loads its parts with a dynamic require that cannot be bundled.
  mainFields: ['module', 'main'],
  // Code that only some commands need (the Engine API client and its http/https modules) is loaded on demand
  // from dist/chunks/, so `bulwark scan` starts without it.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  define,
  // Dependencies with optional native parts stay external (loaded from node_modules at run time).
  external: ['dockerode', 'ssh2', 'cpu-features', 'playwright-core'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});

if (process.argv.includes('--tests')) {
  // BULWARK_BUILD_DIR lets several builds run side by side (one folder each).
  const out = process.env.BULWARK_BUILD_DIR ?? join(root, '.build');
  rmSync(out, { recursive: true, force: true });
  const files = [];
  for (const dir of ['src', 'test']) {
    for (const entry of await readdir(join(root, dir), { recursive: true })) {
      if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) files.push(join(root, dir, entry));
    }
  }
  // A build folder outside the repository still resolves the project's dependencies.
  mkdirSync(out, { recursive: true });
  if (!out.startsWith(root)) symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'));
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
