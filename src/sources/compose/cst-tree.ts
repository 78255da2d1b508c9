import { CST, Document, isScalar, Parser, type ScalarTag } from 'yaml';
import {
  aliasGuard,
  decodeBinary,
  LIMITS,
  type LMap,
  type LNode,
  type LScalar,
  type LSeq,
  mergeInto,
  type SourceFile,
  scalarNode,
  YAML_OPTIONS,
} from './tree.js';

/**
 * The located tree of a compose file built straight from the concrete syntax tree of yaml's parser (yaml's
 * `Parser`, `CST.resolveAsScalar` for scalar text, the tags of the schema `parseDocument` uses for plain scalars),
 * without yaml's Composer, Document and node classes: about half of what `parseDocument` costs, and the tree toTree
 * would make of it without the second walk.
 *
 * It reads the YAML compose files are written in: one document holding a block mapping; block and flow mappings and
 * sequences; plain, quoted and block scalars; anchors, aliases and `<<` merge keys; the `!reset`, `!override` and
 * `!!binary` tags; comments. Wherever yaml's Composer would report an error or a warning, and wherever the text holds
 * something else (another tag, a directive, several documents, `? ` keys, keys with properties, tabs where they
 * may be indentation, an alias toTree refuses, nesting deeper than LIMITS.maxNesting), it gives up and returns
 * undefined: loadComposeFile then reads the text with `parseDocument` and toTree as before, which report what is
 * wrong. Each check that gives up mirrors a
 * check of yaml's compose step (yaml 2.9: compose/resolve-props.js, resolve-block-map.js, resolve-block-seq.js,
 * resolve-flow-collection.js, compose-collection.js, compose-node.js, compose-doc.js, resolve-end.js), and
 * cst-tree.test.ts compares both readers on the test files and on mutated ones: where this one answers, the tree
 * (values, offsets, tags, block lines, and the order `onValue` sees the scalars in) is the one toTree gives.
 */

/** Thrown inside the builder when the text is left to yaml's Composer (no stack trace: it is caught at once). */
const LEAVE: unique symbol = Symbol('left to the composer');

function leave(): never {
  throw LEAVE;
}

type Token = CST.Token;
type SourceToken = CST.SourceToken;

/** What resolveProps of yaml finds in the tokens before a node (what toTree uses of it). */
interface Props {
  /** The indicator looked for (`:`, `-`, `---`, `?`), when written. */
  found: SourceToken | undefined;
  anchor: SourceToken | undefined;
  tag: SourceToken | undefined;
  comma: SourceToken | undefined;
  hasNewline: boolean;
  /** True when a comment is written among the tokens. */
  hasComment: boolean;
  /** The last line break after an anchor or a tag. */
  newlineAfterProp: SourceToken | undefined;
  /** Where the first anchor or tag is, else `end`. */
  start: number;
  /** Where the tokens end (`offset` when there are none). */
  end: number;
}

/**
 * The properties and indicator in `tokens` (yaml's resolveProps), leaving the text to the composer wherever that
 * reports an error: a token out of place, a comment not after a blank, two anchors or tags, properties before the
 * indicator, an anchor ending in `:` (a warning there), and any tab in a blank outside a flow collection (where
 * yaml may take it for indentation, an error in some places: all of them are left to it).
 */
function props(
  tokens: readonly SourceToken[],
  indicator: string,
  flow: boolean,
  next: Token | null | undefined,
  offset: number,
  startOnNewline: boolean,
): Props {
  let hasSpace = startOnNewline;
  let reqSpace = false;
  let hasNewline = false;
  let hasComment = false;
  let found: SourceToken | undefined;
  let anchor: SourceToken | undefined;
  let tag: SourceToken | undefined;
  let comma: SourceToken | undefined;
  let newlineAfterProp: SourceToken | undefined;
  let start = -1;
  for (const t of tokens) {
    if (reqSpace) {
      if (t.type !== 'space' && t.type !== 'newline' && t.type !== 'comma') leave();
      reqSpace = false;
    }
    switch (t.type) {
      case 'space':
        if (!flow && t.source.includes('\t')) leave();
        hasSpace = true;
        break;
      case 'comment':
        if (!hasSpace) leave();
        hasComment = true;
        break;
      case 'newline':
        hasNewline = true;
        if (anchor || tag) newlineAfterProp = t;
        hasSpace = true;
        break;
      case 'anchor':
        if (anchor || t.source.endsWith(':')) leave();
        anchor = t;
        if (start === -1) start = t.offset;
        hasSpace = false;
        reqSpace = true;
        break;
      case 'tag':
        if (tag) leave();
        tag = t;
        if (start === -1) start = t.offset;
        hasSpace = false;
        reqSpace = true;
        break;
      case indicator:
        if (anchor || tag || found) leave();
        found = t;
        hasSpace = false;
        break;
      case 'comma':
        if (!flow || comma) leave();
        comma = t;
        hasSpace = false;
        break;
      default:
        leave();
    }
  }
  const last = tokens[tokens.length - 1];
  const end = last ? last.offset + last.source.length : offset;
  if (reqSpace && next && next.type !== 'space' && next.type !== 'newline' && next.type !== 'comma' && (next.type !== 'scalar' || next.source !== '')) leave();
  return { found, anchor, tag, comma, hasNewline, hasComment, newlineAfterProp, start: start === -1 ? end : start, end };
}

