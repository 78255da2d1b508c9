import { join, resolve } from 'node:path';
import { type Diagnostic, LineIndex, quoteValue } from '../../model/index.js';
import { type FileReader, readProblem } from '../fs.js';
import { type DotEnvEntry, type DotEnvLookup, type Environment, readDotEnv } from './interpolate.js';
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

/** What `includeEnvironment` gives: the variables an include is interpolated with, and the env files it read. */
export interface IncludeEnvironment {
  /** Undefined when compose refuses the include (an env file missing, unreadable or refused: an error was reported). */
  env?: Environment;
  /**
   * Absolute paths of the env files whose text was read, in order, also when one was then refused: they count as
   * files read (`ComposeProject.read`), and an error may be located in them.
   */
  read: string[];
}

/**
 * The variables an included project is interpolated with, as compose-go's ApplyInclude builds them
 * (loader/include.go: `environment.Clone().Merge(envFromFile)`): those of the project that includes it (process
 * environment, its `.env`...) win; then the entry's `env_file`s (relative to `workingDir`, the including project's
 * folder; a later file wins over an earlier one), or when it names none, the `.env` file of the included project's
 * folder, if there is one (a folder named `.env` is skipped, as compose-go skips it).
 * Each env file is read as the project `.env` is (`readDotEnv`, compose-go's dotenv parser), with compose-go's
 * lookup (dotenv/env.go `GetEnvFromFile`): a `${VAR}` or a `KEY` alone takes the including project's variable, then
 * that of the files read before, then the file's own earlier lines. A value made from a variable without a value is
 * unknown (`Environment.unknown`), never a guess.
 * `env` is undefined (with an error) when compose refuses the include: an env file named is not there
 * (`include-missing`, at the path), one that is there cannot be read (`unreadable`: no permission, a folder named
 * in `env_file`, a named pipe), or compose's parser refuses a line of it (`invalid-value` or `invalid-interpolation` at the line and column
 * in the env file: an unterminated quote, a bad key, `${VAR:?err}` without a value). Messages quote paths through
 * `shownPath` and never a value.
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
): IncludeEnvironment {
  const files: { abs: string; node: LNode; optional?: boolean }[] = entry.envFiles.map((n) => ({ abs: resolve(workingDir, String(n.value)), node: n }));
  if (files.length === 0) files.push({ abs: join(projectDir, '.env'), node: at, optional: true });
  let byFiles = derived.get(outer);
  if (!byFiles) derived.set(outer, (byFiles = new Map()));
  const key = files.map((f) => f.abs).join('\u0000');
  const known = byFiles.get(key);
  if (known) return known;
  const read: string[] = [];
  // The variables of the files read so far, a later file's over an earlier one's (compose-go's envMap).
  const vars = new Map<string, DotEnvEntry>();
  const lookup: DotEnvLookup = (name) => {
    const own = vars.get(name);
    return outer.get(name) ?? outer.unknown?.(name) ?? own?.value ?? own?.unknown;
  };
  for (const { abs, node, optional } of files) {
    let text: string | undefined;
    try {
      // undefined for no file; a folder, FIFO or device is refused without being opened.
      text = fs.readText(abs);
    } catch (e) {
      // The project's own `.env` is taken only when it can be stat'ed and is no folder (compose-go loader/include.go:
      // `os.Stat(f); err == nil && !s.IsDir()`): a folder named `.env` is skipped, as is one in a folder that cannot
      // be entered, and the included file itself is then the one that cannot be read (its own error), not a `.env`
      // that may not exist. A named env file that is a folder is refused ("is not a file").
      const code = (e as NodeJS.ErrnoException).code;
      if (optional && (code === 'EISDIR' || (fs.size(abs) === undefined && code !== 'ENOTREG'))) continue;
      const message = `include: cannot read env file ${shownPath(abs, node, fs)}: ${readProblem(e)}; the include is not read (the values it interpolates would be guesses)`;
      diagnostics.push({ code: 'unreadable', severity: 'error', message, at: locate(node) });
      return { read };
    }
    if (text === undefined && optional) continue;
    if (text === undefined) {
      diagnostics.push({ code: 'include-missing', severity: 'error', message: `include: no such env file ${shownPath(abs, node, fs)}`, at: locate(node) });
      return { read };
    }
    read.push(abs);
    const parsed = readDotEnv(text, lookup);
    if (parsed.problem) {
      const { code, message, start, end } = parsed.problem;
      const where = new LineIndex(text).location(fs.display(abs), start, end);
      diagnostics.push({ code, severity: 'error', message: `${message} (compose refuses this env file); the include is not read`, at: where });
      return { read };
    }
    for (const e of parsed.entries) vars.set(e.name, e);
  }
  const result: IncludeEnvironment = { env: vars.size === 0 ? outer : withEnvFiles(outer, vars), read };
  byFiles.set(key, result);
  return result;
}

/**
 * `outer` with the variables of an include's env files under it: a variable `outer` sets, known or not, wins
 * (compose-go's Mapping.Merge keeps the keys already set).
 */
function withEnvFiles(outer: Environment, vars: ReadonlyMap<string, DotEnvEntry>): Environment {
  const set = (name: string) => outer.get(name) !== undefined || outer.unknown?.(name) !== undefined;
  return {
    get: (name) => (set(name) ? outer.get(name) : vars.get(name)?.value),
    unknown: (name) => (set(name) ? outer.unknown?.(name) : vars.get(name)?.unknown),
  };
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
const derived = new WeakMap<Environment, Map<string, IncludeEnvironment>>();
