/**
 * Heredocs as BuildKit reads them (moby/buildkit frontend/dockerfile/parser: heredocsFromLine, reHeredoc
 * `^(\d*)<<(-?)\s*([^<]*)$`, and the body reading that compares each line, trailing carriage returns dropped and,
 * for `<<-`, leading tabs dropped, with the name). All positions are offsets in the Dockerfile text.
 */

/** One `<<NAME` of an instruction's first line. */
export interface HeredocMarker {
  /** The delimiter, quotes and backslashes removed (`<<"EOF"`, `<<eo'f'`, `<<\EOF`: EOF, eof, EOF). */
  name: string;
  /** `<<-`: leading tabs of body lines and of the delimiter line are dropped. */
  chomp: boolean;
  /** Where the name is written: [nameStart, nameEnd). */
  nameStart: number;
  nameEnd: number;
}

/** A heredoc with its body: [contentStart, contentEnd), and the delimiter line, or none when the text ends first. */
export interface HeredocBody extends HeredocMarker {
  contentStart: number;
  contentEnd: number;
  /** [start, end) of the delimiter as written (tabs of `<<-` left out); undefined when unterminated. */
  delimiter?: { start: number; end: number };
}

/**
 * The heredoc markers of an instruction's arguments `args` (its logical line: continuation escapes and comment
 * lines inside it included), which start at `offset` in the text. Words are split as a shell splits them,
 * quotes kept: a quoted or escaped `<<` starts none. `<< EOF` (a space after `<<`, accepted from BuildKit 0.22)
 * and file-descriptor prefixes (`3<<EOF`) are heredocs; `<<<` is not.
 */
export function heredocMarkers(args: string, offset: number, escapeChar: string): HeredocMarker[] {
  const words = shellWords(args, escapeChar);
  // BuildKit's lexer fails on a quote or `${` left open, and then finds no heredoc in the line at all.
  if (words === undefined) return [];
  const out: HeredocMarker[] = [];
  for (let k = 0; k < words.length; k++) {
    const w = words[k] as { text: string; start: number; end: number };
    const m = /^(\d*)<<(-?)([^<]*)$/.exec(w.text);
    if (!m) continue;
    let rest = m[3] as string;
    let nameStart = w.start + (m[1] as string).length + 2 + (m[2] as string).length;
    let nameEnd = w.end;
    if (rest === '') {
      // `<< EOF`: the lexer keeps blanks only right after `<<`; `<<- EOF` is `<<-` with no name.
      if (m[2] === '-') continue;
      const next = words[k + 1];
      if (!next || next.text.includes('<')) continue;
      rest = next.text;
      nameStart = next.start;
      nameEnd = next.end;
      k++;
    }
    const name = unquote(rest);
    // An unquoted name with shell syntax in it is an operator, not a delimiter: `$((1 << 3))` shifts bits.
    if (name === '' || (!/["'\\]/.test(rest) && /[()`;&|<>]/.test(name))) continue;
    out.push({ name, chomp: m[2] === '-', nameStart: offset + nameStart, nameEnd: offset + nameEnd });
  }
  return out;
}

/**
 * Reads the bodies of `markers`, one after the other, from the line after offset `lineEnd` (the end of the
 * instruction's logical line). Returns them and the offset where the instruction ends: the end of the last
 * delimiter as written (before its line break), or the end of the text when a heredoc is not closed.
 */
export function readHeredocBodies(text: string, lineEnd: number, markers: readonly HeredocMarker[]): { bodies: HeredocBody[]; end: number } {
  const bodies: HeredocBody[] = [];
  let end = lineEnd;
  let next = nextLineStart(text, lineEnd);
  for (const marker of markers) {
    const body: HeredocBody = { ...marker, contentStart: next, contentEnd: text.length };
    end = text.length;
    let at = next;
    while (at < text.length) {
      const nl = text.indexOf('\n', at);
      const lineStop = nl === -1 ? text.length : nl;
      let s = at;
      if (marker.chomp) while (text[s] === '\t') s++;
      // Trailing carriage returns are dropped as BuildKit drops them (parse.ts reads a carriage return that does
      // not end a line as a space, so `EOF\r\r\n` arrives as `EOF \r\n`: trailing spaces are dropped too).
      let e = lineStop;
      while (e > s && (text[e - 1] === '\r' || text[e - 1] === ' ')) e--;
      if (text.slice(s, e) === marker.name) {
        body.contentEnd = at;
        body.delimiter = { start: s, end: e };
        end = e;
        at = nl === -1 ? text.length : nl + 1;
        break;
      }
      at = nl === -1 ? text.length : nl + 1;
    }
    bodies.push(body);
    next = at;
    if (!body.delimiter) break;
  }
  return { bodies, end };
}

/**
 * A word with its shell quoting removed: `'…'` literal, `"…"` with `\"`, `\\`, `\$` and `` \` `` escapes, a
 * backslash outside quotes escaping the next character (`<<"E'OF"`: E'OF; `<<\'EOF`: 'EOF).
 */
function unquote(word: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i] as string;
    if (quote === "'") {
      if (c === "'") quote = '';
      else out += c;
    } else if (quote === '"') {
      if (c === '"') quote = '';
      else if (c === '\\' && i + 1 < word.length && '"\\$`'.includes(word[i + 1] as string)) out += word[++i];
      else out += c;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\' && i + 1 < word.length) out += word[++i];
    else out += c;
  }
  return out;
}

/** The offset after the line break at or after `offset` (the text's length when there is none). */
function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/**
 * Shell words of an instruction's logical line, quotes kept: whitespace outside quotes separates words, a
 * backslash escapes the next character, continuation escapes (`escapeChar` before a line break) join lines and
 * comment lines inside a continuation are skipped. Positions are indexes in `args`.
 */
function shellWords(args: string, escapeChar: string): { text: string; start: number; end: number }[] | undefined {
  const words: { text: string; start: number; end: number }[] = [];
  let text = '';
  let start = -1;
  let end = -1;
  let quote = '';
  const flush = () => {
    if (start !== -1) words.push({ text, start, end });
    text = '';
    start = -1;
  };
  for (let i = 0; i < args.length; i++) {
    const c = args[i] as string;
    // A continuation: the escape character, optional blanks, a line break; then comment lines are dropped. The
    // builder joins lines before the shell reads them, so this holds inside quotes too.
    if (c === escapeChar) {
      const m = /^[ \t]*\r?\n/.exec(args.slice(i + 1, i + 1 + 256));
      if (m) {
        i += m[0].length;
        for (let c2 = /^[ \t]*#[^\n]*\n/.exec(args.slice(i + 1)); c2; c2 = /^[ \t]*#[^\n]*\n/.exec(args.slice(i + 1))) i += c2[0].length;
        continue;
      }
    }
    if (!quote && /\s/.test(c)) {
      flush();
      continue;
    }
    if (start === -1) start = i;
    text += c;
    end = i + 1;
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"' && i + 1 < args.length) {
        text += args[++i];
        end = i + 1;
      }
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\' && i + 1 < args.length) {
      text += args[++i];
      end = i + 1;
    }
  }
  flush();
  // An open quote or `${` at the end: the builder's lexer fails on the line.
  if (quote !== '' || openBraces(args)) return undefined;
  return words;
}

/** True when a `${` outside single quotes is not closed (BuildKit's lexer fails on it). */
function openBraces(args: string): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (quote === "'") {
      if (c === "'") quote = '';
      continue;
    }
    if (c === '\\') i++;
    else if (c === "'" && quote === '') quote = "'";
    else if (c === '$' && args[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}' && depth > 0) depth--;
  }
  return depth > 0;
}
