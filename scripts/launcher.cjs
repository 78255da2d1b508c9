#!/usr/bin/env node
// The `bulwark` command. Generated into dist/bulwark.js by scripts/build.mjs: do not edit dist/ by hand.
//
// It runs the CommonJS bundle dist/bulwark.cjs through node:vm with the V8 code cache that the build made by
// running that bundle once (dist/bulwark-<hash>.cache). With the cache, V8 skips parsing and compiling about
// 1.5 MB of JavaScript at every start (about 70 ms of a one-file scan on a 2-core machine). The cache file is
// named after the SHA-256 of the bundle it was made from, so a bundle and a cache from different builds never
// meet; V8 itself refuses a cache made by another Node.js version or with other V8 flags, and then compiles the
// source as usual. Nothing is written at run time.
//
// This file is CommonJS (dist/package.json says so): an ES module entry point makes Node load its ES module
// loader first, about 10 ms of every start.
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { constants, Script } = require('node:vm');

const bundle = join(__dirname, 'bulwark.cjs');
const cacheFile = join(__dirname, `bulwark-${'__BULWARK_BUNDLE_HASH__'}.cache`);
// esbuild writes ASCII only (non-ASCII is escaped), so latin1 reads it without UTF-8 decoding.
const source = readFileSync(bundle, 'latin1');
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // No cache (a build without one, or a copied bundle): V8 compiles the source.
}
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: bundle,
  cachedData,
  importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
const out = process.env.BULWARK_CODE_CACHE_OUT;
if (out && require('node:worker_threads').isMainThread) {
  // Used by scripts/build.mjs only: after a representative run, keep every function V8 compiled in it.
  process.on('exit', () => {
    const { renameSync, writeFileSync } = require('node:fs');
    writeFileSync(`${out}.tmp`, script.createCachedData());
    renameSync(`${out}.tmp`, out);
  });
}
const bundleModule = { exports: {} };
script.runInThisContext()(bundleModule.exports, createRequire(bundle), bundleModule, bundle, __dirname);
