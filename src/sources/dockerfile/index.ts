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

/**
 * Extensions (the last one, any case) of files that are never a Dockerfile, whatever their name says: source
 * code (`src/model/dockerfile.ts`, `bench/dockerfile.mjs`), documents, data, archives, backups and editor files,
 * and BuildKit's per-Dockerfile `.dockerignore`. Also any name ending with `~` (an editor backup).
 */
const NOT_DOCKERFILE =
  /\.(?:[cm]?js|[cm]?ts|tsx|jsx|go|py|rb|java|kt|rs|c|h|cpp|cs|php|sh|bash|zsh|ps1|md|markdown|rst|txt|adoc|json|jsonc|ya?ml|toml|ini|xml|html?|css|lock|orig|rej|bak|swp|swo|tmp|log|patch|diff|gz|tgz|xz|zip|tar|png|jpe?g|pdf|dockerignore)$|~$/i;

/** Extensions of templates that render a Dockerfile (`Dockerfile.j2`): skipped when walking, read when named. */
const TEMPLATE = /\.(?:j2|jinja2?|tmpl|tpl|template|erb|mustache|hbs|njk|in)$/i;

/** `Dockerfile.<variant>`, `Containerfile.<variant>`, case-sensitive as Docker users write them. */
const VARIANT = /^(?:Dockerfile|Containerfile)\.[\w.-]+$/;

/**
 * True for the names `bulwark scan` reads as Dockerfiles when walking folders:
 * - exactly `Dockerfile` or `Containerfile`, or `dockerfile` / `containerfile` (`docker build` without `-f`
 *   also takes a lowercase `dockerfile`);
 * - `Dockerfile.<variant>` and `Containerfile.<variant>` (`Dockerfile.prod`), with `Dockerfile` spelled so:
 *   `dockerfile.ts` is a TypeScript module about Dockerfiles;
 * - `<name>.Dockerfile` and `<name>.Containerfile` (`api.Dockerfile`, any case of the suffix);
 * but never a name with a source, document, data or backup extension (`Dockerfile.md`, `Dockerfile.bak`,
 * `Dockerfile~`), `Dockerfile.dockerignore`, or a template (`Dockerfile.j2`).
 */
export function isDockerfileName(name: string): boolean {
  if (name === 'Dockerfile' || name === 'Containerfile' || name === 'dockerfile' || name === 'containerfile') return true;
  if (NOT_DOCKERFILE.test(name) || TEMPLATE.test(name)) return false;
  return VARIANT.test(name) || /^[\w.-]+\.(?:dockerfile|containerfile)$/i.test(name);
}

/**
 * True for a file named on the command line that is read as a Dockerfile: a name found by walking
 * (isDockerfileName), a template (`Dockerfile.j2`), or any other name that mentions `dockerfile` or
 * `containerfile` in any case (`prod-dockerfile`), unless it has a source, document, data or backup extension.
 */
export function isExplicitDockerfileName(name: string): boolean {
  return isDockerfileName(name) || (/dockerfile|containerfile/i.test(name) && !NOT_DOCKERFILE.test(name));
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
