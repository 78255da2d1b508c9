/**
 * `JSON.stringify(value, null, 2)` as a list of pieces whose concatenation is exactly that text: one piece, the
 * native text, when it fits in a string. A report of a very large scan (a 4 MiB compose file of 76,000 services
 * gives 688,000 findings, a 553 MB report) is longer than V8's longest string (2^29 - 24 UTF-16 code units), so
 * it cannot be one string: then the long arrays are serialised element by element (each element with the native
 * JSON.stringify), in pieces of about `pieceSize` code units, written one after the other.
 */
export function jsonPieces(value: unknown, pieceSize = 1 << 20): string[] {
  // The native serialiser in one call is several times faster: pieces only when its text would be too long.
  try {
    return [JSON.stringify(value, null, 2) ?? 'null'];
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
  return piecewise(value, pieceSize);
}

/** jsonPieces' element-by-element path (exported for its tests, which cannot build a 512 MiB value). */
export function piecewise(value: unknown, pieceSize: number): string[] {
  const pieces: string[] = [];
  let buf = '';
  const push = (s: string): void => {
    buf += s;
    if (buf.length >= pieceSize) {
      pieces.push(buf);
      buf = '';
    }
  };
  const write = (v: unknown, indent: string): void => {
    if (!holdsLongArray(v, 3)) {
      // JSON strings hold no raw line break, so indenting every line of the native text is exact.
      const s = JSON.stringify(v, null, 2) ?? 'null';
      push(indent === '' ? s : s.replaceAll('\n', `\n${indent}`));
      return;
    }
    const inner = `${indent}  `;
    if (Array.isArray(v)) {
      push('[');
      for (let i = 0; i < v.length; i++) {
        push(i === 0 ? `\n${inner}` : `,\n${inner}`);
        const el = v[i];
        write(el === undefined || typeof el === 'function' || typeof el === 'symbol' ? null : el, inner);
      }
      push(`\n${indent}]`);
      return;
    }
    push('{');
    let first = true;
    for (const [k, el] of Object.entries(v as Record<string, unknown>)) {
      if (el === undefined || typeof el === 'function' || typeof el === 'symbol') continue;
      push(`${first ? '\n' : ',\n'}${inner}${JSON.stringify(k)}: `);
      first = false;
      write(el, inner);
    }
    push(first ? '}' : `\n${indent}}`);
  };
  write(value, '');
  if (buf !== '') pieces.push(buf);
  return pieces;
}

/** Arrays longer than this are written element by element. */
const LONG = 1024;

/** True when `v` is, or holds within `depth` levels of plain objects, an array longer than LONG. */
function holdsLongArray(v: unknown, depth: number): boolean {
  if (Array.isArray(v)) return v.length > LONG || (depth > 0 && v.some((el) => holdsLongArray(el, depth - 1)));
  if (v === null || typeof v !== 'object' || depth === 0 || typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  for (const el of Object.values(v)) if (holdsLongArray(el, depth - 1)) return true;
  return false;
}
