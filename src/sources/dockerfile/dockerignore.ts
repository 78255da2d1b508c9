import { basename, dirname, join } from 'node:path';
import { type BuildContextInfo, type Diagnostic, LineIndex, type Sourced } from '../../model/index.js';
import { type FileReader, readProblem, whyUnreadable } from '../fs.js';

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

/** One ignore file as read: its patterns, or why it is there and cannot be read; neither when there is none. */
interface IgnoreRead {
  file?: BuildContextInfo['dockerignore'];
  problem?: Diagnostic;
}

/** Root `.dockerignore` files already read, by context folder (share one per scan). */
export type DockerignoreCache = Map<string, IgnoreRead>;

/**
 * Finds the ignore file for a build: `<Dockerfile name>.dockerignore` beside the Dockerfile wins over
 * `.dockerignore` at the root of the context (BuildKit behaviour, docs.docker.com "Build context").
 * `contextDir` and `dockerfile` are absolute. `cache` keeps the root files already read, for scans of many
 * Dockerfiles sharing one context. An ignore file that is there but cannot be read (no permission, a folder, a
 * named pipe) is an `unreadable` error added to `problems`, and the result is undefined: what the context holds
 * is then unknown (docker build would fail too), where "no .dockerignore" would be a false finding.
 */
export function readBuildContext(
  dockerfile: string,
  contextDir: string,
  fs: FileReader,
  cache?: DockerignoreCache,
  problems: Diagnostic[] = [],
): BuildContextInfo | undefined {
  const info: BuildContextInfo = { folder: fs.display(contextDir) };
  let read = readIgnoreFile(join(dirname(dockerfile), `${basename(dockerfile)}.dockerignore`), fs);
  if (!read.file && !read.problem) {
    const cached = cache?.get(contextDir);
    read = cached ?? readIgnoreFile(join(contextDir, '.dockerignore'), fs);
    if (!cached) cache?.set(contextDir, read);
  }
  if (read.problem) {
    problems.push(read.problem);
    return undefined;
  }
  if (read.file) info.dockerignore = read.file;
  return info;
}

function readIgnoreFile(path: string, fs: FileReader): IgnoreRead {
  const name = fs.display(path);
  const unreadable = (reason: string): IgnoreRead => ({
    problem: {
      code: 'unreadable',
      severity: 'error',
      message: `cannot read this .dockerignore: ${reason}; whether the build context keeps secrets and VCS data out cannot be known`,
      at: { source: name },
    },
  });
  let text: string | undefined;
  try {
    const size = fs.size(path);
    if (size === undefined) {
      const why = whyUnreadable(fs, path);
      return why === undefined ? {} : unreadable(why);
    }
    if (size > 1024 * 1024) return {};
    text = fs.readText(path);
  } catch (e) {
    return unreadable(readProblem(e));
  }
  if (text === undefined) return {};
  return { file: { name, at: { source: name, line: 1, column: 1 }, patterns: parseDockerignore(text, name) } };
}
