/**
 * Cheap, deterministic nesting checks run on a compose file's text before it is parsed. The `yaml` parser
 * recurses once per nesting level; on absurd nesting it runs out of call stack, which costs seconds and hundreds
 * of megabytes and gives a position that depends on how much stack was left.
 */

/** Characters the scan of a flow collection stops at. */
const FLOW_SPECIAL = /[[\]{}#'"]/g;

/**
 * Returns the offset of the `[` or `{` that opens flow nesting level `limit + 1`, or -1 when the text never
 * nests flow collections deeper than `limit`.
 *
 * An approximation of YAML's grammar in one pass (every character is looked at a bounded number of times, so the
 * scan stays linear), which counts only brackets that YAML reads as flow collections:
 * - in block context (no flow collection open), a `[` or `{` opens a level only where a node starts: after the
 *   indentation, a compact `- `, `? ` or `: ` indicator, a `key: `, an anchor (`&a `) or a tag (`!t `). Elsewhere it is
 *   part of a plain scalar (`command: echo [ >> log`) and does not count;
 * - a block scalar (`|`, `>`, with indicators, where a node starts) is skipped with its content: the lines after it
 *   that are blank or indented more than the node that owns it (the key of `key: |`, the `-` of `- |`);
 * - a quoted scalar (`'...'`, `"..."` where a node starts, or in a flow collection after a blank, `[`, `{`, `,` or
 *   `:`) is skipped, also across lines; `''` inside single quotes and `\` escapes inside double quotes are honoured;
 *   a quote that is never closed ends the scan; a quote inside a plain scalar (`it's`) is not a quote;
 * - `#` at the start of a line or after a blank starts a comment, to the end of the line;
 * - in a flow collection, `[` and `{` open a level and `]` and `}` close one, as before (YAML allows no bracket in
 *   a plain scalar there).
 * The first line of a plain scalar that goes on over several lines is read as above; a continuation line that
 * starts with `[` is taken as a node (YAML reads it as text): compose files do not write such lines 257 deep.
 */
export function flowNestingOverflow(text: string, limit: number): number {
  // Each level is opened by a `[` or a `{`: a text with no more of them than `limit` cannot go past it. Counting
  // them with indexOf (native) is several times cheaper than the scan below, and it decides nearly every file.
  if (openBracketsAtMost(text, limit)) return -1;
  const n = text.length;
  let depth = 0;
  let i = 0;
  /** With a block scalar open, the column its content lines must be right of; -2 when none is open. */
  let blockOwner = -2;
  while (i < n) {
    // One line in block context, from its start at `i`.
    let eol = text.indexOf('\n', i);
    if (eol === -1) eol = n;
    let j = i;
    while (j < eol && text.charCodeAt(j) === 0x20) j++;
    const indent = j - i;
    if (blockOwner !== -2) {
      // Content of the block scalar: blank lines, and lines indented more than its owner.
      if (j >= eol || isBlank(text.charCodeAt(j)) || indent > blockOwner) {
        i = eol + 1;
        continue;
      }
      blockOwner = -2;
    }
    // A document marker (`---`, `...`) may be followed by a node on its line.
    if (indent === 0 && (text.startsWith('---', j) || text.startsWith('...', j)) && (j + 3 >= eol || isBlank(text.charCodeAt(j + 3)))) j += 3;
    let owner = indent;
    let keyed = false;
    // From a node start at `j`: what it is decides how the rest of the line is read.
    for (;;) {
      while (j < eol && isBlank(text.charCodeAt(j))) j++;
      if (j >= eol) break;
      const c = text.charCodeAt(j);
      const next = j + 1 < eol ? text.charCodeAt(j + 1) : 0x20;
      if ((c === 0x2d || c === 0x3f || c === 0x3a) && isBlank(next)) {
        // compact `- `, `? `, `: `: a node starts after it; a block scalar right after it is owned by it
        if (!keyed) owner = j - i;
        j += 2;
        continue;
      }
      if (c === 0x26 || c === 0x21) {
        // an anchor or a tag before the node
        while (j < eol && !isBlank(text.charCodeAt(j))) j++;
        continue;
      }
      if (c === 0x23) break; // a comment
      if (c === 0x7c || c === 0x3e) {
        // | or >: a block scalar; its header ends the line
        blockOwner = owner;
        break;
      }
      if (!keyed) owner = j - i;
      if (c === 0x5b || c === 0x7b) {
        // a flow collection: scanned to its end, which may be lines further
        const r = scanFlow(text, j, depth, limit);
        if (r.overflow !== -1) return r.overflow;
        if (r.end === -1) return -1;
        depth = 0;
        j = r.end;
        eol = text.indexOf('\n', j);
        if (eol === -1) eol = n;
        j = afterNode(text, j, eol);
        if (j === -1) break;
        keyed = true;
        continue;
      }
      if (c === 0x27 || c === 0x22) {
        const close = c === 0x27 ? singleQuoteEnd(text, j + 1) : doubleQuoteEnd(text, j + 1);
        if (close === -1) return -1;
        eol = text.indexOf('\n', close);
        if (eol === -1) eol = n;
        j = afterNode(text, close + 1, eol);
        if (j === -1) break;
        keyed = true;
        continue;
      }
      // A plain scalar: a key when `: ` follows it on the line, else text to the end of the line (or a comment).
      const k = afterNode(text, j, eol);
      if (k === -1) break;
      keyed = true;
      j = k;
    }
    i = eol + 1;
  }
  return -1;
}

/** True when `text` holds at most `limit` characters `[` and `{` together. */
function openBracketsAtMost(text: string, limit: number): boolean {
  let count = 0;
  for (let i = text.indexOf('['); i !== -1; i = text.indexOf('[', i + 1)) if (++count > limit) return false;
  for (let i = text.indexOf('{'); i !== -1; i = text.indexOf('{', i + 1)) if (++count > limit) return false;
  return true;
}

/**
 * After a node that starts at `from` (a plain scalar, or the end of a quoted scalar or a flow collection): the
 * offset where the value of a `key: ` on the same line starts, or -1 when no `: ` follows before the end of the line
 * or a comment (` #`). A `:` followed by a blank or the end of the line ends a key.
 */
function afterNode(text: string, from: number, eol: number): number {
  for (let j = from; j < eol; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x3a && (j + 1 >= eol || isBlank(text.charCodeAt(j + 1)))) return j + 1;
    if (c === 0x23 && j > from && isBlank(text.charCodeAt(j - 1))) return -1;
  }
  return -1;
}

