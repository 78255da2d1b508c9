import { relative, sep } from 'node:path';

/**
 * Turns one glob into a regular expression over `/`-separated relative paths (gitignore-like): `**` spans
 * folders, `*` and `?` stay within one name, a trailing `/` is dropped, and a pattern without `/` matches a
 * name at any depth. A match on a folder covers everything below it.
 */
export function globToRegExp(glob: string): RegExp {
  let g = glob.trim().replace(/\\/g, '/');
  if (g.startsWith('./')) g = g.slice(2);
  g = g.replace(/\/+$/, '');
  const anchored = g.includes('/');
  if (g.startsWith('/')) g = g.slice(1);
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const ch = g[i] as string;
    if (ch === '*') {
      if (g[i + 1] === '*') {
        const slash = g[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${re}(?:/.*)?$`);
}

/**
 * A predicate for ScanOptions.ignore: true for an absolute path that one of `globs` (relative to `baseDir`)
 * matches. Paths outside `baseDir` are never ignored.
 */
export function ignoreMatcher(globs: readonly string[], baseDir: string): (absolute: string) => boolean {
  const res = globs.filter((g) => g.trim() !== '').map(globToRegExp);
  if (res.length === 0) return () => false;
  return (absolute) => {
    const rel = relative(baseDir, absolute).split(sep).join('/');
    if (rel === '' || rel.startsWith('../') || rel === '..') return false;
    return res.some((r) => r.test(rel));
  };
}
