/**
 * Cheap, deterministic nesting checks run on a compose file's text before it is parsed. The `yaml` parser
 * recurses once per nesting level; on absurd nesting it runs out of call stack, which costs seconds and hundreds
 * of megabytes and gives a position that depends on how much stack was left.
 */

/** Characters the flow-nesting scan stops at. */
const FLOW_SPECIAL = /[[\]{}#'"]/g;

/**
 * Returns the offset of the `[` or `{` that opens flow nesting level `limit + 1`, or -1 when the text never
 * nests flow collections deeper than `limit`.
 *
 * An approximation of YAML's grammar, in one pass with no allocation per character:
 * - `[` and `{` open a level, `]` and `}` close one (never below zero);
 * - `#` at the start of the text or after a space, tab or line break starts a comment, to the end of the line;
 * - `'` and `"` open a quoted scalar only at the start of a scalar (at the start of the text, or after a space,
 *   tab, line break, `[`, `{`, `,` or `:`), so `it's` in a plain scalar is not a quote; `''` inside single quotes
 *   and `\` escapes inside double quotes are honoured; a quote that is never closed ends the scan;
 * - brackets in plain and block scalars (`command: echo [x`, `|` literals) are counted as nesting, and a quote
 *   character at the start of a word in a block scalar opens a quoted span.
 * Compose files nest a few levels, so the limit is only crossed by text that is not a compose file.
 */
export function flowNestingOverflow(text: string, limit: number): number {
  let depth = 0;
  FLOW_SPECIAL.lastIndex = 0;
  for (let m = FLOW_SPECIAL.exec(text); m !== null; m = FLOW_SPECIAL.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      // [ {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) {
      // ] }
      if (depth > 0) depth--;
    } else if (c === 0x23) {
      // #
      if (i > 0 && !isBlank(text.charCodeAt(i - 1))) continue;
      const eol = text.indexOf('\n', i);
      if (eol === -1) return -1;
      FLOW_SPECIAL.lastIndex = eol + 1;
    } else {
      // ' "
      if (i > 0 && !startsScalar(text.charCodeAt(i - 1))) continue;
      const close = c === 0x27 ? singleQuoteEnd(text, i + 1) : doubleQuoteEnd(text, i + 1);
      if (close === -1) return -1;
      FLOW_SPECIAL.lastIndex = close + 1;
    }
  }
  return -1;
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
