import { createRequire } from 'node:module';
import type { CommandRunner } from './load.js';

/**
 * Runs one of the read-only query commands `audit host` may use on the live host (`auditctl -l`,
 * `iptables -S INPUT`, `nft list ruleset`): no shell, a 5 s timeout, output capped at 4 MiB.
 * Bulwark never runs anything it scans; these are fixed commands chosen by Bulwark. node:child_process (with
 * net, stream and dgram behind it, about 5 ms) is loaded on the first call, not when `bulwark scan` starts.
 */
export const realCommandRunner: CommandRunner = (command, args) => {
  const { spawnSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  const r = spawnSync(command, args, {
    encoding: 'utf8',
    timeout: 5000,
    maxBuffer: 4 * 1024 * 1024,
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' },
  });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { kind: 'missing' } : { kind: 'failed', reason: `${command}: ${code ?? r.error.message}` };
  }
  if (r.status !== 0) return { kind: 'failed', reason: `${command} ${args.join(' ')} exited ${r.status}: ${(r.stderr || '').trim().split('\n')[0]}` };
  return { kind: 'ok', stdout: r.stdout };
};