/** Where the tokens after a node end (yaml's resolveEnd), leaving the text to the composer where that reports an error. */
function endOf(tokens: readonly SourceToken[] | undefined, offset: number, strict: boolean): number {
  if (!tokens) return offset;
  let hasSpace = false;
  for (const t of tokens) {
    if (t.type === 'space' || t.type === 'newline') hasSpace = true;
    else if (t.type !== 'comment' || (strict && !hasSpace)) leave();
    offset += t.source.length;
  }
  return offset;
}

/** True when an implicit key's tokens hold a line break (yaml's containsNewline, for the scalar keys read here). */
function keyHasNewline(key: Token): boolean {
  if (!('source' in key) || key.source.includes('\n')) return true;
  return 'end' in key && key.end !== undefined && key.end.some((t) => t.type === 'newline');
}

/** Where an empty value is placed (yaml's emptyScalarPosition): after the indicator and blanks before it, else `offset`. */
function emptyPosition(offset: number, before: readonly SourceToken[] | undefined): number {
  if (!before) return offset;
  for (let i = before.length - 1; i >= 0; --i) {
    const t = before[i] as SourceToken;
    if (t.type === 'space' || t.type === 'comment' || t.type === 'newline') {
      offset -= t.source.length;
      continue;
    }
    for (let j = i + 1; before[j]?.type === 'space'; j++) offset += (before[j] as SourceToken).source.length;
    break;
  }
  return offset;
}

/** The schema's tags that resolve plain scalars by their text, and the options they resolve with (parseDocument's). */
let plainTags: { tags: ScalarTag[]; options: Document['options'] } | undefined;

function schemaTags(): { tags: ScalarTag[]; options: Document['options'] } {
  if (plainTags === undefined) {
    const doc = new Document(null, YAML_OPTIONS);
    const tags = (doc.schema.tags as ScalarTag[]).filter((t) => !('collection' in t && t.collection) && t.default !== false && t.test !== undefined);
    plainTags = { tags, options: doc.options };
  }
  return plainTags;
}

/** What plainValue gives for a `<<` key: yaml's merge tag (a merge key, which toTree reads as one). */
const MERGE = Symbol('<<');
const MERGE_TAG = 'tag:yaml.org,2002:merge';

/**
 * The value of a plain scalar as yaml's schema resolves it (findScalarTagByTest), or MERGE for the merge key (a
 * plain `<<`, and only as a key).
 */
function plainValue(text: string, atKey: boolean): unknown {
  const { tags, options } = schemaTags();
  for (const tag of tags) {
    if ((tag.default === true || (atKey && tag.default === 'key')) && tag.test?.test(text)) {
      if (tag.tag === MERGE_TAG) return MERGE;
      let failed = false;
      let res: unknown;
      try {
        res = tag.resolve(text, () => (failed = true), options);
      } catch {
        // yaml's composeScalar reports a tag that throws as an error.
        failed = true;
      }
      if (failed) leave();
      return isScalar(res) ? res.value : res;
    }
  }
  return text;
}

/** A node built, and where yaml's composer would go on after it (its range's third offset: after blanks and comments). */
interface Built<N extends LNode = LNode> {
  node: N;
  after: number;
}

/**
 * A `!reset`, `!override` or `!!binary` tag, or undefined without one; any other tag leaves the text to the composer.
 * yaml knows neither of the first two (a warning, and the text as a string); `!!binary` is BINARY_TAG.
 */
function tagOf(p: Props): '!reset' | '!override' | '!!binary' | undefined {
  if (!p.tag) return undefined;
  const t = p.tag.source;
  if (t === '!reset' || t === '!override' || t === '!!binary') return t;
  return leave();
}

