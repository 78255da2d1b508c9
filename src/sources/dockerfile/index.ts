import { basename, dirname } from 'node:path';
import { type Diagnostic, type DockerfileSpec, LineIndex } from '../../model/index.js';
import { type FileReader, readProblem } from '../fs.js';
import { type DockerignoreCache, readBuildContext } from './dockerignore.js';
import { parseDockerfile } from './parse.js';
import { readPemSources } from './pem-sources.js';

export { type DockerignoreCache, parseDockerignore, readBuildContext } from './dockerignore.js';
export { type Expansion, expandVariables, type VariableScope } from './expand.js';
export { type ParsedDockerfile, parseDockerfile, wordsOf } from './parse.js';

/** Files over this size (bytes) are not parsed: an error or a warning, see loadDockerfile. */
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
 * True when a file of this name is certainly meant as a Dockerfile, whichever way it was found: every name but
 * `Dockerfile.<variant>` / `Containerfile.<variant>`, which walking also finds for editor and backup files
 * with an unlisted extension.
 */
export function isCertainDockerfileName(name: string): boolean {
  return !VARIANT.test(name);
}

/**
 * Reads, guards and parses one Dockerfile, and looks at its build context's `.dockerignore`.
 * `contextDir` (absolute) defaults to the Dockerfile's folder, which is what `docker build -f X .` run
 * beside it uses. `cache` shares root `.dockerignore` reads between Dockerfiles of one scan.
 * A file over MAX_DOCKERFILE_BYTES or with a NUL byte is not parsed: an error when the file is `meant` as a
 * Dockerfile (a gate must not pass a Dockerfile it never read), else a warning. `meant` defaults to
 * isCertainDockerfileName; callers pass true for a file named on the command line or by a compose `build:`.
 * Unreadable files are errors. Never throws for bad input.
 */
export function loadDockerfile(
  absolute: string,
  fs: FileReader,
  contextDir: string = dirname(absolute),
  cache?: DockerignoreCache,
  meant: boolean = isCertainDockerfileName(basename(absolute)),
): LoadedDockerfile {
  const display = fs.display(absolute);
  const at = { source: display };
  const severity = meant ? 'error' : 'warning';
  const size = fs.size(absolute);
  if (size !== undefined && size > MAX_DOCKERFILE_BYTES) {
    const message = `${basename(absolute)} is ${size} bytes, over the ${MAX_DOCKERFILE_BYTES}-byte limit for a Dockerfile; not scanned`;
    return { diagnostics: [{ code: 'too-large', severity, message, at }] };
  }
  let text: string | undefined;
  try {
    text = fs.readText(absolute);
  } catch (e) {
    return { diagnostics: [{ code: 'unreadable', severity: 'error', message: `cannot read: ${readProblem(e)}`, at }] };
  }
  if (text === undefined) return { diagnostics: [{ code: 'unreadable', severity: 'error', message: 'file not found', at }] };
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    const where = new LineIndex(text).location(display, nul, nul + 1);
    return { diagnostics: [{ code: 'binary', severity, message: 'binary file (a NUL byte); not scanned', at: where }] };
  }
  const r = parseDockerfile(text, display);
  // An ignore file that cannot be read is an error at its own path (the Dockerfile is still judged), and no context.
  const context = readBuildContext(absolute, contextDir, fs, cache, r.diagnostics);
  if (context) r.spec.context = context;
  const pem = readPemSources(r.spec, contextDir, fs);
  if (pem) r.spec.pemSources = pem;
  return r;
}
