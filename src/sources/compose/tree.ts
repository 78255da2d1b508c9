import { type Document, isAlias, isMap, isScalar, isSeq, Scalar, type ScalarTag, type Node as YamlNode } from 'yaml';
import { isInt64, type LineIndex, type Location, quoteValue, type Unknown, type ValuePiece, type WrittenLine } from '../../model/index.js';
import type { TextRun } from './interpolate.js';

/**
 * A located YAML value tree: what compose sees after anchors, aliases and merge keys are resolved,
 * with every node keeping the file and offsets where it was written. Values reached through an alias keep
 * the location of the anchored node (where the value is really written).
 */
export type LNode = LScalar | LMap | LSeq;

/** The file a node was written in. */
export interface SourceFile {
  /** Path as shown in findings. */
  display: string;
  /** Absolute path, for resolving relative paths written inside the file. */
  absolute: string;
  index: LineIndex;
}

interface LBase {
  file: SourceFile;
  /** Where the node is written; for a block scalar (`|`, `>`), where its text starts (blockTextStart), not its indicator. */
  start: number;
  end: number;
  /** `!reset` or `!override` when written. */
  tag?: string;
}

export interface LScalar extends LBase {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** Set when interpolation met a variable whose value cannot be known. */
  unknown?: Unknown;
  /** True when the value came from `${VAR}` interpolation of the environment or `.env` (may be a secret). */
  fromEnv?: boolean;
  /** With `fromEnv`: the value in pieces, so that messages quote it by its variables, never their values (`quoteValue`). */
  pieces?: ValuePiece[];
  /**
   * For a block scalar (`|`, `>`): where each part of its text that reads as it is written is, as offsets in the
   * file, with the index of its first character in the value as written (blockLines). That is the value as the
   * model's CommandArg.written holds it: a variable as its expression (`${VAR}`), never its value; a `$` written
   * `$$` read as one; a default (`${VAR:-x}`) a variable without a value gave as its text. An unknown value (a
   * variable without a value, none with one) is the text as written. A line with `$$` or a default is in several
   * parts (linesThrough): a part found across them is not on one.
   */
  lines?: BlockLine[];
  /**
   * For a number YAML wrote as a float (`1e3`, `3.0`, `.inf`), or as an integer beyond 64 bits, which go-yaml also
   * reads as a float: the number as written. compose-go's integer-only fields (a device request's `count`) refuse it.
   */
  float?: string;
}

/** `length` characters of a block scalar's value from `index`, written as they read at `offset` of the file. */
export interface BlockLine {
  index: number;
  length: number;
  offset: number;
}

export interface LPair {
  key: LScalar;
  value: LNode;
}

export interface LMap extends LBase {
  kind: 'map';
  entries: Map<string, LPair>;
}

export interface LSeq extends LBase {
  kind: 'seq';
  items: LNode[];
}

/** Limits on what one compose file may expand to (documented in docs/compose.md). */
export const LIMITS = {
  /** Largest compose file read, in bytes. */
  maxFileBytes: 4 * 1024 * 1024,
  /** Most nodes a file may expand to once aliases are resolved (alias-bomb guard). */
  maxExpandedNodes: 250_000,
  /**
   * Deepest flow nesting (`[` and `{`), and deepest block nesting (estimated from indentation), read. The yaml
   * parser runs out of call stack near 800 levels of either on Node 20's default stack, less when the stack is
   * partly used, and a second overflow in one process has crashed node; compose files nest a few levels.
   */
  maxNesting: 256,
} as const;

/** A file compose would refuse, or one Bulwark will not read. */
export class ComposeLoadError extends Error {
  constructor(
    readonly code: 'yaml-syntax' | 'alias-bomb' | 'too-large' | 'invalid-merge' | 'not-a-mapping' | 'binary',
    message: string,
    readonly at: Location,
  ) {
    super(message);
  }
}

/** The pieces of a scalar that took a variable's value in interpolation (LScalar.pieces), else undefined. */
export function variablePieces(n: LNode | undefined): ValuePiece[] | undefined {
  return n?.kind === 'scalar' && n.pieces?.some((p) => p.variable !== undefined) ? n.pieces : undefined;
}

/** Location of a node, with its logical path. */
export function locate(node: LBase, path?: string): Location {
  return node.file.index.location(node.file.display, node.start, node.end, path);
}