const FLOW_SCALARS = new Set(['scalar', 'single-quoted-scalar', 'double-quoted-scalar']);

type CollectionTag = '!reset' | '!override' | undefined;

/**
 * Builds the located tree of `text` (see the module comment), then calls `onValue` for every value scalar in
 * document order, as toTree does (only once the whole tree is built: a text left to toTree has seen no call).
 * Undefined when the text is left to `parseDocument` and toTree: anything they might report, or read otherwise, and
 * a top level that is not one block mapping. Never throws for bad input.
 */
export function cstTree(text: string, file: SourceFile, onValue?: (s: LScalar) => void): LMap | undefined {
  const b = new Builder(text, file);
  let root: LMap | undefined;
  try {
    root = b.document();
  } catch (e) {
    // LEAVE, or the call stack run out on deep nesting that the nesting checks let through: toTree's path decides.
    if (e === LEAVE || e instanceof RangeError) return undefined;
    throw e;
  }
  if (root !== undefined && onValue) for (const v of b.values) onValue(v);
  return root;
}

class Builder {
  /** Every value scalar built (not keys), in document order: what toTree hands its `onValue`. */
  readonly values: LScalar[] = [];
  /** Anchored nodes by name (the last one of each name so far), with whether the node is still being built. */
  private readonly anchors = new Map<string, { node: LNode; open: boolean }>();
  private readonly guard = aliasGuard();

  constructor(
    private readonly text: string,
    private readonly file: SourceFile,
  ) {}

  /** The top-level mapping of the only document (yaml's Composer.next and composeDoc). */
  document(): LMap | undefined {
    let doc: CST.Document | undefined;
    for (const t of new Parser().parse(this.text)) {
      if (t.type === 'document' && doc === undefined) doc = t;
      else if (t.type !== 'comment' && t.type !== 'newline' && t.type !== 'space') return undefined;
    }
    const value = doc?.value;
    if (doc === undefined || value === undefined || value.type !== 'block-map') return undefined;
    const p = props(doc.start, 'doc-start', false, value, doc.offset, true);
    if (p.anchor || p.tag || (p.found && !p.hasNewline)) return undefined;
    const built = this.blockMap(value, 0, undefined, undefined);
    endOf(doc.end, built.after, false);
    return built.node;
  }

