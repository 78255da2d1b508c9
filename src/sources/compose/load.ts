import { type Document, parseAllDocuments, parseDocument } from 'yaml';
import { type Diagnostic, LineIndex, unknown } from '../../model/index.js';
import { type FileReader, readProblem } from '../fs.js';
import { cstTree } from './cst-tree.js';
import { type Environment, InterpolationError, interpolate } from './interpolate.js';
import { mergeNodes } from './merge.js';
import { blockNestingOverflow, deepestLineStart, flowNestingOverflow } from './nesting.js';
import { ComposeLoadError, LIMITS, type LMap, type LScalar, linesThrough, locate, type SourceFile, toTree, YAML_OPTIONS } from './tree.js';
import { decodeTree, type EncodedTree, encodeTree } from './tree-codec.js';

/** One compose file, parsed and interpolated. */
export interface LoadedFile {
  file: SourceFile;
  /** The top-level mapping; undefined when the file is empty or could not be read. */
  root?: LMap;
  /** True when the file does not exist (no diagnostic is added for it when `quietIfMissing` was asked). */
  missing?: boolean;
}

/**
 * Reads and parses one compose file: size and binary guards, YAML with positions, anchors and merge keys,
 * interpolation of every value (keys are not interpolated, as in compose).
 * Problems are pushed to `diagnostics` (errors stop this file only); never throws for bad input.
 */
export function loadComposeFile(
  absolute: string,
  fs: FileReader,
  env: Environment,
  diagnostics: Diagnostic[],
  opts: { quietIfMissing?: boolean } = {},
): LoadedFile {
  const display = fs.display(absolute);
  const emptyIndex = new LineIndex('');
  const file: SourceFile = { display, absolute, index: emptyIndex };
  const size = fs.size(absolute);
  if (size !== undefined && size > LIMITS.maxFileBytes) {
    diagnostics.push({
      code: 'too-large',
      severity: 'error',
      message: `compose file is ${size} bytes, over the ${LIMITS.maxFileBytes}-byte limit; not scanned`,
      at: { source: display },
    });
    return { file };
  }
  let text: string | undefined;
  try {
    text = fs.readText(absolute);
  } catch (e) {
    diagnostics.push({ code: 'unreadable', severity: 'error', message: `cannot read: ${readProblem(e)}`, at: { source: display } });
    return { file };
  }
  if (text === undefined) {
    // A file another file names (extends, include) is reported where it is named, with a location.
    if (!opts.quietIfMissing) diagnostics.push({ code: 'unreadable', severity: 'error', message: 'file not found', at: { source: display } });
    return { file, missing: true };
  }
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    const at = new LineIndex(text).location(display, nul, nul + 1);
    diagnostics.push({ code: 'binary', severity: 'error', message: 'binary file (a NUL byte); not scanned', at });
    return { file };
  }
  file.index = new LineIndex(text);
  const onValue = (s: LScalar): void => interpolateScalar(s, env, diagnostics);
  // Parsed ahead in another thread from this very text (src/pipeline/parse-ahead.ts): a file that reads cleanly as
  // one mapping, so only interpolation is left, in the order toTree would have run it.
  const ahead = fs.preparsed?.(absolute, text);
  if (ahead !== undefined) {
    const { root, dollars } = decodeTree(ahead, file);
    for (const s of dollars) onValue(s);
    return { file, root: root as LMap };
  }
  // Deep nesting is refused before parsing: the parser would recurse until the call stack runs out.
  const deep = nestingOverflow(text);
  if (deep !== -1) {
    diagnostics.push({
      code: 'yaml-syntax',
      severity: 'error',
      message: `YAML nesting is deeper than ${LIMITS.maxNesting} levels; not scanned`,
      at: file.index.location(display, deep, deep + 1),
    });
    return { file };
  }
  // Most files are read straight from yaml's syntax tree; whatever that reader leaves (errors, several documents,
  // rarer YAML) is read by parseDocument and toTree, which report it.
  const fast = cstTree(text, file, onValue);
  if (fast !== undefined) return { file, root: fast };
  let docs: Document[] = [parseDocument(text, YAML_OPTIONS)];
  // A file of several `---` documents: compose-go reads each as a layer, merged over the ones before it in order
  // (compose-go loader/multidoc_test.go; `compose publish` writes such files). Most files hold one document, which
  // parseDocument reads; only when it says there are more is the file read again document by document.
  if (docs[0]?.errors.some((err) => err.code === 'MULTIPLE_DOCS')) {
    const all = parseAllDocuments(text, YAML_OPTIONS);
    docs = Array.isArray(all) ? all : [];
  }
  const errors = docs.flatMap((d) => d.errors);
  if (errors.length > 0) {
    // yaml reports a stack overflow as a syntax error with the engine's wording, at wherever the stack ran out.
    // The checks above should keep it from happening; if it does: one error per file, at a place the text decides.
    if (errors.some((err) => isStackOverflow(err.message))) return tooDeep(file, text, diagnostics);
    for (const err of errors) {
      const [s, e] = err.pos;
      diagnostics.push({ code: 'yaml-syntax', severity: 'error', message: firstLine(err.message), at: file.index.location(display, s, e) });
    }
    return { file };
  }
  try {
    let root: LMap | undefined;
    for (const doc of docs) {
      const tree = toTree(doc, file, text, onValue);
      // An empty document (a trailing `---`, which yaml reads as a null scalar): compose skips it.
      if (tree === undefined || (tree.kind === 'scalar' && tree.value === null && tree.tag === undefined)) continue;
      if (tree.kind !== 'map') {
        diagnostics.push({ code: 'not-a-mapping', severity: 'error', message: 'a compose file must be a mapping at the top level', at: locate(tree) });
        return { file };
      }
      root = root ? (mergeNodes(root, tree, []) as LMap) : tree;
    }
    if (root === undefined) {
      // compose refuses an empty file ("empty compose file"): a gate must not pass on it silently.
      diagnostics.push({ code: 'not-a-mapping', severity: 'error', message: 'empty compose file', at: { source: display, line: 1, column: 1 } });
      return { file };
    }
    return { file, root };
  } catch (e) {
    if (e instanceof ComposeLoadError) {
      diagnostics.push({ code: e.code, severity: 'error', message: e.message, at: e.at });
      return { file };
    }
    // The tree conversion recurses once per level too; a parse that just fit may not leave it enough stack.
    if (e instanceof RangeError && isStackOverflow(e.message)) return tooDeep(file, text, diagnostics);
    throw e;
  }
}