/** Where each line of a block scalar's text is written (LScalar.lines, CommandArg.lines), else undefined. */
export function writtenLines(node: LScalar): WrittenLine[] | undefined {
  const f = node.file;
  return node.lines?.map((l) => ({ index: l.index, length: l.length, at: f.index.location(f.display, l.offset, l.offset + l.length) }));
}

const BINARY = 'tag:yaml.org,2002:binary';

/**
 * `!!binary` for yaml's `customTags`: the value stays the text as written, which toTree decodes as compose's reader
 * does (decodeBinary). yaml's own tag decodes leniently under Node (Buffer drops what is not base64) and throws a
 * bare "Invalid character" in its browser build (atob), which the CLI bundles.
 */
export const BINARY_TAG: ScalarTag = { tag: BINARY, default: false, identify: () => false, resolve: (src) => src };

/**
 * The options compose files are parsed with (load.ts, cst-tree.ts). Duplicate keys are refused by toTree and
 * cstTree, in linear time (yaml's uniqueKeys check is quadratic in a map's size), and so is a `!!binary` value that
 * is not base64 (BINARY_TAG keeps it as written).
 */
export const YAML_OPTIONS = { merge: true, prettyErrors: false, uniqueKeys: false, customTags: [BINARY_TAG] };

/**
 * A `!!binary` value decoded as go-yaml v3 decodes it for compose (decode.go: base64.StdEncoding.DecodeString, which
 * skips line breaks and wants the padding), as text; undefined when it is not valid base64 ("!!binary value contains
 * invalid base64 data").
 */
export function decodeBinary(value: string): string | undefined {
  const s = value.replace(/[\r\n]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) return undefined;
  return new TextDecoder().decode(Buffer.from(s, 'base64'));
}

/**
 * Converts a parsed yaml Document into an LNode tree, resolving aliases (shared, not copied) and `<<` merge
 * keys (explicit keys win; among several merged maps the first wins, as YAML 1.1 merge says). `text` is the
 * text the document was parsed from, to locate the text of block scalars.
 * @throws ComposeLoadError for alias bombs, merge keys that do not name mappings, and `!!binary` values that are not
 * base64 (parsed with BINARY_TAG).
 */