  /**
   * A node with its properties `p` (yaml's composeNode): `depth` maps and sequences above it. Deeper than
   * LIMITS.maxNesting, the text is left to toTree's path, which refuses it: yaml's composer runs out of call stack
   * (an error it reports) at a depth where this reader would still go on.
   */
  private node(token: Token, p: Props, depth: number): Built {
    if (depth > LIMITS.maxNesting) leave();
    const tag = tagOf(p);
    const anchor = p.anchor ? p.anchor.source.substring(1) : undefined;
    if (anchor === '') leave();
    switch (token.type) {
      case 'alias':
        if (p.anchor || p.tag) leave();
        return this.alias(token, depth);
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar': {
        const built = this.scalar(token, tag !== undefined, false);
        const sc = built.node;
        if (tag === '!!binary') {
          // toTree's rule: the decoded bytes as text; a value that is not base64 is reported there.
          sc.value = typeof sc.value === 'string' ? (decodeBinary(sc.value) ?? leave()) : leave();
        } else if (tag) sc.tag = tag;
        this.values.push(sc);
        if (anchor !== undefined) this.anchors.set(anchor, { node: sc, open: false });
        return built;
      }
      case 'block-seq': {
        if (tag === '!!binary') leave();
        // yaml's composeCollection: a block sequence's properties must be followed by a line break.
        const last = p.anchor && p.tag ? (p.anchor.offset > p.tag.offset ? p.anchor : p.tag) : (p.anchor ?? p.tag);
        if (last && (!p.newlineAfterProp || p.newlineAfterProp.offset < last.offset)) leave();
        return this.blockSeq(token, tag, anchor, depth + 1);
      }
      case 'block-map':
        return tag === '!!binary' ? leave() : this.blockMap(token, depth, tag, anchor);
      case 'flow-collection':
        return tag === '!!binary' ? leave() : this.flow(token, depth, tag, anchor, depth + 1);
      default:
        return leave();
    }
  }

  /**
   * Remembers a collection under its anchor before its items are built, as toTree does: an alias to it from inside
   * is a cycle. Returns the call that marks it built.
   */
  private anchored(anchor: string | undefined, node: LNode): () => void {
    if (anchor === undefined) return () => {};
    const entry = { node, open: true };
    this.anchors.set(anchor, entry);
    return () => {
      entry.open = false;
    };
  }

  /** An alias: the node its anchor names, shared (toTree's rules: an anchor before it, no cycle, the alias-bomb guard). */
  private alias(token: CST.FlowScalar, depth: number): Built {
    const name = token.source.substring(1);
    if (name === '' || name.endsWith(':')) leave();
    const after = endOf(token.end, token.offset + token.source.length, true);
    const target = this.anchors.get(name);
    if (target === undefined || target.open || this.guard(target.node, depth) !== undefined) leave();
    return { node: target.node, after };
  }

  /** A scalar: its text as yaml resolves it, typed by the schema when plain and untagged; MERGE for a `<<` key. */
  private scalar(token: Token, tagged: boolean, atKey: boolean): Built<LScalar> & { merge: boolean } {
    let failed = false;
    const r = CST.resolveAsScalar(token, true, () => {
      failed = true;
    });
    if (r === null || failed) return leave();
    // A tagged scalar is a string: yaml knows neither `!reset` nor `!override` and reads the text as one, and
    // BINARY_TAG keeps the text as written.
    const value = token.type === 'scalar' && !tagged ? plainValue(r.value, atKey) : r.value;
    const merge = value === MERGE;
    const node = scalarNode(this.file, this.text, merge ? null : value, r.value, token.type === 'block-scalar', r.range[0], r.range[1]);
    return { node, after: r.range[2], merge };
  }

  /**
   * An empty value at `offset` (yaml's composeEmptyNode): null, or the empty text when tagged. With a comment among
   * its properties, yaml goes on after them.
   */
  private empty(offset: number, before: readonly SourceToken[] | undefined, p: Props): Built {
    const token: CST.FlowScalar = { type: 'scalar', offset: emptyPosition(offset, before), indent: -1, source: '' };
    const built = this.node(token, p, 0);
    if (p.hasComment) built.after = p.end;
    return built;
  }

  /** A block mapping (yaml's resolveBlockMap), with toTree's keys, duplicate-key and merge-key rules. */
  private blockMap(bm: CST.BlockMap, depth: number, tag: CollectionTag, anchor: string | undefined): Built<LMap> {
    const m: LMap = { kind: 'map', file: this.file, start: bm.offset, end: bm.offset, entries: new Map() };
    if (tag) m.tag = tag;
    const built = this.anchored(anchor, m);
    const merges: LMap[] = [];
    let merged = false;
    let offset = bm.offset;
    let commentEnd: number | undefined;
    for (const { start, key, sep, value } of bm.items) {
      const kp = props(start, 'explicit-key-ind', false, key ?? sep?.[0], offset, true);
      if (kp.found || kp.anchor || kp.tag) leave();
      if (!sep) {
        // A line of comments only (yaml keeps it as the map's comment).
        if (key) leave();
        commentEnd = kp.end;
        continue;
      }
      if (!key || !FLOW_SCALARS.has(key.type) || (key as CST.FlowScalar).indent !== bm.indent || keyHasNewline(key)) leave();
      const k = this.scalar(key, false, true);
      const vp = props(sep, 'map-value-ind', false, value, k.after, false);
      if (!vp.found || (value?.type === 'block-map' && !vp.hasNewline) || kp.start < vp.found.offset - 1024) leave();
      offset = vp.end;
      if (k.merge) {
        if (merged) leave();
        merged = true;
        offset = this.mergeSources(value, vp, depth, merges);
        continue;
      }
      const v = value ? this.node(value, vp, depth + 1) : this.empty(offset, sep, vp);
      offset = v.after;
      this.add(m, k.node, v.node);
    }
    if (commentEnd !== undefined && commentEnd !== 0 && commentEnd < offset) leave();
    mergeInto(m, merges);
    m.end = offset;
    built();
    return { node: m, after: commentEnd ?? offset };
  }

  /** Adds a key and its value to `m`; a key written twice leaves the text to toTree, which reports it. */
  private add(m: LMap, key: LScalar, value: LNode): void {
    const name = String(key.value);
    if (m.entries.has(name)) leave();
    m.entries.set(name, { key, value });
  }

  /**
   * The mappings a `<<` key names, pushed to `merges`, for the map `depth` levels down (toTree: the key's value, or
   * each item of a sequence, at the map's own depth; a sequence is not a node of its own there, so one with
   * properties is left to toTree). Returns where yaml's composer goes on.
   */
  private mergeSources(value: Token | undefined, vp: Props, depth: number, merges: LMap[]): number {
    if (value === undefined) return leave();
    let built: Built;
    if (value.type === 'block-seq' || (value.type === 'flow-collection' && value.start.source === '[')) {
      if (vp.anchor || vp.tag) leave();
      built = value.type === 'block-seq' ? this.blockSeq(value, undefined, undefined, depth) : this.flow(value, depth, undefined, undefined, depth);
      for (const item of (built.node as LSeq).items) merges.push(mapping(item));
    } else {
      built = this.node(value, vp, depth);
      merges.push(mapping(built.node));
    }
    return built.after;
  }

  /** A block sequence (yaml's resolveBlockSeq); its items `itemDepth` levels down. */
  private blockSeq(bs: CST.BlockSequence, tag: CollectionTag, anchor: string | undefined, itemDepth: number): Built<LSeq> {
    const s: LSeq = { kind: 'seq', file: this.file, start: bs.offset, end: bs.offset, items: [] };
    if (tag) s.tag = tag;
    const built = this.anchored(anchor, s);
    let offset = bs.offset;
    let commentEnd: number | undefined;
    for (const { start, value } of bs.items) {
      const p = props(start, 'seq-item-ind', false, value, offset, true);
      if (!p.found) {
        if (p.anchor || p.tag || value) leave();
        commentEnd = p.end;
        continue;
      }
      const v = value ? this.node(value, p, itemDepth) : this.empty(p.end, start, p);
      offset = v.after;
      s.items.push(v.node);
    }
    s.end = offset;
    built();
    return { node: s, after: commentEnd ?? offset };
  }

  /**
   * A flow sequence or mapping (yaml's resolveFlowCollection), without `? ` keys, keys with properties, keys
   * without values, or pairs inside sequences; a sequence's items `itemDepth` levels down.
   */
  private flow(fc: CST.FlowCollection, depth: number, tag: CollectionTag, anchor: string | undefined, itemDepth: number): Built {
    const isMap = fc.start.source === '{';
    const c: LMap | LSeq = isMap
      ? { kind: 'map', file: this.file, start: fc.offset, end: fc.offset, entries: new Map() }
      : { kind: 'seq', file: this.file, start: fc.offset, end: fc.offset, items: [] };
    if (tag) c.tag = tag;
    const built = this.anchored(anchor, c);
    const merges: LMap[] = [];
    let merged = false;
    let offset = fc.offset + fc.start.source.length;
    const last = fc.items.length - 1;
    for (let i = 0; i <= last; i++) {
      const { start, key, sep, value } = fc.items[i] as CST.CollectionItem;
      const p = props(start, 'explicit-key-ind', true, key ?? sep?.[0], offset, false);
      if (p.found) leave();
      if (!p.anchor && !p.tag && !sep && !value) {
        // An empty item: only after a last comma.
        if (i < last || (i === 0 && p.comma)) leave();
        offset = p.end;
        continue;
      }
      if (i === 0 ? p.comma : !p.comma) leave();
      if (value && (value.type === 'block-map' || value.type === 'block-seq')) leave();
      if (c.kind === 'seq') {
        if (sep || key) leave();
        const v = value ? this.node(value, p, itemDepth) : this.empty(p.end, sep, p);
        offset = v.after;
        c.items.push(v.node);
        continue;
      }
      if (!key || !FLOW_SCALARS.has(key.type) || p.anchor || p.tag || !sep) leave();
      const k = this.scalar(key, false, true);
      const vp = props(sep, 'map-value-ind', true, value, k.after, false);
      if (!vp.found) leave();
      if (k.merge) {
        if (merged) leave();
        merged = true;
        offset = this.mergeSources(value, vp, depth, merges);
        continue;
      }
      const v = value ? this.node(value, vp, depth + 1) : this.empty(vp.end, sep, vp);
      offset = v.after;
      this.add(c, k.node, v.node);
    }
    const [close, ...rest] = fc.end;
    if (close === undefined || close.source !== (isMap ? '}' : ']')) leave();
    const closeEnd = close.offset + close.source.length;
    const after = rest.length > 0 ? endOf(rest, closeEnd, true) : closeEnd;
    if (c.kind === 'map') mergeInto(c, merges);
    c.end = closeEnd;
    built();
    return { node: c, after };
  }
}

function mapping(n: LNode): LMap {
  return n.kind === 'map' ? n : leave();
}
