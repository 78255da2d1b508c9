import { quoteValue, type Unknown, unknown, type ValuePiece } from '../../model/index.js';

/** The variables compose would see: the project's `.env`, overridden by the process environment. */
export interface Environment {
  get(name: string): string | undefined;
  /**
   * Why a variable that is set cannot be known (a `.env` value made from a variable that is not set:
   * `URL=http://${HOST}/`); undefined for a variable that is known or not set.
   */
  unknown?(name: string): Unknown | undefined;
}

/** How `interpolate` takes `${VAR:?err}` and `${VAR?err}` when the variable has no value. */
export interface InterpolateOptions {
  /**
   * `unknown` (a compose file: the value is unknown, the variable may be set where compose runs) or `error` (a
   * `.env` file, read as it is: an InterpolationError, as compose refuses the file).
   */
  required?: 'unknown' | 'error';
  /** Also say where the value as written is text of the input (Interpolated.runs). */
  runs?: boolean;
}

/**
 * `length` characters of the value as written (its pieces joined, each variable as its expression: CommandArg.written)
 * from `index` that are the characters of the interpolated text from `from`, as they are there.
 */
export interface TextRun {
  index: number;
  from: number;
  length: number;
}

/** The result of interpolating one string. */
export interface Interpolated {
  /** The text with variables substituted and `$$` unescaped; meaningless when `unknown` is set. */
  value: string;
  /**
   * The value in pieces, text from the file and values of variables, so that a message can quote it without the
   * variables' values (`quoteValue`); their texts joined are `value`.
   */
  pieces: ValuePiece[];
  /** Set when a variable the value depends on is not set and has no default. */
  unknown?: Unknown;
  /** True when at least one variable was substituted from the environment. */
  usedEnv: boolean;
  /**
   * With the `runs` option: the parts of the value as written that are copied from the text, in order. What is not
   * in one is a `$` read from `$$`. A default (`${VAR:-default}`) is copied from inside its expression; a variable
   * that took a value, or has none, is its expression, where it is written.
   */
  runs?: TextRun[];
}

/** A `${...}` expression compose would refuse (unclosed brace, bad name). */
export class InterpolationError extends Error {
  readonly code = 'invalid-interpolation' as const;
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Interpolates `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`, `${VAR?err}`,
 * `${VAR:+alt}`, `${VAR+alt}` and `$$` as compose does (compose-spec "Interpolation"); defaults may nest.
 * An unset variable without a default makes the whole value Unknown: Bulwark never guesses.
 * @throws InterpolationError on an unclosed `${` or an invalid expression.
 */
export function interpolate(text: string, env: Environment, opts: InterpolateOptions = {}): Interpolated {
  if (!text.includes('$')) {
    const plain: Interpolated = { value: text, pieces: [{ text }], usedEnv: false };
    if (opts.runs) plain.runs = text === '' ? [] : [{ index: 0, from: 0, length: text.length }];
    return plain;
  }
  const state: State = { usedEnv: false, unknown: undefined, pieces: [], requiredIsError: opts.required === 'error', written: 0 };
  if (opts.runs) state.runs = [];
  expand(text, 0, text.length, env, state);
  const out: Interpolated = { value: state.pieces.map((p) => p.text).join(''), pieces: state.pieces, usedEnv: state.usedEnv };
  if (state.unknown) out.unknown = state.unknown;
  if (state.runs) out.runs = state.runs;
  return out;
}

interface State {
  usedEnv: boolean;
  unknown: Unknown | undefined;
  pieces: ValuePiece[];
  requiredIsError: boolean;
  /** With the `runs` option: the runs so far, and the length of the value as written so far. */
  runs?: TextRun[];
  written: number;
}

/**
 * Adds text to the value, joined to the piece before it when that one is text too; `from`: where the text is in the
 * interpolated text, when it is copied from there (not a `$` read from `$$`).
 */
function addText(state: State, text: string, from?: number): void {
  if (text === '') return;
  const last = state.pieces[state.pieces.length - 1];
  if (last && last.variable === undefined) last.text += text;
  else state.pieces.push({ text });
  if (state.runs) addRun(state, text.length, from);
}

/** Notes `length` characters of the value as written, copied from `from` of the text when given (Interpolated.runs). */
function addRun(state: State, length: number, from: number | undefined): void {
  const runs = state.runs as TextRun[];
  if (from !== undefined) {
    const last = runs[runs.length - 1];
    if (last && last.index + last.length === state.written && last.from + last.length === from) last.length += length;
    else runs.push({ index: state.written, from, length });
  }
  state.written += length;
}

function expand(text: string, from: number, to: number, env: Environment, state: State): void {
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c !== '$') {
      const next = text.indexOf('$', i);
      const end = next === -1 || next > to ? to : next;
      addText(state, text.slice(i, end), i);
      i = end;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      addText(state, '$');
      i += 2;
      continue;
    }
    if (next === '{') {
      const close = matchingBrace(text, i + 2, to);
      // The value is not quoted: an unclosed `${` is most often a `$` inside a password (`Pa${ss`).
      if (close === -1)
        throw new InterpolationError(`unclosed "\${" at character ${i + 1} of the value: close it with "}", or write "$$" for a literal "$"`, i);
      braced(text, i + 2, close, env, state);
      i = close + 1;
      continue;
    }
    const m = NAME.exec(text.slice(i + 1, to));
    if (!m) {
      addText(state, '$', i);
      i++;
      continue;
    }
    lookup(m[0], `$${m[0]}`, i, env, state);
    i += 1 + m[0].length;
  }
}