/**
 * Interpolates one scalar of a compose file in place (a string with a `$`): its value, or the unknown that a variable
 * without a value makes it, where it came from the environment, and a block scalar's lines mapped through what
 * interpolation changed. An invalid expression (`${VAR:?message}` unset, a bad `${`) makes it unknown and is pushed
 * to `diagnostics` as an error.
 */
function interpolateScalar(s: LScalar, env: Environment, diagnostics: Diagnostic[]): void {
  if (typeof s.value !== 'string' || !s.value.includes('$')) return;
  try {
    // A block scalar's lines (LScalar.lines) are where the value as written reads as the file writes it: mapped
    // through what interpolation changed, unless the value stays as written (unknown, with no variable's value).
    const r = interpolate(s.value, env, s.lines ? { runs: true } : undefined);
    if (r.unknown) s.unknown = r.unknown;
    else s.value = r.value;
    if (r.usedEnv) {
      s.fromEnv = true;
      s.pieces = r.pieces;
    }
    if (s.lines && r.runs && (r.usedEnv || !r.unknown)) {
      const lines = linesThrough(s.lines, r.runs);
      if (lines) s.lines = lines;
      else delete s.lines;
    }
  } catch (e) {
    if (!(e instanceof InterpolationError)) throw e;
    s.unknown = unknown(e.message, s.value);
    diagnostics.push({ code: 'invalid-interpolation', severity: 'error', message: e.message, at: locate(s) });
  }
}

/** The offset where `text` nests deeper than LIMITS.maxNesting (flow, then block nesting), else -1. */
function nestingOverflow(text: string): number {
  const deep = flowNestingOverflow(text, LIMITS.maxNesting);
  return deep === -1 ? blockNestingOverflow(text, LIMITS.maxNesting) : deep;
}

/**
 * What a thread that parses ahead sends for a compose file's text (src/pipeline/parse-ahead.ts): its tree before
 * interpolation, when cstTree reads it (no NUL byte, not nested too deep, one YAML document holding a mapping, no
 * YAML error, no alias bomb, no duplicate key); else undefined, and the file is read as loadComposeFile
 * always reads it, errors and all. Never throws for bad input.
 */
export function preparseComposeText(text: string): EncodedTree | undefined {
  if (text.includes('\u0000') || nestingOverflow(text) !== -1) return undefined;
  const dollars: LScalar[] = [];
  // No location of this file leaves the thread (its problems are reported by the main thread), so no line index.
  const file: SourceFile = { display: '', absolute: '', index: new LineIndex('') };
  // A file cstTree leaves (errors, several documents, rarer YAML) is read by the main thread, which reports it.
  try {
    const tree = cstTree(text, file, (s) => {
      if (typeof s.value === 'string' && s.value.includes('$')) dollars.push(s);
    });
    return tree === undefined ? undefined : encodeTree(tree, dollars);
  } catch {
    // Whatever went wrong, the main thread reads the file again and reports it.
    return undefined;
  }
}

function isStackOverflow(message: string): boolean {
  return /call stack/i.test(message);
}

/** Reports nesting too deep to read, once, at the deepest line's content (see `deepestLineStart`). */
function tooDeep(file: SourceFile, text: string, diagnostics: Diagnostic[]): LoadedFile {
  const at = deepestLineStart(text);
  diagnostics.push({
    code: 'yaml-syntax',
    severity: 'error',
    message: 'YAML nesting is too deep to read; not scanned',
    at: file.index.location(file.display, at, at + 1),
  });
  return { file };
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return (i === -1 ? s : s.slice(0, i)).replace(/ at line \d+, column \d+:?$/, '');
}
