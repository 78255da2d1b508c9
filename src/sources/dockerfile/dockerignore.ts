import { basename, dirname, join } from 'node:path';
import { type BuildContextInfo, LineIndex, type Sourced } from '../../model/index.js';
import type { FileReader } from '../fs.js';

/**
 * Reads a `.dockerignore` file's patterns with their locations: one pattern a line, `#` comments and
 * blank lines skipped, surrounding spaces trimmed (as BuildKit's `ignorefile.ReadAll` does).
 */
export function parseDockerignore(text: string, source: string): Sourced<string>[] {
  const index = new LineIndex(text);
  const out: Sourced<string>[] = [];
  let offset = 0;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lead = line.length - line.trimStart().length;
    const pattern = line.trim();
    if (pattern !== '' && !pattern.startsWith('#')) out.push({ value: pattern, at: index.location(source, offset + lead, offset + lead + pattern.length) });
    offset += raw.length + 1;
  }
  return out;
}

/** Root `.dockerignore` files already read, by context folder (share one per scan; undefined: no file). */
export type DockerignoreCache = Map<string, BuildContextInfo['dockerignore'] | undefined>;

/**
 * Finds the ignore file for a build: `<Dockerfile name>.dockerignore` beside the Dockerfile wins over
 * `.dockerignore` at the root of the context (BuildKit behaviour, docs.docker.com "Build context").
 * `contextDir` and `dockerfile` are absolute. Reading errors count as "no file". `cache` keeps the root
 * files already read, for scans of many Dockerfiles sharing one context.
 */
export function readBuildContext(dockerfile: string, contextDir: string, fs: FileReader, cache?: DockerignoreCache): BuildContextInfo {
  const info: BuildContextInfo = { folder: fs.display(contextDir) };
  const own = readIgnoreFile(join(dirname(dockerfile), `${basename(dockerfile)}.dockerignore`), fs);
  if (own) {
    info.dockerignore = own;
    return info;
  }
  let root: BuildContextInfo['dockerignore'];
  if (cache?.has(contextDir)) root = cache.get(contextDir);
  else {
    root = readIgnoreFile(join(contextDir, '.dockerignore'), fs);
    cache?.set(contextDir, root);
  }
  if (root) info.dockerignore = root;
  return info;
}

function readIgnoreFile(path: string, fs: FileReader): BuildContextInfo['dockerignore'] {
  let text: string | undefined;
  try {
    const size = fs.size(path);
    if (size === undefined || size > 1024 * 1024) return undefined;
    text = fs.readText(path);
  } catch {
    return undefined;
  }
  if (text === undefined) return undefined;
  const name = fs.display(path);
  return { name, at: { source: name, line: 1, column: 1 }, patterns: parseDockerignore(text, name) };
}