export function toTree(doc: Document, file: SourceFile, text: string, onValue?: (s: LScalar) => void): LNode | undefined {
  const memo = new Map<YamlNode, LNode>();
  /** Anchored nodes being converted: an alias to one of them is a cycle. */
  const open = new Set<YamlNode>();
  const anchors = new Map<string, YamlNode>();
  const guard = aliasGuard();

  const lineAt = (offset: number): number => file.index.location(file.display, offset, offset).line ?? 0;
  const lineOf = (node: YamlNode): number => lineAt(node.range ? node.range[0] : 0);
  const fail = (code: ComposeLoadError['code'], message: string, node: YamlNode | null | undefined): never => {
    const [s, e] = node?.range ?? [0, 0];
    throw new ComposeLoadError(code, message, file.index.location(file.display, s, e));
  };

  /** `depth`: the levels of maps and sequences above `node` (0 for the document's value). */
  const conv = (node: unknown, depth: number): LNode => {
    if (isAlias(node)) {
      // The most recent anchor of that name before the alias (YAML 1.2 §3.2.2.2). yaml's Alias.resolve walks the
      // whole document for every alias; conversion runs in document order, so a map kept as we go is enough.
      const target = anchors.get(node.source);
      if (!target) return fail('yaml-syntax', `alias *${node.source} has no anchor before it`, node);
      // An alias inside the value its anchor names would make the tree a cycle (yaml.v3, compose's reader: "anchor
      // contains itself").
      if (open.has(target)) return fail('yaml-syntax', `alias *${node.source} is inside the value it names (a cycle): compose refuses it`, node);
      const t = conv(target, depth);
      const refused = guard(t, depth);
      if (refused) fail('alias-bomb', refused, node);
      return t;
    }
    const y = node as YamlNode;
    // Only an anchored node can be reached again (through an alias), so only those are remembered: a Map
    // entry per node cost about a tenth of the conversion.
    const anchored = y.anchor !== undefined;
    if (anchored) {
      const cached = memo.get(y);
      if (cached) return cached;
      anchors.set(y.anchor as string, y);
      open.add(y);
    }
    // Index access, not destructuring: `const [a, b] = range` runs the iterator protocol for every node.
    const range = y.range;
    const start = range ? range[0] : 0;
    const end = range ? range[1] : 0;
    const tag = y.tag === '!reset' || y.tag === '!override' ? y.tag : undefined;
    let out: LNode;
    if (isMap(y)) {
      const m: LMap = { kind: 'map', file, start, end, entries: new Map() };
      if (tag) m.tag = tag;
      if (anchored) memo.set(y, m);
      const merges: LMap[] = [];
      let mergeKey: YamlNode | undefined;
      for (const pair of y.items) {
        const k = pair.key;
        if (isScalar(k) && typeof k.value === 'symbol') {
          if (mergeKey) fail('yaml-syntax', `duplicate key "<<" (first at line ${lineOf(mergeKey)}): compose refuses a key written twice in one mapping`, k);
          mergeKey = k;
          const v = pair.value;
          const sources = isSeq(v) ? v.items : [v];
          for (const src of sources) {
            const lv = conv(src, depth);
            if (lv.kind !== 'map') fail('invalid-merge', 'a << merge key must name a mapping or a list of mappings', src as YamlNode);
            merges.push(lv as LMap);
          }
          continue;
        }
        if (k != null && !isScalar(k)) fail('yaml-syntax', 'a mapping key must be a scalar: compose reads every key as a string', k as YamlNode);
        const key = scalarOf(k, file, text);
        const name = String(key.value);
        // Duplicate keys are found here, in one pass, instead of by yaml's uniqueKeys option, which compares each
        // key with every key before it (a compose file with 20,000 services took seconds in that check alone).
        // Keys are compared as the strings compose reads (`1` and "1" are one key, as for yaml.v3). The key is quoted
        // through quoteValue: cut past 120 characters (YAML takes implicit keys of up to 1,024), masked when secret-shaped.
        const first = m.entries.get(name);
        if (first)
          fail(
            'yaml-syntax',
            `duplicate key ${quoteValue(name)} (first at line ${lineAt(first.key.start)}): compose refuses a key written twice in one mapping`,
            k as YamlNode,
          );
        const value: LNode = pair.value == null ? nullAt(file, key.end) : conv(pair.value, depth + 1);
        m.entries.set(name, { key, value });
      }
      mergeInto(m, merges);
      out = m;
    } else if (isSeq(y)) {
      const s: LSeq = { kind: 'seq', file, start, end, items: [] };
      if (tag) s.tag = tag;
      if (anchored) memo.set(y, s);
      for (const item of y.items) s.items.push(item == null ? nullAt(file, end) : conv(item, depth + 1));
      out = s;
    } else {
      const sc = scalarOf(y, file, text);
      if (tag) sc.tag = tag;
      onValue?.(sc);
      out = sc;
      if (anchored) memo.set(y, out);
    }
    if (anchored) open.delete(y);
    return out;
  };

  return doc.contents == null ? undefined : conv(doc.contents, 0);
}

/**
 * Adds to `m` the entries of the mappings a `<<` key merged that `m` does not set itself; among several, the first
 * wins (YAML 1.1 merge, as go-yaml reads it for compose).
 */
export function mergeInto(m: LMap, merges: readonly LMap[]): void {
  for (const src of merges) for (const [name, p] of src.entries) if (!m.entries.has(name)) m.entries.set(name, p);
}

/**
 * The alias-bomb guard of a tree being built: called with the node an alias names and the levels of maps and
 * sequences above the alias, it returns why the file is refused (aliases expand to more than
 * LIMITS.maxExpandedNodes nodes in all, or nest values deeper than LIMITS.maxNesting levels), else undefined.
 * A node's measure (the nodes it expands to, a map counting each key too; its levels, 1 for a scalar) is
 * remembered: an alias's target is measured once.
 */
