import type { BlockLine, LMap, LNode, LScalar, LSeq, SourceFile } from './tree.js';

/**
 * A located YAML tree (LNode, as toTree builds it) in a form that crosses threads cheaply: numbers in one
 * Float64Array (transferred, not copied) and strings in one array. Shared nodes (an anchored value reached again
 * through an alias, a pair a `<<` merge key copied) stay shared. `dollars` are the scalars whose string value holds
 * a `$`, in the order toTree met them: the ones compose interpolation has work on.
 *
 * Layout, one node after another in document order (tags: 0 none, 1 `!reset`, 2 `!override`):
 * - a node already written: `0, id` (ids count nodes in the order they are written, from 0);
 * - a scalar: `1 | tag << 2 | hasLines << 4 | hasFloat << 5, start, end, type[, value]` (type 0 null, 1 string,
 *   value an index in `strings`; 2 number, value the number; 3 true; 4 false), then with lines their count and
 *   `index, length, offset` each, then with a float the index of its text in `strings`;
 * - a map: `2 | tag << 2, start, end, count`, then each entry's key (a scalar) and value;
 * - a sequence: `3 | tag << 2, start, end, count`, then each item;
 * then the count of `dollars` and their ids.
 */
export interface EncodedTree {
  numbers: Float64Array;
  strings: string[];
}

const REF = 0;
const SCALAR = 1;
const MAP = 2;
const SEQ = 3;
const TAGS = [undefined, '!reset', '!override'] as const;
const tagCode = (tag: string | undefined): number => (tag === '!reset' ? 1 : tag === '!override' ? 2 : 0);

/** Encodes a tree for another thread (see EncodedTree). `dollars` must be nodes of the tree. */
export function encodeTree(root: LNode, dollars: readonly LScalar[]): EncodedTree {
  let numbers = new Float64Array(1024);
  let n = 0;
  const strings: string[] = [];
  const ids = new Map<LNode, number>();
  const push = (x: number): void => {
    if (n === numbers.length) {
      const bigger = new Float64Array(numbers.length * 2);
      bigger.set(numbers);
      numbers = bigger;
    }
    numbers[n++] = x;
  };
  const str = (s: string): number => {
    strings.push(s);
    return strings.length - 1;
  };
  const write = (node: LNode): void => {
    const id = ids.get(node);
    if (id !== undefined) {
      push(REF);
      push(id);
      return;
    }
    ids.set(node, ids.size);
    const tag = tagCode(node.tag) << 2;
    if (node.kind === 'scalar') {
      push(SCALAR | tag | (node.lines ? 16 : 0) | (node.float !== undefined ? 32 : 0));
      push(node.start);
      push(node.end);
      const v = node.value;
      if (v === null) push(0);
      else if (typeof v === 'string') {
        push(1);
        push(str(v));
      } else if (typeof v === 'number') {
        push(2);
        push(v);
      } else push(v ? 3 : 4);
      if (node.lines) {
        push(node.lines.length);
        for (const l of node.lines) {
          push(l.index);
          push(l.length);
          push(l.offset);
        }
      }
      if (node.float !== undefined) push(str(node.float));
    } else if (node.kind === 'map') {
      push(MAP | tag);
      push(node.start);
      push(node.end);
      push(node.entries.size);
      for (const p of node.entries.values()) {
        write(p.key);
        write(p.value);
      }
    } else {
      push(SEQ | tag);
      push(node.start);
      push(node.end);
      push(node.items.length);
      for (const item of node.items) write(item);
    }
  };
  write(root);
  push(dollars.length);
  for (const d of dollars) {
    const id = ids.get(d);
    if (id === undefined) throw new Error('encodeTree: a dollar scalar is not in the tree');
    push(id);
  }
  return { numbers: numbers.slice(0, n), strings };
}

/**
 * Rebuilds a tree encodeTree wrote, every node in `file`: the same values, offsets, tags, block lines and sharing,
 * with objects shaped as toTree shapes them. A map's entries are keyed by their key's value as a string.
 * @throws Error when the encoding is cut short or malformed (a bug: encodings come from encodeTree only)
 */
export function decodeTree(enc: EncodedTree, file: SourceFile): { root: LNode; dollars: LScalar[] } {
  const { numbers, strings } = enc;
  const nodes: LNode[] = [];
  let i = 0;
  const next = (): number => {
    if (i >= numbers.length) throw new Error('decodeTree: the encoding ends early');
    return numbers[i++] as number;
  };
  const read = (): LNode => {
    const head = next();
    const kind = head & 3;
    if (kind === REF) {
      const node = nodes[next()];
      if (node === undefined) throw new Error('decodeTree: a reference to no node');
      return node;
    }
    const tag = TAGS[(head >> 2) & 3];
    const start = next();
    const end = next();
    if (kind === SCALAR) {
      const type = next();
      const value = type === 0 ? null : type === 1 ? (strings[next()] as string) : type === 2 ? next() : type === 3;
      const sc: LScalar = { kind: 'scalar', file, start, end, value };
      nodes.push(sc);
      if (head & 16) {
        const lines: BlockLine[] = [];
        for (let k = next(); k > 0; k--) lines.push({ index: next(), length: next(), offset: next() });
        sc.lines = lines;
      }
      if (head & 32) sc.float = strings[next()] as string;
      if (tag) sc.tag = tag;
      return sc;
    }
    if (kind === MAP) {
      const m: LMap = { kind: 'map', file, start, end, entries: new Map() };
      if (tag) m.tag = tag;
      nodes.push(m);
      for (let k = next(); k > 0; k--) {
        const key = read() as LScalar;
        const value = read();
        m.entries.set(String(key.value), { key, value });
      }
      return m;
    }
    const s: LSeq = { kind: 'seq', file, start, end, items: [] };
    if (tag) s.tag = tag;
    nodes.push(s);
    for (let k = next(); k > 0; k--) s.items.push(read());
    return s;
  };
  const root = read();
  const dollars: LScalar[] = [];
  for (let k = next(); k > 0; k--) dollars.push(nodes[next()] as LScalar);
  return { root, dollars };
}
