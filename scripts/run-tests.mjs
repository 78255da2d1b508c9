#!/usr/bin/env node
// Runs every *.test.js under .build/ (built by `node scripts/build.mjs --tests`) with Node's test runner.
// Integration tests that need a Docker Engine skip with a visible message when none answers, unless
// BULWARK_REQUIRE_ENGINE=1 (set by .ci/run), which turns that skip into a failure.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filter = process.argv.slice(2);
const files = readdirSync(join(root, '.build'), { recursive: true })
  .filter((f) => f.endsWith('.test.js'))
  .map((f) => join(root, '.build', f))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();
const r = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