/**
 * Scans a flow collection from its opening bracket at `start`, at flow depth `depth` (0 outside any), until the
 * bracket that closes it: `end` is the offset after that bracket (-1 when the text ends first or an unclosed quote
 * ends the scan); `overflow` is the offset of the bracket that opens level `limit + 1`, or -1.
 */
function scanFlow(text: string, start: number, depth: number, limit: number): { end: number; overflow: number } {
  FLOW_SPECIAL.lastIndex = start;
  for (let m = FLOW_SPECIAL.exec(text); m !== null; m = FLOW_SPECIAL.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      // [ {
      if (++depth > limit) return { end: -1, overflow: i };
    } else if (c === 0x5d || c === 0x7d) {
      // ] }
      if (--depth <= 0) return { end: i + 1, overflow: -1 };
    } else if (c === 0x23) {
      // #
      if (i > 0 && !isBlank(text.charCodeAt(i - 1))) continue;
      const eol = text.indexOf('\n', i);
      if (eol === -1) return { end: -1, overflow: -1 };
      FLOW_SPECIAL.lastIndex = eol + 1;
    } else {
      // ' "
      if (i > 0 && !startsScalar(text.charCodeAt(i - 1))) continue;
      const close = c === 0x27 ? singleQuoteEnd(text, i + 1) : doubleQuoteEnd(text, i + 1);
      if (close === -1) return { end: -1, overflow: -1 };
      FLOW_SPECIAL.lastIndex = close + 1;
    }
  }
  return { end: -1, overflow: -1 };
}

