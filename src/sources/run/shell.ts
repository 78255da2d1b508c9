import { commandStart } from '../../model/command-wrappers.js';
import { type Unknown, unknown } from '../../model/index.js';

/**
 * A word of a shell command after quote removal. `text` is what the shell would pass when every part is a
 * literal; when any part is expanded at run time (`$VAR`, `$(...)`, a backquote, a make variable, a CI
 * expression, a documentation placeholder), `unknown` says which, and `text` keeps the literal parts only.
 * Offsets are 0-based into the scanned file (the lexed text plus its base offset); `end` is exclusive.
 */
export interface ShellWord {
  text: string;
  /** `text` with each run-time part kept as written (`$SOCK:/var/run/docker.sock`). */
  rawText: string;
  /** The first run-time part of the word, when there is one. */
  unknown?: Unknown;
  /**
   * When the word has a run-time part: the word in order as literal text (the characters of `text`) and run-time
   * parts (`"pa$$"'$x'"$HOME"` gives `pa$$$x`, then `$HOME`), so that literal `$` and expansions can be told apart.
   */
  parts?: (string | Unknown)[];
  /** Offset where each character of `text` came from, for locating `--flag=value` parts. */
  start: number;
  end: number;
  /** Offset, in the file, of each character of `text`. */
  offsets: number[];
}

/** A simple command: its words, redirections left out. */
export type ShellCommand = ShellWord[];

/** A problem that stops the text from being a valid shell script (an unterminated quote). */
export interface ShellError {
  /** Offset in the file. */
  offset: number;
  message: string;
}

/**
 * Dialects the lexer knows. `sh`: POSIX sh/bash. `make`: a Makefile recipe (`$$` is the shell's `$`,
 * `$(X)` and `${X}` are make variables). `systemd`: an `ExecStart=` line (`%i` specifiers, `$VAR`).
 * `github`: a workflow `run:` block (`${{ expr }}`). `doc`: a documentation block (`<digest>` placeholders).
 */
