import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from './cli.js';

/**
 * How to run the built CLI so that file permissions apply: directly when the tests run as an ordinary user, and
 * through `runuser -u nobody` when they run as root (root reads a mode-000 file). A string when neither works:
 * the reason the permission tests skip.
 */
export const UNPRIVILEGED: { prefix: string[] } | string = (() => {
  if (process.getuid?.() !== 0) return { prefix: [] };
  if (!existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser'))
    return 'running as root and runuser is missing: permission cases need an unprivileged user';
  const probe = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '-e', '0']);
  if (probe.status !== 0) return 'running as root and `runuser -u nobody` fails here';
  // The checkout itself must be readable by nobody: a clone inside a private folder (`mktemp -d` makes 0700 ones)
  // is not, and every case would fail on "Cannot find module" instead of testing permissions.
  const cli = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, CLI, '--version']);
  if (cli.status !== 0) return `running as root and nobody cannot read the built CLI (${CLI}): a folder above the checkout is private`;
  return { prefix: ['runuser', '-u', 'nobody', '--'] };
})();

/** A temporary folder every user can enter and read (mkdtemp makes 0700 folders). */
export function sharedTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** Runs the built CLI as an unprivileged user (see UNPRIVILEGED, which must not be a string) in `cwd`. */
export function bulwarkUnprivileged(cwd: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  if (typeof UNPRIVILEGED === 'string') throw new Error(UNPRIVILEGED);
  const [cmd, ...rest] = [...UNPRIVILEGED.prefix, process.execPath, CLI, ...args];
  const r = spawnSync(cmd as string, rest, { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1767225600' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
