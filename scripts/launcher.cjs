#!/usr/bin/env node
// The `bulwark` command. Generated into dist/bulwark.js by scripts/build.mjs: do not edit dist/ by hand.
//
// It runs the CommonJS bundle dist/bulwark.cjs through node:vm with the V8 code cache that the build made by
// running that bundle once (dist/bulwark-<hash>.cache). With the cache, V8 skips parsing and compiling about
// 1.3 MB of JavaScript at every start (about 70 ms of a one-file scan on a 2-core machine). The cache file is
// named after the SHA-1 of the bundle it was made from, and the launcher hashes the bundle it reads (about 1 ms)
// before it hands V8 the cache: V8 itself compares only the source's length, so a bundle edited in place (a
// hotfix, patch-package) would otherwise run the cached code of the old text. V8 refuses a cache made by another
// Node.js version or under other V8 flags, and then compiles the source as usual. Nothing is written at run time.
//
// This file is CommonJS (dist/package.json says so): an ES module entry point makes Node load its ES module
// loader first, about 10 ms of every start.
'use strict';
const { closeSync, constants, fstatSync, openSync, readSync, realpathSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { constants: vmConstants, Script } = require('node:vm');

/**
 * SHA-1 of the bundle this launcher was built with, first 16 hex digits (scripts/build.mjs writes it). An identity
 * against accidental edits, not a signature; SHA-1 because it is the cheapest of node:crypto's hashes here without
 * the CPU's SHA instructions (valgrind's callgrind, which bench/cold-start.mjs uses: 16 M instructions, SHA-256 42 M).
 */
const BUNDLE_HASH = '__BULWARK_BUNDLE_HASH__';
/** Exit code of an internal error (docs/exit-codes.md). */
const EXIT_INTERNAL = 3;
/** A cache larger than this is not one the build made (about 1.3 MB): passed over, never allocated. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/** A bundle larger than this is not one the build made (about 1.3 MB): refused before a buffer is allocated. */
const MAX_BUNDLE_BYTES = 1024 * 1024 * 1024;

/** Ends the process with one line on stderr: the bundle is missing or broken, which a rebuild or reinstall fixes. */
function cannotStart(e) {
  const reason = e instanceof Error ? e.message : String(e);
  process.stderr.write(`bulwark: cannot start: ${reason} (rebuild with \`npm run build\`, or reinstall Bulwark)\n`);
  process.exit(EXIT_INTERNAL);
}

/**
 * An open regular file and its size in bytes, opened without blocking (a named pipe cannot hang the start).
 * @throws when it cannot be opened or is not a regular file
 */
function openRegular(path, maxBytes) {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error(`${path} is not a regular file`);
    if (st.size > maxBytes) throw new Error(`${path} is larger than ${maxBytes} bytes`);
    return { fd, size: st.size };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
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

// dist/, also when this file is reached through a symlink that Node keeps (`node --preserve-symlinks-main`).
const here = dirname(realpathSync(__filename));
const bundle = join(here, 'bulwark.cjs');
let script;
try {
  const source = openRegular(bundle, MAX_BUNDLE_BYTES);
  let cache;
  try {
    cache = openRegular(join(here, `bulwark-${BUNDLE_HASH}.cache`), MAX_CACHE_BYTES);
  } catch {
    // Missing, not a regular file, or too large: V8 compiles the source.
  }
  // One buffer serves both reads: the bundle's bytes are copied into a string before the cache is read over them.
  // Two buffers touched about 330 more pages (page faults) at every start.
  const buffer = Buffer.allocUnsafeSlow(Math.max(source.size, cache?.size ?? 0));
  const length = readAll(source, buffer);
  // esbuild writes ASCII only (non-ASCII is escaped), so latin1 reads it without UTF-8 decoding. The bundle is
  // already the CommonJS wrapper function (scripts/build.mjs writes it so): the text compiles as it is.
  const text = buffer.latin1Slice(0, length);
  let cachedData;
  if (cache !== undefined) {
    // node:crypto is loaded by the bundle anyway (finding fingerprints): hashing here costs only the hash.
    const edited = require('node:crypto').hash('sha1', buffer.subarray(0, length), 'hex').slice(0, 16) !== BUNDLE_HASH;
    if (edited) closeSync(cache.fd);
    else {
      try {
        cachedData = buffer.subarray(0, readAll(cache, buffer));
      } catch {
        // A read error: V8 compiles the source. A damaged cache is V8's to refuse (it checks a checksum).
      }
    }
  }
  script = new Script(text, { filename: bundle, cachedData, importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
} catch (e) {
  // A missing or unreadable bundle, or one that does not compile (truncated): never its text on the terminal.
  cannotStart(e);
}
const out = process.env.BULWARK_CODE_CACHE_OUT;
if (out && require('node:worker_threads').isMainThread) {
  // Used by scripts/build.mjs only: after a representative run, keep every function V8 compiled in it.
  process.on('exit', () => {
    const { renameSync, writeFileSync } = require('node:fs');
    try {
      writeFileSync(`${out}.tmp`, script.createCachedData());
      renameSync(`${out}.tmp`, out);
    } catch (e) {
      process.stderr.write(`bulwark: cannot write the code cache ${out}: ${e.message}\n`);
    }
  });
}
const run = script.runInThisContext();
if (typeof run !== 'function') cannotStart(new Error(`${bundle} is not a Bulwark bundle`));
const bundleModule = { exports: {} };
run(bundleModule.exports, createRequire(bundle), bundleModule, bundle, here);
