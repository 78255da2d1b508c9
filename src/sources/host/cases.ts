import type { DaemonSpec, Diagnostic, HostSpec } from '../../model/index.js';
import { loadHostDaemon } from '../daemon/load.js';
import type { CommandRunner } from './load.js';
import { loadHost } from './load.js';
import { type MemoryEntry, memoryRootFs } from './root-fs.js';

/** Input of a rule-test case for daemon and host sources (see src/testing/sources.ts). */
export interface DaemonHostCase {
  code: string;
  /** Extra host files by host path (`/etc/docker/daemon.json`, `etc/group`): their text. */
  files?: Record<string, string>;
}

function entries(files: Record<string, string> | undefined): Record<string, MemoryEntry> {
  const out: Record<string, MemoryEntry> = {};
  for (const [k, v] of Object.entries(files ?? {})) if (!k.startsWith('<')) out[k.startsWith('/') ? k : `/${k}`] = { text: v };
  return out;
}

/** Loads a daemon.json text as /etc/docker/daemon.json of an otherwise empty host (plus `files`). */
export function daemonJsonCase(c: DaemonHostCase): { subjects: DaemonSpec[]; diagnostics: Diagnostic[] } {
  const fs = memoryRootFs({ ...entries(c.files), '/etc/docker/daemon.json': { text: c.code } });
  const r = loadHostDaemon(fs);
  return { subjects: [r.spec], diagnostics: r.diagnostics };
}

/** Loads a unit text as /etc/systemd/system/docker.service (plus `files`: drop-ins, environment files, daemon.json). */
export function systemdCase(c: DaemonHostCase): { subjects: DaemonSpec[]; diagnostics: Diagnostic[] } {
  const fs = memoryRootFs({ ...entries(c.files), '/etc/systemd/system/docker.service': { text: c.code } });
  const r = loadHostDaemon(fs);
  return { subjects: [r.spec], diagnostics: r.diagnostics };
}

/**
 * Loads a host from a manifest: one line per path, `PATH [MODE] [UID:GID] [file|dir|socket]` (mode in octal),
 * the text of files coming from `files`. `files` keys of the form `<iptables -S INPUT>` give a command's output,
 * which turns on the command runner (commands not given are "not installed").
 */
export function hostCase(c: DaemonHostCase): { subjects: HostSpec[]; diagnostics: Diagnostic[] } {
  const e = entries(c.files);
  for (const line of c.code.split('\n')) {
    const w = line.trim().split(/\s+/);
    if (!w[0]) continue;
    const p = w[0].startsWith('/') ? w[0] : `/${w[0]}`;
    const entry: MemoryEntry = { ...e[p] };
    for (const x of w.slice(1)) {
      if (/^0[0-7]+$/.test(x)) entry.mode = Number.parseInt(x, 8);
      else if (/^\d+:\d+$/.test(x)) [entry.uid, entry.gid] = x.split(':').map(Number) as [number, number];
      else if (x === 'dir' || x === 'socket' || x === 'file') entry.kind = x;
      else if (x === 'unreadable') entry.unreadable = true;
    }
    e[p] = entry;
  }
  const outputs = Object.entries(c.files ?? {}).filter(([k]) => k.startsWith('<'));
  const run: CommandRunner | undefined =
    outputs.length === 0
      ? undefined
      : (cmd, args) => {
          const hit = outputs.find(([k]) => k === `<${[cmd, ...args].join(' ')}>`);
          return hit ? { kind: 'ok', stdout: hit[1] } : { kind: 'missing' };
        };
  const fs = memoryRootFs(e, { usedPercent: 40, inodesUsedPercent: 10 });
  const r = loadHost(fs, run ? { run } : {});
  return { subjects: [r.spec], diagnostics: r.diagnostics };
}
