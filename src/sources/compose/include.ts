import { join, resolve } from 'node:path';
import { type Diagnostic, quoteValue } from '../../model/index.js';
import { type FileReader, readProblem } from '../fs.js';
import { type Environment, parseDotEnv } from './interpolate.js';
import { get, type LNode, type LScalar, locate, variablePieces } from './tree.js';

/** One `include:` entry (compose-spec "include"), its values as written (already interpolated). */
export interface IncludeEntry {
  /** The project's files: the first is its main file, later ones override it. */
  paths: LScalar[];
  /** `env_file:` values; none when the entry sets none. */
  envFiles: LScalar[];
  /** `project_directory:`, when set. */
  projectDirectory?: LScalar;
}

/**
 * True for a path compose fetches with a remote loader instead of reading it from disk (compose's `remote`
 * package): a Git repository (`git@github.com:acme/stack.git`, `ssh://`, `git://`, any `http(s)://` URL, with an
 * optional `#ref:path`) or an OCI artifact (`oci://registry/x`). Bulwark does not fetch them.
 */
export function isRemoteReference(path: string): boolean {
  return /^(?:https?|ssh|git|oci):\/\//i.test(path) || /^[\w.-]+@[\w.-]+:/.test(path);
}

/**
 * Reads one `include:` item: `- a.yaml`, or `- path: a.yaml | [a.yaml, a.override.yaml]` with optional
 * `env_file: f | [f, g]` and `project_directory: dir`. Undefined (with an error) when it names no file.
 */
export function readIncludeEntry(item: LNode, diagnostics: Diagnostic[]): IncludeEntry | undefined {
  if (isText(item)) return { paths: [item], envFiles: [] };
  const path = get(item, 'path');
  const paths = textList(path);
  if (item.kind !== 'map' || paths.length === 0) {
    diagnostics.push({ code: 'invalid-value', severity: 'error', message: 'include: an entry must name a file (path)', at: locate(path ?? item) });
    return undefined;
  }
  const entry: IncludeEntry = { paths, envFiles: textList(get(item, 'env_file')) };
  const dir = get(item, 'project_directory');
  if (isText(dir)) entry.projectDirectory = dir;
  return entry;
}

function isText(n: LNode | undefined): n is LScalar {
  return n?.kind === 'scalar' && typeof n.value === 'string';
}

function textList(n: LNode | undefined): LScalar[] {
  if (isText(n)) return [n];
  return n?.kind === 'seq' ? n.items.filter(isText) : [];
}

/**
 * The variables an included project is interpolated with, as compose-go's ApplyInclude builds them: those of the
 * project that includes it (process environment, its `.env`...) win; then the entry's `env_file`s (relative to
 * `workingDir`, the including project's folder; a later file wins over an earlier one), or when it names none,
 * the `.env` file of the included project's folder, if there is one.
 * Undefined (with a located error) when an env file named is not there, or one that is there cannot be read (no
 * permission, a folder, a named pipe): compose refuses the include.
 * Environments are remembered per outer environment and file list, so files included twice are read once.
 */
export function includeEnvironment(
  entry: IncludeEntry,
  outer: Environment,
  workingDir: string,
  projectDir: string,
  fs: FileReader,
  diagnostics: Diagnostic[],
  at: LNode,
): Environment | undefined {
  const files: { abs: string; node: LNode; optional?: boolean }[] = entry.envFiles.map((n) => ({ abs: resolve(workingDir, String(n.value)), node: n }));
  if (files.length === 0) files.push({ abs: join(projectDir, '.env'), node: at, optional: true });
  let byFiles = derived.get(outer);
  if (!byFiles) derived.set(outer, (byFiles = new Map()));
  const key = files.map((f) => f.abs).join('\u0000');
  const known = byFiles.get(key);
  if (known) return known;
  const values = new Map<string, string>();
  for (const { abs, node, optional } of files) {
    let text: string | undefined;
    try {
      // undefined for no file; a folder, FIFO or device is refused without being opened.
      text = fs.readText(abs);
    } catch (e) {
      const message = `include: cannot read env file ${shownPath(abs, node, fs)}: ${readProblem(e)}; the include is not read (the values it interpolates would be guesses)`;
      diagnostics.push({ code: 'unreadable', severity: 'error', message, at: locate(node) });
      return undefined;
    }
    if (text === undefined && optional) continue;
    if (text === undefined) {
      diagnostics.push({ code: 'include-missing', severity: 'error', message: `include: no such env file ${shownPath(abs, node, fs)}`, at: locate(node) });
      return undefined;
    }
    for (const [name, value] of parseDotEnv(text)) values.set(name, value);
  }
  const env: Environment = values.size === 0 ? outer : { get: (name) => outer.get(name) ?? values.get(name) };
  byFiles.set(key, env);
  return env;
}

/**
 * A path for a message: as written, through quoteValue, when a variable gave part of it (`"${GH}.env" (from the
 * environment, 44 characters)`: it may hold a secret); else where it is, from the current folder.
 */
export function shownPath(abs: string, node: LNode, fs: FileReader): string {
  const pieces = variablePieces(node);
  if (pieces) return quoteValue(String((node as LScalar).value), pieces);
  return quoteValue(fs.display(abs));
}

/** Include environments already built, per outer environment and env file list. */
const derived = new WeakMap<Environment, Map<string, Environment>>();