export type ShellDialect = 'sh' | 'make' | 'systemd' | 'github' | 'doc';

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Characters that are literal in a word in every dialect (no quote, escape, expansion, operator or blank). */
const PLAIN = /[^\s;|&()<>\\'"$`%]+/y;

/**
 * Splits shell text into simple commands and their words, the way a POSIX shell tokenises (quotes, backslash
 * escapes and line continuations, comments, operators, redirections, here-documents), without executing or
 * expanding anything. Commands inside `$(...)` and backquotes are returned too. Never throws: problems are
 * returned as errors and lexing stops at the first one.
 * @param text the shell text
 * @param base offset of `text` in its file, added to every offset returned
 */
export function lexShell(text: string, base = 0, dialect: ShellDialect = 'sh'): { commands: ShellCommand[]; errors: ShellError[] } {
  const lx = new Lexer(text, base, dialect);
  try {
    lx.commandsUntil(false);
  } catch (e) {
    if (!(e instanceof LexStop)) throw e;
  }
  return { commands: lx.commands, errors: lx.errors };
}

/** Deepest nesting of `$(` and backquotes the lexer follows; deeper input is reported, not recursed into. */
export const MAX_NESTING = 64;

class LexStop extends Error {}

class Lexer {
  i = 0;
  commands: ShellCommand[] = [];
  errors: ShellError[] = [];
  private heredocs: { delim: string; strip: boolean }[] = [];
  private depth = 0;

  constructor(
    private readonly s: string,
    private readonly base: number,
    private readonly dialect: ShellDialect,
    depth = 0,
  ) {
    this.depth = depth;
  }

  /** Enters one level of `$(` or backquote nesting; too deep is an error rather than a stack overflow. */
  private nest(at: number): void {
    if (this.depth >= MAX_NESTING) this.fail(at, `command substitutions nested deeper than ${MAX_NESTING} levels`);
  }

  private fail(at: number, message: string): never {
    this.errors.push({ offset: this.base + at, message });
    throw new LexStop(message);
  }

  /** Lexes commands until the end, or (inside `$(`) until the `)` that closes it, which is consumed. */
  commandsUntil(closeParen: boolean): void {
    const s = this.s;
    let words: ShellWord[] = [];
    let depth = 0;
    const endCommand = () => {
      if (words.length > 0) this.commands.push(words);
      words = [];
    };
    while (this.i < s.length) {
      const c = s[this.i] as string;
      if (c === ' ' || c === '\t' || c === '\r') {
        this.i++;
      } else if (c === '\\' && (s[this.i + 1] === '\n' || (s[this.i + 1] === '\r' && s[this.i + 2] === '\n'))) {
        this.i += s[this.i + 1] === '\n' ? 2 : 3;
      } else if (c === '\n') {
        this.i++;
        endCommand();
        this.readHeredocs();
      } else if (c === '#') {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      } else if (c === ';' || c === '|' || c === '&' || c === '(' || c === ')') {
        if (c === '&' && s[this.i + 1] === '>') {
          this.redirect();
          continue;
        }
        if (c === '(') depth++;
        if (c === ')') {
          if (depth === 0 && closeParen) {
            this.i++;
            endCommand();
            return;
          }
          depth = Math.max(0, depth - 1);
        }
        this.i++;
        if ((c === ';' || c === '|' || c === '&') && (s[this.i] === c || (c === '|' && s[this.i] === '&'))) this.i++;
        endCommand();
      } else if (c === '<' || c === '>') {
        if (this.dialect === 'doc' && c === '<' && this.placeholderAt(this.i)) words.push(this.word());
        else this.redirect();
      } else {
        const w = this.word();
        // `2>file`: a word of digits followed directly by a redirection is the redirection's fd.
        if (/^\d+$/.test(w.text) && !w.unknown && (s[this.i] === '<' || s[this.i] === '>')) {
          this.redirect();
          continue;
        }
        words.push(w);
      }
    }
    endCommand();
    if (closeParen) this.fail(this.s.length, 'reached the end without closing `$(`');
  }

  private placeholderAt(i: number): boolean {
    return /^<[A-Za-z][A-Za-z0-9_.:|-]*>/.test(this.s.slice(i, i + 64));
  }

  /** Skips a redirection operator and its target word; remembers here-document delimiters. */
  private redirect(): void {
    const s = this.s;
    let op = '';
    while (this.i < s.length && '<>&|-'.includes(s[this.i] as string) && op.length < 3) {
      const next = op + s[this.i];
      if (!['<', '>', '<<', '<<-', '<<<', '>>', '>&', '<&', '&>', '&>>', '>|', '<>', '>&-', '<&-'].includes(next)) break;
      op = next;
      this.i++;
    }
    if (op === '>&-' || op === '<&-') return;
    while (s[this.i] === ' ' || s[this.i] === '\t') this.i++;
    if (this.i >= s.length || '\n;|&()<>'.includes(s[this.i] as string)) this.fail(this.i, `\`${op}\` must be followed by a word`);
    const target = this.word();
    if (op === '<<' || op === '<<-') this.heredocs.push({ delim: target.text, strip: op === '<<-' });
  }

  /** After a newline: skips the bodies of pending here-documents. */
  private readHeredocs(): void {
    const s = this.s;
    while (this.heredocs.length > 0) {
      const h = this.heredocs.shift() as { delim: string; strip: boolean };
      const start = this.i;
      for (;;) {
        if (this.i >= s.length) this.fail(start, `here-document delimited by "${h.delim}" is not closed`);
        let nl = s.indexOf('\n', this.i);
        if (nl === -1) nl = s.length;
        let line = s.slice(this.i, nl).replace(/\r$/, '');
        if (h.strip) line = line.replace(/^\t+/, '');
        this.i = Math.min(nl + 1, s.length);
        if (line === h.delim) break;
        if (nl === s.length) {
          if (line !== h.delim) this.fail(start, `here-document delimited by "${h.delim}" is not closed`);
          break;
        }
      }
    }
  }

  /** Reads one word starting at `this.i` (not at a blank or operator). */
  word(): ShellWord {
    const s = this.s;
    const start = this.i;
    let text = '';
    let rawText = '';
    const offsets: number[] = [];
    let unk: Unknown | undefined;
    const lit = (ch: string, at: number) => {
      text += ch;
      rawText += ch;
      offsets.push(this.base + at);
    };
    // The word in order, literal text and run-time parts, kept only when it has a run-time part.
    const parts: (string | Unknown)[] = [];
    let cut = 0;
    const mark = (u: Unknown) => {
      unk ??= u;
      rawText += u.raw ?? '$?';
      parts.push(text.slice(cut), u);
      cut = text.length;
    };
    while (this.i < s.length) {
      // Fast path: a run of plain characters is copied at once.
      PLAIN.lastIndex = this.i;
      const run = PLAIN.exec(s);
      if (run) {
        const chunk = run[0];
        text += chunk;
        rawText += chunk;
        for (let k = 0; k < chunk.length; k++) offsets.push(this.base + this.i + k);
        this.i += chunk.length;
        continue;
      }
      const c = s[this.i] as string;
      if (' \t\r\n;|&()<>'.includes(c)) {
        if (c === '<' && this.dialect === 'doc' && this.placeholderAt(this.i)) {
          const end = s.indexOf('>', this.i);
          const raw = s.slice(this.i, end + 1);
          mark(unknown(`${raw} is a placeholder, not a value`, raw));
          this.i = end + 1;
          continue;
        }
        break;
      }
      if (c === '\\') {
        const n = s[this.i + 1];
        if (n === undefined) {
          this.i++;
          break;
        }
        if (n === '\n') this.i += 2;
        else if (n === '\r' && s[this.i + 2] === '\n') this.i += 3;
        else {
          lit(n, this.i + 1);
          this.i += 2;
        }
      } else if (c === "'") {
        const end = s.indexOf("'", this.i + 1);
        if (end === -1) this.fail(this.i, "reached the end without closing quote `'`");
        for (let k = this.i + 1; k < end; k++) lit(s[k] as string, k);
        this.i = end + 1;
      } else if (c === '"') {
        this.doubleQuoted(lit, mark);
      } else if (c === '$') {
        if (s[this.i + 1] === "'") this.ansiQuoted(lit);
        else if (s[this.i + 1] === '"') {
          this.i++;
          this.doubleQuoted(lit, mark);
        } else {
          const u = this.dollar();
          if (u === undefined) lit('$', this.i - 1);
          else mark(u);
        }
      } else if (c === '`') {
        mark(this.backquote());
      } else if (c === '%' && this.dialect === 'systemd' && /[a-zA-Z%]/.test(s[this.i + 1] ?? '')) {
        if (s[this.i + 1] === '%') lit('%', this.i);
        else mark(unknown(`systemd specifier %${s[this.i + 1]} is set by systemd`, `%${s[this.i + 1]}`));
        this.i += 2;
      } else {
        lit(c, this.i);
        this.i++;
      }
    }
    const w: ShellWord = { text, rawText, start: this.base + start, end: this.base + this.i, offsets };
    if (unk) {
      w.unknown = unk;
      parts.push(text.slice(cut));
      w.parts = parts.filter((p) => p !== '');
    }
    return w;
  }

  private doubleQuoted(lit: (ch: string, at: number) => void, mark: (u: Unknown) => void): void {
    const s = this.s;
    const open = this.i;
    this.i++;
    for (;;) {
      if (this.i >= s.length) this.fail(open, 'reached the end without closing quote `"`');
      const c = s[this.i] as string;
      if (c === '"') {
        this.i++;
        return;
      }
      if (c === '\\' && '$`"\\\n'.includes(s[this.i + 1] ?? '')) {
        if (s[this.i + 1] !== '\n') lit(s[this.i + 1] as string, this.i + 1);
        this.i += 2;
      } else if (c === '$') {
        const u = this.dollar();
        if (u === undefined) lit('$', this.i - 1);
        else mark(u);
      } else if (c === '`') mark(this.backquote());
      else if (c === '%' && this.dialect === 'systemd' && /[a-zA-Z]/.test(s[this.i + 1] ?? '')) {
        mark(unknown(`systemd specifier %${s[this.i + 1]} is set by systemd`, `%${s[this.i + 1]}`));
        this.i += 2;
      } else {
        lit(c, this.i);
        this.i++;
      }
    }
  }

  /** `$'...'`: ANSI-C quoting, with the common escapes decoded. */
  private ansiQuoted(lit: (ch: string, at: number) => void): void {
    const s = this.s;
    const open = this.i;
    this.i += 2;
    const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v' };
    for (;;) {
      if (this.i >= s.length) this.fail(open, "reached the end without closing quote `$'`");
      const c = s[this.i] as string;
      if (c === "'") {
        this.i++;
        return;
      }
      if (c === '\\' && this.i + 1 < s.length) {
        const n = s[this.i + 1] as string;
        // `\xHH`, `\uHHHH`, `\UHHHHHHHH` and `\NNN` (octal) as bash decodes them.
        const code = /^(?:x([0-9a-fA-F]{1,2})|u([0-9a-fA-F]{1,4})|U([0-9a-fA-F]{1,8})|([0-7]{1,3}))/.exec(s.slice(this.i + 1, this.i + 10));
        const cp = code ? Number.parseInt((code[1] ?? code[2] ?? code[3] ?? code[4]) as string, code[4] !== undefined ? 8 : 16) : undefined;
        if (code && cp !== undefined && cp <= 0x10ffff) {
          lit(String.fromCodePoint(cp), this.i);
          this.i += 1 + code[0].length;
          continue;
        }
        lit(esc[n] ?? n, this.i);
        this.i += 2;
      } else {
        lit(c, this.i);
        this.i++;
      }
    }
  }

  /**
   * At a `$`: consumes an expansion and returns why its value is unknown, or consumes the lone `$` and
   * returns undefined (a literal dollar sign).
   */
  private dollar(): Unknown | undefined {
    const s = this.s;
    const at = this.i;
    let i = this.i + 1;
    const make = this.dialect === 'make';
    if (make) {
      if (s[i] === '$') i++;
      else if (s[i] === '(' || s[i] === '{') {
        const close = this.matchClose(i, s[i] === '(' ? ')' : '}');
        const raw = s.slice(at, close + 1);
        this.i = close + 1;
        return unknown(`make variable ${raw} is expanded by make`, raw);
      } else if (s[i] !== undefined && /[A-Za-z0-9_@<^+*?%]/.test(s[i] as string)) {
        this.i = i + 1;
        return unknown(`make variable $${s[i]} is expanded by make`, `$${s[i]}`);
      }
    }
    const n = s[i];
    if (n === '(') {
      if (s[i + 1] === '(') {
        const close = this.matchClose(i + 1, ')');
        this.i = close + 2;
        return unknown('arithmetic expansion $((...)) is computed at run time', s.slice(at, this.i));
      }
      this.nest(at);
      this.i = i + 1;
      this.depth++;
      this.commandsUntil(true);
      this.depth--;
      return unknown('command substitution $(...) is expanded at run time', s.slice(at, this.i));
    }
    if (n === '{') {
      if (this.dialect === 'github' && s[i + 1] === '{') {
        const close = s.indexOf('}}', i);
        if (close === -1) this.fail(at, 'reached the end without closing `${{`');
        this.i = close + 2;
        const raw = s.slice(at, this.i);
        return unknown(`GitHub Actions expression ${raw} is set at run time`, raw);
      }
      const close = this.matchClose(i, '}');
      this.i = close + 1;
      const raw = s.slice(at, this.i);
      const name = /^\$\{#?!?([A-Za-z_][A-Za-z0-9_]*|\d+|[@*#?$!-])/.exec(raw)?.[1] ?? raw;
      return unknown(`shell variable ${name} is set at run time`, raw);
    }
    if (n !== undefined) {
      NAME.lastIndex = i;
      const m = NAME.exec(s);
      if (m) {
        this.i = i + m[0].length;
        return unknown(`shell variable ${m[0]} is set at run time`, `$${m[0]}`);
      }
      if (/[0-9@*#?$!-]/.test(n)) {
        this.i = i + 1;
        return unknown(`shell parameter $${n} is set at run time`, `$${n}`);
      }
    }
    this.i = i;
    return undefined;
  }

  /** `` `...` ``: lexes the commands inside (backslash-escaped quotes taken literally) and returns the Unknown. */
  private backquote(): Unknown {
    const s = this.s;
    const open = this.i;
    let k = open + 1;
    while (k < s.length && s[k] !== '`') k += s[k] === '\\' ? 2 : 1;
    if (k >= s.length) this.fail(open, 'reached the end without closing backquote');
    this.nest(open);
    const inner = new Lexer(s.slice(open + 1, k), this.base + open + 1, this.dialect, this.depth + 1);
    try {
      inner.commandsUntil(false);
    } catch (e) {
      if (!(e instanceof LexStop)) throw e;
      this.errors.push(...inner.errors);
      throw e;
    }
    this.commands.push(...inner.commands);
    this.i = k + 1;
    return unknown('command substitution `...` is expanded at run time', s.slice(open, k + 1));
  }

  /** The index of the bracket closing the one at `open`, skipping nested brackets and quotes. */
  private matchClose(open: number, close: string): number {
    const s = this.s;
    const openCh = s[open] as string;
    let depth = 0;
    for (let k = open; k < s.length; k++) {
      const c = s[k];
      if (c === '\\') k++;
      else if (c === "'" && close === ')') {
        const e = s.indexOf("'", k + 1);
        if (e === -1) break;
        k = e;
      } else if (c === openCh) depth++;
      else if (c === close && --depth === 0) return k;
    }
    return this.fail(open, `reached the end without closing \`${openCh}\``);
  }
}

/**
 * The index of a command's name, past assignments, shell keywords and wrappers with their options (`sudo -u app`,
 * `env -u X`, `nice -n 5`, `timeout 5`, `time -f FMT`, `nohup`, `exec`, `command`; the table shared with the
 * Dockerfile rules, src/model/command-wrappers.ts). A word with a run-time part is read as written (`$SUDO`), so
 * it is never taken for a wrapper; as an option's value or timeout's duration it is passed over.
 */
export function commandNameIndex(words: readonly ShellWord[]): number {
  return commandStart(words.map((w) => (w.unknown ? w.rawText : w.text))).program;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'ksh', 'zsh']);
/** ssh options that take a value (OpenSSH `ssh(1)`). */
const SSH_VALUE_OPTIONS = new Set('BbcDEeFIiJLlmOopQRSWw'.split(''));

/**
 * The command string another program runs through a shell: the argument of `sh -c` (also `bash -ec`, `bash
 * -lc`...), or the single remote command word of `ssh [options] host 'command'`. Returns undefined when there is
 * none, or when it is not fully known (a variable in it).
 */
export function nestedCommandWord(words: readonly ShellWord[]): ShellWord | undefined {
  let i = commandNameIndex(words);
  const name = words[i]?.text.replace(/^.*\//, '');
  if (name === undefined || words[i]?.unknown) return undefined;
  if (SHELLS.has(name)) {
    for (i++; i < words.length; i++) {
      const t = (words[i] as ShellWord).text;
      if (!t.startsWith('-') || t === '-' || t === '--') return undefined;
      if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(t)) {
        const w = words[i + 1];
        return w && !w.unknown ? w : undefined;
      }
      if (t === '-o' || t === '+o') i++;
    }
    return undefined;
  }
  if (name === 'ssh') {
    for (i++; i < words.length; i++) {
      const t = (words[i] as ShellWord).text;
      if (!t.startsWith('-')) break;
      if (t.length === 2 && SSH_VALUE_OPTIONS.has(t[1] as string)) i++;
    }
    // words[i] is the host; exactly one word after it is a command string the remote shell parses.
    const rest = words.slice(i + 1);
    return rest.length === 1 && !rest[0]?.unknown ? rest[0] : undefined;
  }
  return undefined;
}

/**
 * Lexes the text of a word as shell (the string given to `sh -c` or `ssh host`), and places the words found at
 * the file offsets of the characters they came from. Errors inside the string are located the same way.
 */
export function lexNested(word: ShellWord, dialect: ShellDialect): { commands: ShellCommand[]; errors: ShellError[] } {
  const r = lexShell(word.text, 0, dialect === 'make' ? 'sh' : dialect);
  const at = (o: number): number => word.offsets[o] ?? (word.offsets.length > 0 ? (word.offsets[word.offsets.length - 1] as number) + 1 : word.start);
  const end = (o: number): number => (o > 0 ? at(o - 1) + 1 : at(0));
  return {
    commands: r.commands.map((c) => c.map((w) => ({ ...w, start: at(w.start), end: end(w.end), offsets: w.offsets.map(at) }))),
    errors: r.errors.map((e) => ({ offset: at(e.offset), message: `in the command string: ${e.message}` })),
  };
}
