#!/usr/bin/env node
// Runs every *.test.js under .build/ (or $BULWARK_BUILD_DIR) (built by `node scripts/build.mjs --tests`) with Node's test runner.
// Arguments filter the files by substring: `node scripts/run-tests.mjs rules/dockerfile`.
// Integration tests that need a Docker Engine skip with a visible message when none answers, unless
// BULWARK_REQUIRE_ENGINE=1 (set by .ci/run), which turns that skip into a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filter = process.argv.slice(2);
const buildDir = process.env.BULWARK_BUILD_DIR ?? join(root, '.build');
const files = readdirSync(buildDir, { recursive: true })
  .filter((f) => f.endsWith('.test.js') && !f.split('/').includes('node_modules'))
  .map((f) => join(buildDir, f))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();
// A BULWARK_BUILD_DIR build has its own dist/ (see scripts/build.mjs): the end-to-end tests run that CLI.
const cli = join(buildDir, 'dist', 'bulwark.js');
const env = process.env.BULWARK_BUILD_DIR !== undefined && existsSync(cli) ? { ...process.env, BULWARK_CLI: cli } : process.env;
const r = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', cwd: root, env });
process.exit(r.status ?? 1);