/** Space, tab, CR or LF. */
function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** A character after which a quote starts a quoted scalar: a blank, `[`, `{`, `,` or `:`. */
function startsScalar(c: number): boolean {
  return isBlank(c) || c === 0x5b || c === 0x7b || c === 0x2c || c === 0x3a;
}

/** Offset of the `'` that closes a single-quoted scalar whose text starts at `from` (`''` is a quote), or -1. */
function singleQuoteEnd(text: string, from: number): number {
  let j = text.indexOf("'", from);
  while (j !== -1 && text.charCodeAt(j + 1) === 0x27) j = text.indexOf("'", j + 2);
  return j;
}

/** Offset of the `"` that closes a double-quoted scalar whose text starts at `from` (`\` escapes), or -1. */
function doubleQuoteEnd(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x22) return j;
  }
  return -1;
}

/**
 * Returns the offset where block nesting first goes past `limit` levels, or -1. An estimate from indentation,
 * one pass over the lines: a line whose content starts right of every open level opens one more level (levels
 * at or right of its column close first, as in an indentation stack), and each compact `- `, `? ` or `: `
 * indicator at the start of the content opens one more (`- - - x` nests three sequences). Blank lines and
 * comment lines are skipped. Lines of block scalars and multi-line flow collections are counted as block lines,
 * so a literal script indented ever deeper counts as nesting; compose files nest a few levels.
 * The offset is that of the indicator or the content that opens level `limit + 1`.
 */
export function blockNestingOverflow(text: string, limit: number): number {
  const columns: number[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    let eol = text.indexOf('\n', lineStart);
    if (eol === -1) eol = text.length;
    let j = lineStart;
    while (j < eol && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
    const c = text.charCodeAt(j);
    if (j < eol && c !== 0x23 && c !== 0x0d) {
      const column = j - lineStart;
      while (columns.length > 0 && (columns.at(-1) as number) >= column) columns.pop();
      columns.push(column);
      let depth = columns.length;
      if (depth > limit) return j;
      for (;;) {
        const k = text.charCodeAt(j);
        const next = j + 1 < eol ? text.charCodeAt(j + 1) : 0x20;
        if (!((k === 0x2d || k === 0x3f || k === 0x3a) && (next === 0x20 || next === 0x09))) break;
        if (++depth > limit) return j;
        j += 2;
        while (j < eol && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
        if (j >= eol) break;
      }
    }
    lineStart = eol + 1;
  }
  return -1;
}

/**
 * Where to report nesting the parser could not read although both scans above let it through: the
 * start of the content of the line whose content starts furthest right, counting each compact `- `, `? ` or
 * `: ` indicator at the start of the content as part of the indentation (`- - - x` nests three sequences).
 * Every block level adds at least one column, so this is the deepest line or near it. The first such line wins.
 * Returns an offset into `text`.
 */
export function deepestLineStart(text: string): number {
  let best = 0;
  let bestColumn = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let eol = text.indexOf('\n', lineStart);
    if (eol === -1) eol = text.length;
    let j = lineStart;
    for (;;) {
      while (j < eol && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
      if (j >= eol) break;
      const c = text.charCodeAt(j);
      const next = j + 1 < eol ? text.charCodeAt(j + 1) : 0x20;
      if ((c === 0x2d || c === 0x3f || c === 0x3a) && (next === 0x20 || next === 0x09)) j += 2;
      else break;
    }
    if (j < eol && text.charCodeAt(j) !== 0x23 && text.charCodeAt(j) !== 0x0d && j - lineStart > bestColumn) {
      bestColumn = j - lineStart;
      best = j;
    }
    lineStart = eol + 1;
  }
  return best;
}
