/**
 * Shell quoting for the rules' text scanners: which parts of RUN shell text are quoted, so that a scanner looking
 * for operators or commands passes over them. The rules are POSIX sh's:
 * - `'…'`: everything up to the next `'` is literal (a backslash too);
 * - `"…"`: up to the next `"` that no backslash escapes (`"a \"b\" c"` is one string);
 * - outside quotes, a backslash escapes the next character (`\"` opens no string); callers skip that pair;
 * - a string that is never closed runs to the end of the text.
 * Nesting (`"$(echo "x")"`) and comments are not modelled. The Dockerfile escape character (`# escape=\``) plays no
 * part: it only joins continuation lines, and whatever it is, the shell reads backslashes as above.
 */

/**
 * The index of the quote that closes the string opened by the `'` or `"` at `text[open]`, or `text.length` when
 * the string is never closed. The string's contents are `text.slice(open + 1, close)`.
 */
export function closingQuote(text: string, open: number): number {
  const quote = text[open];
  if (quote === "'") {
    const close = text.indexOf("'", open + 1);
    return close === -1 ? text.length : close;
  }
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return i;
    if (c === '\\') i++;
  }
  return text.length;
}

/**
 * How `text[index]` is quoted, the text read from its start with the rules above: `quote` is the quote of the string
 * it lies in, its closing quote included (not its opening quote), undefined outside strings; `escaped` is true when
 * a backslash escapes it (outside strings, or inside `"…"`; never inside `'…'`).
 */
export function quotingAt(text: string, index: number): { quote?: '"' | "'"; escaped: boolean } {
  return quotingScanner(text)(index);
}

/** True when `text[index]` lies inside a quoted string, its closing quote included (not its opening quote). */
export function insideQuotes(text: string, index: number): boolean {
  return quotingAt(text, index).quote !== undefined;
}

/**
 * `quotingAt` for one text asked at indexes that never decrease (the matches of a global regex, in order), in one
 * pass over the text in all: each call resumes the scan where the last one stopped, keeping the string that is
 * open there (and, in `"…"`, how far its backslashes are read). A fresh scanner per index (quotingAt) reads the
 * text from its start each time: quadratic on a RUN with thousands of matches.
 * @throws when an index is smaller than the one before (a caller's bug)
 */
export function quotingScanner(text: string): (index: number) => { quote?: '"' | "'"; escaped: boolean } {
  /** The next index of the scan outside strings; it only moves forward. */
  let i = 0;
  /** When `text[i]` opens a string that the last index asked lies in: its closing quote (closingQuote), else -1. */
  let close = -1;
  /** In that string, when it is `"…"`: the next index read for backslashes. */
  let k = -1;
  let last = 0;
  return (index) => {
    if (index < last) throw new Error(`quotingScanner: index ${index} after ${last}`);
    last = index;
    while (i < index) {
      if (close !== -1) {
        if (close < index) {
          i = close + 1;
          close = -1;
          continue;
        }
        if (text[i] === "'") return { quote: "'", escaped: false };
        if (k === -1) k = i + 1;
        for (; k < index; k++) {
          if (text[k] !== '\\') continue;
          if (k + 1 === index) return { quote: '"', escaped: true };
          k++;
        }
        return { quote: '"', escaped: false };
      }
      const c = text[i];
      if (c === '\\') {
        if (i + 1 === index) return { escaped: true };
        i += 2;
      } else if (c === '"' || c === "'") {
        close = closingQuote(text, i);
        k = -1;
      } else i++;
    }
    return { escaped: false };
  };
}
