import { basename, dirname, join } from 'node:path';
import { type BuildContextInfo, type Diagnostic, isContainerfileName, LineIndex, type Sourced } from '../../model/index.js';
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

/** Ignore files at the root of a context already read (`.dockerignore`, `.containerignore`), by path (share one per scan). */
export type DockerignoreCache = Map<string, IgnoreRead>;

/**
 * Finds the ignore file for a build: `<Dockerfile name>.dockerignore` beside the Dockerfile wins over
 * `.dockerignore` at the root of the context (BuildKit behaviour, docs.docker.com "Build context"). A
 * Containerfile is read as Buildah reads it (pkg/parse ContainerIgnoreFile): `<name>.dockerignore`, else
 * `<name>.containerignore` beside it, else `.containerignore`, else `.dockerignore` at the context's root.
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
  const beside = join(dirname(dockerfile), basename(dockerfile));
  const candidates = isContainerfileName(basename(dockerfile))
    ? [`${beside}.dockerignore`, `${beside}.containerignore`, join(contextDir, '.containerignore'), join(contextDir, '.dockerignore')]
    : [`${beside}.dockerignore`, join(contextDir, '.dockerignore')];
  let read: IgnoreRead = {};
  for (const path of candidates) {
    // The files at the context's root are shared by the Dockerfiles of one context: read once.
    const root = dirname(path) === contextDir && !path.startsWith(`${beside}.`);
    const cached = root ? cache?.get(path) : undefined;
    read = cached ?? readIgnoreFile(path, fs);
    if (root && !cached) cache?.set(path, read);
    if (read.file || read.problem) break;
  }
  if (read.problem) {
    problems.push(read.problem);
    return undefined;
  }
  if (read.file) info.dockerignore = read.file;
  return info;
}

/** The largest ignore file read (1 MiB): a real one holds a few dozen patterns. */
const MAX_IGNORE_BYTES = 1024 * 1024;

/** `.containerignore` or `.dockerignore`, as a message names an ignore file at `path`. */
function kindOf(path: string): string {
  return path.endsWith('.containerignore') ? '.containerignore' : '.dockerignore';
}

function readIgnoreFile(path: string, fs: FileReader): IgnoreRead {
  const name = fs.display(path);
  const unreadable = (reason: string): IgnoreRead => ({
    problem: {
      code: 'unreadable',
      severity: 'error',
      message: `cannot read this ${kindOf(path)}: ${reason}; whether the build context keeps secrets and VCS data out cannot be known`,
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
    // Not read, but there: "no .dockerignore" would be a false finding, and what it excludes cannot be known.
    if (size > MAX_IGNORE_BYTES) {
      return {
        problem: {
          code: 'too-large',
          severity: 'error',
          message: `this ${kindOf(path)} is ${size} bytes, over the ${MAX_IGNORE_BYTES}-byte limit, and was not read; whether the build context keeps secrets and VCS data out cannot be known`,
          at: { source: name },
        },
      };
    }
    text = fs.readText(path);
  } catch (e) {
    return unreadable(readProblem(e));
  }
  if (text === undefined) return {};
  return { file: { name, at: { source: name, line: 1, column: 1 }, patterns: parseDockerignore(text, name) } };
}
