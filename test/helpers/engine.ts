import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { describe, it } from 'node:test';

/** The Engine socket tests talk to: DOCKER_HOST when it is a unix socket, else the default. */
export function engineSocket(): string {
  const h = process.env.DOCKER_HOST;
  return h?.startsWith('unix://') ? h.slice('unix://'.length) : '/var/run/docker.sock';
}

/** Pings the Engine API (`GET /_ping`) over its unix socket. Resolves, never rejects. */
export function probeEngine(socketPath = engineSocket()): Promise<{ ok: boolean; reason?: string }> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', method: 'GET', timeout: 3000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 ? { ok: true } : { ok: false, reason: `GET /_ping answered ${res.statusCode}` });
    });
    req.on('timeout', () => {
      req.destroy();
      resolve({ ok: false, reason: `no answer on ${socketPath} within 3 s` });
    });
    req.on('error', (e) => resolve({ ok: false, reason: `${socketPath}: ${(e as NodeJS.ErrnoException).code ?? e.message}` }));
    req.end();
  });
}

/**
 * Declares a suite that needs a real Docker Engine. Without one it is skipped with a visible message,
 * unless BULWARK_REQUIRE_ENGINE=1 (CI), where the missing engine is a failing test.
 * Usage (top-level await in the test file): `await engineSuite('audit engine', () => { it(...) })`.
 */
export async function engineSuite(name: string, fn: () => void): Promise<void> {
  const p = await probeEngine();
  if (p.ok) {
    describe(name, fn);
    return;
  }
  if (process.env.BULWARK_REQUIRE_ENGINE === '1') {
    it(`${name}: Docker Engine is required`, () => assert.fail(`BULWARK_REQUIRE_ENGINE=1 but no Docker Engine: ${p.reason}`));
    return;
  }
  process.stderr.write(`# SKIPPED "${name}": no Docker Engine (${p.reason}). Run \`bash scripts/setup-engine.sh\` as root to start one.\n`);
  describe(name, { skip: `no Docker Engine: ${p.reason}` }, fn);
}

/** Runs the docker CLI synchronously; throws with its stderr when it fails. Tests only (Bulwark never spawns docker). */
export function docker(...args: string[]): string {
  const r = spawnSync('docker', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`docker ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim();
}

/** A unique name for test containers and images: `bwtest-<tag>-<pid>-<n>`; remove what you create. */
let counter = 0;
export function testName(tag: string): string {
  counter++;
  return `bwtest-${tag}-${process.pid}-${counter}`;
}

/** The local busybox image made by scripts/setup-engine.sh. */
export const BUSYBOX_IMAGE = 'bulwark-test/busybox:1';
