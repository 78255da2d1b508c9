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
const { closeSync, constants, fstatSync, openSync, readSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { constants: vmConstants, Script } = require('node:vm');

const bundle = join(__dirname, 'bulwark.cjs');
const cacheFile = join(__dirname, `bulwark-${'__BULWARK_BUNDLE_HASH__'}.cache`);

/**
 * An open regular file and its size in bytes. For the cache, undefined when it cannot be used: missing (a build
 * without one, or a copied bundle), or not a regular file (opened without blocking, so a pipe cannot hang the start).
 */
function open(path, optional) {
  if (!optional) {
    const fd = openSync(path, 'r');
    return { fd, size: fstatSync(fd).size };
  }
  let fd;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (st.isFile()) return { fd, size: st.size };
  } catch {
    // Missing or unreadable: V8 compiles the source.
  }
  if (fd !== undefined) closeSync(fd);
  return undefined;
}

/** Reads a whole open file into the start of `buffer` and closes it; returns the bytes read. */
function readAll(file, buffer) {
  try {
    let done = 0;
    for (let n; done < file.size && (n = readSync(file.fd, buffer, done, file.size - done, null)) > 0; ) done += n;
    return done;
  } finally {
    closeSync(file.fd);
  }
}

// One buffer serves both reads: the bundle's bytes are copied into a string before the cache is read over them.
// Two buffers touched about 330 more pages (page faults) at every start.
const source = open(bundle, false);
const cache = open(cacheFile, true);
const buffer = Buffer.allocUnsafeSlow(Math.max(source.size, cache?.size ?? 0));
// esbuild writes ASCII only (non-ASCII is escaped), so latin1 reads it without UTF-8 decoding. The bundle is
// already the CommonJS wrapper function (scripts/build.mjs writes it so): the text compiles as it is.
const text = buffer.latin1Slice(0, readAll(source, buffer));
let cachedData;
try {
  if (cache !== undefined) cachedData = buffer.subarray(0, readAll(cache, buffer));
} catch {
  // A read error: V8 compiles the source. A damaged cache is V8's to refuse (it checks a checksum).
}
const script = new Script(text, {
  filename: bundle,
  cachedData,
  importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
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