export function aliasGuard(): (target: LNode, depth: number) => string | undefined {
  const measures = new Map<LNode, { size: number; depth: number }>();
  let expanded = 0;
  const measure = (n: LNode): { size: number; depth: number } => {
    const known = measures.get(n);
    if (known !== undefined) return known;
    let size = 1;
    let deepest = 0;
    const values = n.kind === 'map' ? [...n.entries.values()].map((p) => p.value) : n.kind === 'seq' ? n.items : [];
    // A map's key counts as a node too.
    if (n.kind === 'map') size += values.length;
    for (const v of values) {
      const c = measure(v);
      size += c.size;
      deepest = Math.max(deepest, c.depth);
    }
    const m = { size, depth: deepest + 1 };
    measures.set(n, m);
    return m;
  };
  return (target, depth) => {
    const m = measure(target);
    expanded += m.size;
    if (expanded > LIMITS.maxExpandedNodes) return `aliases expand to more than ${LIMITS.maxExpandedNodes} nodes (an alias bomb?); refusing the file`;
    // Aliases inside anchored values nest them without writing the levels: anchors of 200 levels each, the next
    // wrapping an alias to the one before, make a tree thousands of levels deep that every later walk would
    // recurse through until the call stack runs out.
    if (depth + m.depth > LIMITS.maxNesting) return `aliases nest values deeper than ${LIMITS.maxNesting} levels (an alias bomb?); refusing the file`;
    return undefined;
  };
}

function scalarOf(node: unknown, file: SourceFile, text: string): LScalar {
  const y = node as YamlNode;
  const range = y?.range;
  const start = range ? range[0] : 0;
  const end = range ? range[1] : 0;
  if (!isScalar(y)) return { kind: 'scalar', file, start, end, value: null };
  const block = y.type === Scalar.BLOCK_LITERAL || y.type === Scalar.BLOCK_FOLDED;
  const v = y.value;
  // Read with BINARY_TAG, the value is the text as written (else yaml's tag gave the bytes, read in scalarNode).
  if (typeof v === 'string' && y.tag === BINARY) {
    const sc = scalarNode(file, text, v, undefined, block, start, end);
    const decoded = decodeBinary(v);
    if (decoded === undefined) {
      throw new ComposeLoadError('yaml-syntax', '!!binary value is not valid base64: compose refuses it', file.index.location(file.display, sc.start, sc.end));
    }
    sc.value = decoded;
    return sc;
  }
  return scalarNode(file, text, v, y.source, block, start, end);
}

/**
 * A located scalar (LScalar) from what yaml resolved: `v` its value (a string, number, bigint, boolean, null, or the
 * bytes of a `!!binary` value), `source` the text it was resolved from (a plain scalar's, for a number: LScalar.float),
 * `block` true for a block scalar (`|`, `>`), whose start moves to where its text starts (blockTextStart, blockLines).
 * [start, end) are offsets in `text`, as yaml's range gives them.
 */
export function scalarNode(file: SourceFile, text: string, v: unknown, source: unknown, block: boolean, start: number, end: number): LScalar {
  let lines: LScalar['lines'];
  if (block && typeof v === 'string') {
    const from = start;
    start = blockTextStart(text, from, end, v);
    // The value as written; interpolation maps them through what it changes (linesThrough).
    if (start !== from) lines = blockLines(text, start, end, v);
  }
  let value: LScalar['value'];
  if (v === null || v === undefined) value = null;
  else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') value = v;
  else if (typeof v === 'bigint') value = Number(v);
  // A `!!binary` scalar is its decoded bytes as a string, as go-yaml v3 gives compose-go one read into an interface{}
  // (decode.go: `resolved = string(data)` for the binary tag), never the list of byte values String() would write.
  else if (v instanceof Uint8Array) value = new TextDecoder().decode(v);
  else value = String(v);
  const sc: LScalar = { kind: 'scalar', file, start, end, value };
  if (lines) sc.lines = lines;
  if (typeof value === 'number' && typeof source === 'string' && !isInt64(source)) sc.float = source;
  return sc;
}

/**
 * Where the text of a block scalar (`|`, `>`, with indicators) written at [start, end) of `text` starts: its first
 * line that holds text (the value's leading empty lines are blank lines of the file), at the block's indentation,
 * so that a finding points at the value as hadolint and dclint do, not at the indicator. Offsets inside the value
 * then count from there: on that line, the value's first line is the file's line after the indentation (a folded
 * value's first line may go on over the next lines). `start` when the block holds no text, or the line is not the
 * one expected (not expected: yaml read it so).
 */
