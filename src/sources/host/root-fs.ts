import { lstatSync, readdirSync, readFileSync, readlinkSync, statfsSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, relative } from 'node:path';
import { readProblem } from '../fs.js';

/** The result of reading one host file. */
export type ReadResult = { kind: 'ok'; text: string } | { kind: 'missing' } | { kind: 'error'; reason: string };

/** What `stat` says about a host path (after following symbolic links inside the root). */
export interface StatResult {
  kind: 'file' | 'dir' | 'socket' | 'other';
  uid: number;
  gid: number;
  /** Permission bits (`st_mode & 0o7777`). */
  mode: number;
  size: number;
}

/** Block and inode usage of the filesystem holding a path. */
export interface UsageResult {
  usedPercent: number;
  inodesUsedPercent?: number;
}

/**
 * Every host read of `audit host` goes through one of these, rooted at one folder (`--root`, default `/`), so the
 * audit runs the same on the live machine, a mounted image, or a fixture tree. Paths are host paths (`/etc/docker`).
 * No method throws: problems come back as `error` results ("cannot tell").
 */
export interface RootFs {
  /** The root folder on the machine running Bulwark. */
  readonly root: string;
  read(path: string): ReadResult;
  /** Names in a folder, sorted; undefined when it does not exist or cannot be read. */
  list(path: string): string[] | undefined;
  /** Stat of a path; undefined when missing; `{ error }` when it exists but cannot be examined. */
  stat(path: string): StatResult | undefined | { error: string };
  /** Disk and inode usage of the filesystem holding a path; undefined when unknown. */
  usage(path: string): UsageResult | undefined;
  /** How to show a host path in findings: the host path itself for `/`, else the path below the root folder. */
  display(path: string): string;
}

function kindOf(st: { isFile(): boolean; isDirectory(): boolean; isSocket(): boolean }): StatResult['kind'] {
  return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : st.isSocket() ? 'socket' : 'other';
}

/**
 * Resolves a host path below `root`, following symbolic links the way the host would: an absolute link target is
 * taken from the root, never from the machine running Bulwark. Gives up (returns the unresolved path) after 40 links.
 */
export function resolveUnderRoot(root: string, hostPath: string): string {
  if (root === '/') return hostPath;
  const parts = posix.normalize(hostPath).split('/').filter(Boolean);
  let resolved: string[] = [];
  let hops = 0;
  while (parts.length > 0) {
    const name = parts.shift() as string;
    if (name === '..') {
      resolved.pop();
      continue;
    }
    const candidate = join(root, ...resolved, name);
    let target: string | undefined;
    try {
      if (lstatSync(candidate).isSymbolicLink()) target = readlinkSync(candidate);
    } catch {
      target = undefined;
    }
    if (target !== undefined && hops++ < 40) {
      const tparts = target.split('/').filter(Boolean);
      if (isAbsolute(target)) resolved = [];
      parts.unshift(...tparts);
    } else resolved.push(name);
  }
  return join(root, ...resolved);
}

/** A RootFs over the real filesystem below `root`. `displayBase` is the working directory for shown paths. */
export function realRootFs(root: string, displayBase: string = process.cwd()): RootFs {
  const at = (p: string) => resolveUnderRoot(root, p);
  return {
    root,
    read(path) {
      try {
        return { kind: 'ok', text: readFileSync(at(path), 'utf8') };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
        // readProblem's words (`permission denied`), as every other reader says them, not the bare errno code.
        return { kind: 'error', reason: `${path}: ${readProblem(e)}` };
      }
    },
    list(path) {
      try {
        return readdirSync(at(path)).sort();
      } catch {
        return undefined;
      }
    },
    stat(path) {
      try {
        const st = statSync(at(path));
        return { kind: kindOf(st), uid: st.uid, gid: st.gid, mode: st.mode & 0o7777, size: st.size };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        return { error: `${path}: ${readProblem(e)}` };
      }
    },
    usage(path) {
      try {
        const s = statfsSync(at(path));
        if (s.blocks === 0) return undefined;
        const used = s.blocks - s.bfree;
        // df's Use%: used / (used + available to unprivileged users), rounded up.
        const usedPercent = Math.ceil((used * 100) / (used + s.bavail));
        const inodesUsedPercent = s.files > 0 ? Math.ceil(((s.files - s.ffree) * 100) / s.files) : undefined;
        return inodesUsedPercent === undefined ? { usedPercent } : { usedPercent, inodesUsedPercent };
      } catch {
        return undefined;
      }
    },
    display(path) {
      if (root === '/') return path;
      const rel = relative(displayBase, join(root, path));
      if (rel === '') return '.';
      return rel.startsWith('..') ? join(root, path) : rel;
    },
  };
}

/** A file of a memory tree: text, or a folder/socket, with owner and mode (default root:root 0644, folders 0755). */
export interface MemoryEntry {
  text?: string;
  kind?: StatResult['kind'];
  uid?: number;
  gid?: number;
  mode?: number;
  /** `EACCES`-like: the file exists but cannot be read. */
  unreadable?: boolean;
}

/** A RootFs over an in-memory tree, for rule tests. Keys are host paths (`/etc/docker/daemon.json`); parents are implied. */
export function memoryRootFs(entries: Record<string, MemoryEntry>, usage?: UsageResult): RootFs {
  const map = new Map<string, MemoryEntry>();
  for (const [p, e] of Object.entries(entries)) {
    map.set(posix.normalize(p), e);
    let d = posix.dirname(posix.normalize(p));
    while (d !== '/' && !map.has(d)) {
      map.set(d, { kind: 'dir' });
      d = posix.dirname(d);
    }
  }
  const get = (p: string) => map.get(posix.normalize(p)) ?? (p === '/' ? { kind: 'dir' as const } : undefined);
  return {
    root: '/',
    read(path) {
      const e = get(path);
      if (!e || e.kind === 'dir') return { kind: 'missing' };
      if (e.unreadable) return { kind: 'error', reason: `${path}: permission denied` };
      return { kind: 'ok', text: e.text ?? '' };
    },
    list(path) {
      const dir = posix.normalize(path);
      const prefix = dir === '/' ? '/' : `${dir}/`;
      const e = get(dir);
      if (!e || e.unreadable) return undefined;
      const names = new Set<string>();
      for (const k of map.keys()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split('/')[0] as string);
      return [...names].sort();
    },
    stat(path) {
      const e = get(path);
      if (!e) return undefined;
      if (e.unreadable) return { error: `${path}: permission denied` };
      const kind = e.kind ?? 'file';
      return { kind, uid: e.uid ?? 0, gid: e.gid ?? 0, mode: e.mode ?? (kind === 'dir' ? 0o755 : 0o644), size: (e.text ?? '').length };
    },
    usage: () => usage,
    display: (path) => path,
  };
}
