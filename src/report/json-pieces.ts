/**
 * `JSON.stringify(value, null, 2)` as a list of pieces whose concatenation is exactly that text. A value without a
 * long array comes as one piece, the native text. Long arrays (more than LONG elements, at most three levels of
 * plain objects and arrays deep: a report's `findings`, a SARIF log's `results`) are serialised `chunk` elements at
 * a time, each chunk by one native call, so that:
 * - no report is too long for one string: a 4 MiB compose file of 76,000 services gives 688,000 findings, a 553 MB
 *   report, longer than V8's longest string (2^29 - 24 UTF-16 code units);
 * - a large report is never held whole: the pieces are made as they are asked for (a generator), so each is written
 *   and dropped while it is young. A 30 MB report made and written whole took about 20,000 more page faults (the
 *   serialiser's growing buffer, the string, its UTF-8 copy) than the same report in chunks (bench/compose.mjs's
 *   corpus, Node 20), each fault a page of fresh memory the kernel zeroes.
 * A chunk is serialised at its depth in the whole text (inside as many one-element arrays as it is deep), so the
 * native text already carries the indentation of its place, and only its known wrapping is cut off.
 * @param chunk elements of a long array per piece (a report's findings are about 600 bytes each)
 */
export function* jsonPieces(value: unknown, chunk = 100): Generator<string, void, undefined> {
  yield* write(value, 0, chunk);
}

/** Arrays longer than this are written in chunks. */
const LONG = 256;

/** The pieces of `value` at nesting `depth` (the indentation of its first line is already written). */
function* write(value: unknown, depth: number, chunk: number): Generator<string, void, undefined> {
  if (!holdsLongArray(value, 3)) {
    yield atDepth(value, depth);
    return;
  }
  const inner = `\n${'  '.repeat(depth + 1)}`;
  if (Array.isArray(value)) {
    if (value.length <= LONG) {
      // A short array holding a long one: element by element, each at its place.
      yield '[';
      for (let i = 0; i < value.length; i++) {
        yield i === 0 ? inner : `,${inner}`;
        yield* write(value[i], depth + 1, chunk);
      }
    } else {
      for (let i = 0; i < value.length; i += chunk) {
        const text = atDepth(value.slice(i, i + chunk), depth);
        // The chunk's own brackets go; its elements keep the separators and indentation they have in the whole.
        yield i === 0 ? '[' : ',';
        yield text.slice(1, text.length - depth * 2 - 2);
      }
    }
    yield `\n${'  '.repeat(depth)}]`;
    return;
  }
  let first = true;
  for (const [k, el] of Object.entries(value as Record<string, unknown>)) {
    // JSON.stringify leaves out these members of an object.
    if (el === undefined || typeof el === 'function' || typeof el === 'symbol') continue;
    yield `${first ? '{' : ','}${inner}${JSON.stringify(k)}: `;
    first = false;
    yield* write(el, depth + 1, chunk);
  }
  yield first ? '{}' : `\n${'  '.repeat(depth)}}`;
}

/**
 * The native text of `value` as it reads at nesting `depth` of a two-space indented whole: its lines after the first
 * indented by `depth` levels. The value is serialised inside `depth` one-element arrays and their brackets and
 * indentation are cut off, which JSON.stringify's fixed layout makes exact (`[\n  ` before, `\n]` after, per level).
 * A function or symbol, which an array element serialises as `null`, gives `null` as the whole text does.
 */
function atDepth(value: unknown, depth: number): string {
  let wrapped = value;
  for (let d = 0; d < depth; d++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2) ?? 'null';
  if (depth === 0) return text;
  // Level d (0 outermost) opens with `[`, a newline and d + 1 indents, and closes with a newline, d indents and `]`.
  const before = depth * (depth + 3);
  const after = depth * (depth + 1);
  return text.slice(before, text.length - after);
}

/** True when `v` is, or holds within `depth` levels of plain objects and arrays, an array longer than LONG. */
function holdsLongArray(v: unknown, depth: number): boolean {
  if (Array.isArray(v)) return v.length > LONG || (depth > 0 && v.some((el) => holdsLongArray(el, depth - 1)));
  if (v === null || typeof v !== 'object' || depth === 0 || typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  for (const el of Object.values(v)) if (holdsLongArray(el, depth - 1)) return true;
  return false;
}
