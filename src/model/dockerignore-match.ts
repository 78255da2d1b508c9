/**
 * `.dockerignore` matching as BuildKit does it (moby/patternmatcher): patterns are cleaned paths relative
 * to the context root, `*` and `?` do not cross `/`, `**` matches any number of folders, `[…]` is a class,
 * `!` re-includes, and the last matching pattern wins. A pattern that matches a folder excludes what is in it.
 */
export interface IgnorePattern {
  negate: boolean;
  re: RegExp;
}

/** Compiles one pattern; undefined for an empty one. */
export function compileIgnorePattern(raw: string): IgnorePattern | undefined {
  let p = raw.trim();
  const negate = p.startsWith('!');
  if (negate) p = p.slice(1).trim();
  p = p
    .replace(/^(?:\.\/|\/)+/, '')
    .replace(/\/+$/, '')
    .replace(/\/\.\//g, '/');
  if (p === '' || p === '.') return undefined;
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i] as string;
    if (c === '*') {
      if (p[i + 1] === '*') {
        i++;
        if (p[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = p.indexOf(']', i + 1);
      if (close === -1) re += '\\[';
      else {
        re += `[${p
          .slice(i + 1, close)
          .replace(/^\^/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < p.length) {
      re += (p[i + 1] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i++;
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return { negate, re: new RegExp(`^${re}(?:/.*)?$`) };
}

/** True when `path` (relative to the context root, `/`-separated) is left out of the build context. */
export function isIgnored(patterns: readonly IgnorePattern[], path: string): boolean {
  let ignored = false;
  for (const p of patterns) if (p.re.test(path)) ignored = !p.negate;
  return ignored;
}