export function blockTextStart(text: string, start: number, end: number, value: string): number {
  let lead = 0;
  while (value.charCodeAt(lead) === 10) lead++;
  if (lead === value.length) return start;
  // The line after the header (indicators and a comment), then one line per leading empty line of the value.
  let line = text.indexOf('\n', start) + 1;
  for (let i = 0; i < lead && line > 0; i++) line = text.indexOf('\n', line) + 1;
  if (line <= 0 || line >= end) return start;
  let lineEnd = text.indexOf('\n', line);
  if (lineEnd === -1) lineEnd = text.length;
  if (text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
  const raw = text.slice(line, lineEnd);
  const nl = value.indexOf('\n', lead);
  const first = value.slice(lead, nl === -1 ? value.length : nl);
  // A literal line is the indentation then the value's line (an indentation indicator keeps more spaces in it); a
  // folded line may be the start of the value's first line (joined with the next ones): the indentation is its blanks.
  const indent = raw.endsWith(first) ? raw.length - first.length : raw.length - raw.trimStart().length;
  if (!/^ *$/.test(raw.slice(0, indent)) || !first.startsWith(raw.slice(indent, indent + 1))) return start;
  return line + indent;
}

/**
 * Where each line of a block scalar's text is: from `first` (blockTextStart), each line of the file up to `end` that
 * is not blank, after the block's indentation, with the index in `value` where it is read. A literal block reads
 * its lines with line breaks between them, a folded one joins some with a blank: each line is looked for where the
 * value goes on, so an index is never guessed. Undefined when a line is not found there.
 */
function blockLines(text: string, first: number, end: number, value: string): BlockLine[] | undefined {
  const lineStart = text.lastIndexOf('\n', first - 1) + 1;
  const indent = first - lineStart;
  const out: BlockLine[] = [];
  let pos = 0;
  for (let line = lineStart; line > 0 && line < end; ) {
    let next = text.indexOf('\n', line);
    if (next === -1) next = text.length;
    const raw = text.slice(line, text.charCodeAt(next - 1) === 13 ? next - 1 : next);
    if (raw.trim() !== '') {
      if (!/^ *$/.test(raw.slice(0, indent))) return undefined;
      const t = raw.slice(indent);
      while (value.charCodeAt(pos) === 10) pos++;
      if (!value.startsWith(t, pos)) {
        if (value.charCodeAt(pos) === 32 && value.startsWith(t, pos + 1)) pos++;
        else return undefined;
      }
      out.push({ index: pos, length: t.length, offset: line + indent });
      pos += t.length;
    }
    line = next + 1;
  }
  return out.length > 0 ? out : undefined;
}

/**
 * The lines of a block scalar (blockLines, over the text as written) mapped through interpolation (`runs`: where
 * the value as written copies that text): each part of a line that one run copies, at its index in the value as
 * written. Both are in order in the text, so one pass over each. Undefined when no part is left.
 */
export function linesThrough(lines: readonly BlockLine[], runs: readonly TextRun[]): BlockLine[] | undefined {
  const out: BlockLine[] = [];
  let first = 0;
  for (const run of runs) {
    const runEnd = run.from + run.length;
    while (first < lines.length && (lines[first] as BlockLine).index + (lines[first] as BlockLine).length <= run.from) first++;
    for (let k = first; k < lines.length; k++) {
      const l = lines[k] as BlockLine;
      if (l.index >= runEnd) break;
      const s = Math.max(l.index, run.from);
      const e = Math.min(l.index + l.length, runEnd);
      if (e > s) out.push({ index: run.index + s - run.from, length: e - s, offset: l.offset + s - l.index });
    }
  }
  return out.length > 0 ? out : undefined;
}

function nullAt(file: SourceFile, at: number): LScalar {
  return { kind: 'scalar', file, start: at, end: at, value: null };
}

/** Returns the pair for `key` in a map node, or undefined when the node is not a map or lacks the key. */
export function getPair(node: LNode | undefined, key: string): LPair | undefined {
  return node?.kind === 'map' ? node.entries.get(key) : undefined;
}

/** Returns the value node for `key` in a map node. */
export function get(node: LNode | undefined, key: string): LNode | undefined {
  return getPair(node, key)?.value;
}
