import { basename, dirname } from 'node:path';
import type { Diagnostic, DockerfileSpec } from '../../model/index.js';
import type { FileReader } from '../fs.js';
import { type DockerignoreCache, readBuildContext } from './dockerignore.js';
import { parseDockerfile } from './parse.js';

export { type DockerignoreCache, parseDockerignore, readBuildContext } from './dockerignore.js';
export { type Expansion, expandVariables, type VariableScope } from './expand.js';
export { type ParsedDockerfile, parseDockerfile, wordsOf } from './parse.js';

/** Files over this size are not Dockerfiles worth parsing: skipped with a message (bytes). */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024;

/** Suffixes of files that are about a Dockerfile (docs, templates, backups) rather than one. */
const NOT_DOCKERFILE = /\.(?:md|markdown|txt|json|ya?ml|sh|orig|bak|swp|rej|patch|j2|jinja2?|tmpl|tpl|template|erb|mustache|hbs|njk|in)$/;

/**
 * True for the names `bulwark scan` reads as Dockerfiles when walking folders: `Dockerfile`,
 * `Containerfile`, `Dockerfile.<variant>`, `<name>.Dockerfile` (any case of `dockerfile`), but not
 * `Dockerfile.dockerignore` and not files that are plainly something else (`Dockerfile.md`, a template such as
 * `Dockerfile.j2`, a backup).
 */
export function isDockerfileName(name: string): boolean {
  const n = name.toLowerCase();
  if (n === 'dockerfile' || n === 'containerfile') return true;
  if (n.endsWith('.dockerignore')) return false;
  if (/^(?:dockerfile|containerfile)\.[a-z0-9_.-]+$/.test(n)) return !NOT_DOCKERFILE.test(n);
  return /^[a-z0-9_.-]+\.(?:dockerfile|containerfile)$/.test(n);
}

/** One Dockerfile read from disk: the model (absent when it could not be read) and problems. */
export interface LoadedDockerfile {
  spec?: DockerfileSpec;
  diagnostics: Diagnostic[];
}

/**
 * Reads, guards and parses one Dockerfile, and looks at its build context's `.dockerignore`.
 * `contextDir` (absolute) defaults to the Dockerfile's folder, which is what `docker build -f X .` run
 * beside it uses. Huge and binary files are skipped with a warning; unreadable ones are errors.
 * `cache` shares root `.dockerignore` reads between Dockerfiles of one scan. Never throws for bad input.
 */
export function loadDockerfile(absolute: string, fs: FileReader, contextDir: string = dirname(absolute), cache?: DockerignoreCache): LoadedDockerfile {
  const display = fs.display(absolute);
  const at = { source: display };
  const size = fs.size(absolute);
  if (size !== undefined && size > MAX_DOCKERFILE_BYTES) {
    return {
      diagnostics: [
        {
          code: 'too-large',
          severity: 'warning',
          message: `${basename(absolute)} is ${size} bytes, over the ${MAX_DOCKERFILE_BYTES}-byte limit for a Dockerfile; skipped`,
          at,
        },
      ],
    };
  }
  let text: string | undefined;
  try {
    text = fs.readText(absolute);
  } catch (e) {
    return { diagnostics: [{ code: 'unreadable', severity: 'error', message: `cannot read: ${(e as Error).message}`, at }] };
  }
  if (text === undefined) return { diagnostics: [{ code: 'unreadable', severity: 'error', message: 'file not found', at }] };
  if (text.includes('\u0000')) {
    return { diagnostics: [{ code: 'binary', severity: 'warning', message: 'binary file (contains NUL bytes), not a Dockerfile; skipped', at }] };
  }
  const r = parseDockerfile(text, display);
  r.spec.context = readBuildContext(absolute, contextDir, fs, cache);
  return r;
}