function matchingBrace(text: string, from: number, to: number): number {
  let depth = 1;
  for (let i = from; i < to; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** A variable written `raw` at `at` of the text. */
function lookup(name: string, raw: string, at: number, env: Environment, state: State): void {
  const v = env.get(name);
  if (v === undefined) {
    state.unknown ??= unknownVariable(name, raw, env);
    addText(state, raw, at);
    return;
  }
  useVariable(state, v, raw, at);
}

/** The Unknown for a variable without a known value: not set, or set from one that is not (`env.unknown`). */
function unknownVariable(name: string, raw: string, env: Environment): Unknown {
  const why = env.unknown?.(name);
  return unknown(why ? `variable ${name} cannot be known: ${why.reason}` : `variable ${name} is not set`, raw);
}

/**
 * Adds a variable's value to the value: a piece of its own, which messages show as `raw` (written at `at` of the
 * text), never as its text.
 */
function useVariable(state: State, value: string, raw: string, at: number): void {
  state.usedEnv = true;
  state.pieces.push({ text: value, variable: raw });
  if (state.runs) addRun(state, raw.length, at);
}

function braced(text: string, from: number, to: number, env: Environment, state: State): void {
  const body = text.slice(from, to);
  const m = NAME.exec(body);
  if (!m) throw new InterpolationError(`invalid interpolation ${quoteValue(`\${${body}}`)}`, from - 2);
  const name = m[0];
  const raw = `\${${body}}`;
  const rest = body.slice(name.length);
  if (rest === '') {
    lookup(name, raw, from - 2, env, state);
    return;
  }
  const op = rest.startsWith(':') ? rest.slice(0, 2) : rest.slice(0, 1);
  const argFrom = from + name.length + op.length;
  const v = env.get(name);
  const set = v !== undefined;
  const nonEmpty = set && v !== '';
  if (!set && env.unknown?.(name) && ['-', ':-', '?', ':?', '+', ':+'].includes(op)) {
    // Set, to a value that cannot be known: neither the variable nor its default can be taken.
    state.unknown ??= unknownVariable(name, raw, env);
    addText(state, raw, from - 2);
    return;
  }
  switch (op) {
    case ':-':
    case '-':
      if (op === ':-' ? nonEmpty : set) useVariable(state, v as string, raw, from - 2);
      else expand(text, argFrom, to, env, state);
      break;
    case ':?':
    case '?':
      if (op === ':?' ? nonEmpty : set) useVariable(state, v as string, raw, from - 2);
      else if (state.requiredIsError) {
        // compose-go's words ("required variable X is missing a value: err"); the message is quoted as written.
        const message = text.slice(argFrom, to);
        throw new InterpolationError(`required variable ${name} is missing a value${message === '' ? '' : `: ${quoteValue(message)}`}`, from - 2);
      } else {
        state.unknown ??= unknown(`required variable ${name} ${set ? 'is empty' : 'is not set'}`, raw);
        addText(state, raw, from - 2);
      }
      break;
    case ':+':
    case '+':
      if (op === ':+' ? nonEmpty : set) expand(text, argFrom, to, env, state);
      break;
    default:
      throw new InterpolationError(`invalid interpolation ${quoteValue(raw)}`, from - 2);
  }
}

/** What a `.env` or `env_file` value may use besides the file's own earlier variables: a string, Unknown, or not set. */
export type DotEnvLookup = (name: string) => string | Unknown | undefined;

/** One variable a `.env` or `env_file` sets. */
export interface DotEnvEntry {
  name: string;
  /** Its value; absent when it cannot be known (`unknown`: it is made from a variable that is not set). */
  value?: string;
  unknown?: Unknown;
  /** With `unknown`: the value as written (`postgres://app:${DB_PASSWORD}@db/app`). */
  template?: string;
  /** Offsets of the name in the file's text, where a finding about the variable points. */
  start: number;
  end: number;
}

/** A `.env` file as compose-go's dotenv parser reads it: its variables in order (a later one wins), and what stopped it. */
export interface DotEnvFile {
  entries: DotEnvEntry[];
  /** The first thing compose refuses in the file (it stops there, and refuses the whole file). */
  problem?: { code: 'invalid-interpolation' | 'invalid-value'; message: string; start: number; end: number };
}

/** Spaces that separate a key, `=` and a value (compose-go's `isSpace`: not a line break). */
const INLINE_SPACE = /[\t\v\f\r \u0085\u00a0]/;

/**
 * Parses a `.env` (or `env_file`) file as compose-go's dotenv parser does: `KEY=VALUE` or `KEY: VALUE` statements,
 * `export ` prefixes, `#` comment lines; a `KEY` alone takes its value from `lookup` (and is left out when that has
 * none). Unquoted values end at the line's end or a ` #` comment; single-quoted ones are literal; double-quoted ones
 * unescape `\n`, `\r`, `\t`, `\"`, `\\` and `\$`. Both quoted forms may span lines. Unquoted and double-quoted
 * values are interpolated (`${VAR}`, `${VAR:-default}`...) from `lookup` (the environment), then from the file's
 * earlier variables; a value made from a variable without a value is Unknown, never a guess. compose refuses the
 * file at the first `${VAR:?err}` without a value, unterminated quote or bad key: `problem`, with what was read
 * before it.
 */
export function readDotEnv(text: string, lookup: DotEnvLookup = () => undefined): DotEnvFile {
  const entries: DotEnvEntry[] = [];
  const earlier = new Map<string, DotEnvEntry>();
  const env: Environment = {
    get: (name) => {
      const v = lookup(name);
      if (typeof v === 'string') return v;
      return v === undefined ? earlier.get(name)?.value : undefined;
    },
    unknown: (name) => {
      const v = lookup(name);
      if (typeof v === 'object') return v;
      return v === undefined ? earlier.get(name)?.unknown : undefined;
    },
  };
  const add = (e: DotEnvEntry) => {
    entries.push(e);
    earlier.set(e.name, e);
  };
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    // The next statement: past blank space and `#` comment lines.
    while (i < n && /\s/.test(text[i] as string)) i++;
    if (i >= n) break;
    if (text[i] === '#') {
      const eol = text.indexOf('\n', i);
      if (eol === -1) break;
      i = eol;
      continue;
    }
    const exported = /^export[\t\n\f\r ]+/.exec(text.slice(i, i + 16));
    if (exported) {
      i += 6;
      while (i < n && INLINE_SPACE.test(text[i] as string)) i++;
    }
    // The key: letters, digits, `_`, `.` and `-`, up to `=`, `:` or the line's end (a key alone: inherited).
    const start = i;
    let sep = '';
    for (; i < n; i++) {
      const c = text[i] as string;
      if (c === '=' || c === ':' || c === '\n') {
        sep = c;
        break;
      }
      if (INLINE_SPACE.test(c) || /[\p{L}\p{N}_.-]/u.test(c)) continue;
      return { entries, problem: { code: 'invalid-value', message: `unexpected character ${quoteValue(c)} in a variable name`, start: i, end: i + 1 } };
    }
    const name = text.slice(start, i).replace(/\s+$/, '');
    const end = start + name.length;
    if (/\s/.test(name)) return { entries, problem: { code: 'invalid-value', message: 'a variable name cannot contain a space', start, end } };
    if (sep === '\n' || sep === '') {
      if (name === '') continue;
      const v = lookup(name);
      if (typeof v === 'string') add({ name, value: v, start, end });
      else if (v !== undefined) add({ name, unknown: v, start, end });
      continue;
    }
    i++;
    while (i < n && INLINE_SPACE.test(text[i] as string)) i++;
    const value = readValue(text, i, env);
    if ('problem' in value) return { entries, problem: value.problem };
    i = value.next;
    if (name === '') continue;
    if (value.unknown) add({ name, unknown: value.unknown, template: value.value, start, end });
    else add({ name, value: value.value, start, end });
  }
  return { entries };
}

type ReadValue = { value: string; unknown?: Unknown; next: number } | { problem: NonNullable<DotEnvFile['problem']> };

/** One value of a `.env` statement, from `from` (past the `=`): see `readDotEnv`. */
function readValue(text: string, from: number, env: Environment): ReadValue {
  const q = text[from];
  if (q !== '"' && q !== "'") {
    const eol = text.indexOf('\n', from);
    const line = text.slice(from, eol === -1 ? text.length : eol);
    const comment = line.indexOf(' #');
    const raw = (comment === -1 ? line : line.slice(0, comment)).replace(/\s+$/, '');
    return substitute(raw, raw, from, eol === -1 ? text.length : eol, env);
  }
  let chars = '';
  let escaped = false;
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i] as string;
    if (escaped) {
      escaped = false;
      chars += c === q ? c : `\\${c}`;
      continue;
    }
    if (c === '\\') {
      escaped = true;
      continue;
    }
    if (c !== q) {
      chars += c;
      continue;
    }
    if (q === "'") return { value: chars, next: i + 1 };
    return substitute(unescapeQuoted(chars), chars, from + 1, i + 1, env);
  }
  const eol = text.indexOf('\n', from);
  return { problem: { code: 'invalid-value', message: 'unterminated quoted value', start: from, end: eol === -1 ? text.length : eol } };
}

/** Double-quoted escapes as compose-go's `expandEscapes` reads them; `\$` becomes `$$`, a `$` that is not interpolated. */
function unescapeQuoted(s: string): string {
  return s.replace(/\\([\s\S])/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c === '$' ? '$$' : c));
}

/** Interpolates a value (`raw` as written at `at`, `text` once unescaped); a `${VAR:?err}` without a value is a problem. */
function substitute(text: string, raw: string, at: number, next: number, env: Environment): ReadValue {
  try {
    const r = interpolate(text, env, { required: 'error' });
    return r.unknown ? { value: text, unknown: r.unknown, next } : { value: r.value, next };
  } catch (e) {
    if (!(e instanceof InterpolationError)) throw e;
    // Offsets in the unescaped text are offsets in the file when nothing was unescaped.
    const start = text === raw ? at + e.offset : at;
    return { problem: { code: 'invalid-interpolation', message: e.message, start, end: text === raw ? Math.min(next, start + raw.length - e.offset) : next } };
  }
}
