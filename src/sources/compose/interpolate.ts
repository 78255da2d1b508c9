import { quoteValue, type Unknown, unknown, type ValuePiece } from '../../model/index.js';

/** The variables compose would see: the project's `.env`, overridden by the process environment. */
export interface Environment {
  get(name: string): string | undefined;
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
export function interpolate(text: string, env: Environment): Interpolated {
  if (!text.includes('$')) return { value: text, pieces: [{ text }], usedEnv: false };
  const state: State = { usedEnv: false, unknown: undefined, pieces: [] };
  expand(text, 0, text.length, env, state);
  const out: Interpolated = { value: state.pieces.map((p) => p.text).join(''), pieces: state.pieces, usedEnv: state.usedEnv };
  if (state.unknown) out.unknown = state.unknown;
  return out;
}

interface State {
  usedEnv: boolean;
  unknown: Unknown | undefined;
  pieces: ValuePiece[];
}

/** Adds text written in the file to the value, joined to the piece before it when that one is file text too. */
function addText(state: State, text: string): void {
  if (text === '') return;
  const last = state.pieces[state.pieces.length - 1];
  if (last && last.variable === undefined) last.text += text;
  else state.pieces.push({ text });
}

function expand(text: string, from: number, to: number, env: Environment, state: State): void {
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c !== '$') {
      const next = text.indexOf('$', i);
      const end = next === -1 || next > to ? to : next;
      addText(state, text.slice(i, end));
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
      if (close === -1) throw new InterpolationError(`unclosed "\${" in ${quoteValue(text)}`, i);
      braced(text, i + 2, close, env, state);
      i = close + 1;
      continue;
    }
    const m = NAME.exec(text.slice(i + 1, to));
    if (!m) {
      addText(state, '$');
      i++;
      continue;
    }
    lookup(m[0], `$${m[0]}`, env, state);
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

function lookup(name: string, raw: string, env: Environment, state: State): void {
  const v = env.get(name);
  if (v === undefined) {
    state.unknown ??= unknown(`variable ${name} is not set`, raw);
    addText(state, raw);
    return;
  }
  useVariable(state, v, raw);
}

/** Adds a variable's value to the value: a piece of its own, which messages show as `raw`, never as its text. */
function useVariable(state: State, value: string, raw: string): void {
  state.usedEnv = true;
  state.pieces.push({ text: value, variable: raw });
}

function braced(text: string, from: number, to: number, env: Environment, state: State): void {
  const body = text.slice(from, to);
  const m = NAME.exec(body);
  if (!m) throw new InterpolationError(`invalid interpolation ${quoteValue(`\${${body}}`)}`, from - 2);
  const name = m[0];
  const raw = `\${${body}}`;
  const rest = body.slice(name.length);
  if (rest === '') {
    lookup(name, raw, env, state);
    return;
  }
  const op = rest.startsWith(':') ? rest.slice(0, 2) : rest.slice(0, 1);
  const argFrom = from + name.length + op.length;
  const v = env.get(name);
  const set = v !== undefined;
  const nonEmpty = set && v !== '';
  switch (op) {
    case ':-':
    case '-':
      if (op === ':-' ? nonEmpty : set) useVariable(state, v as string, raw);
      else expand(text, argFrom, to, env, state);
      break;
    case ':?':
    case '?':
      if (op === ':?' ? nonEmpty : set) useVariable(state, v as string, raw);
      else {
        state.unknown ??= unknown(`required variable ${name} is not set`, raw);
        addText(state, raw);
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

/**
 * Parses a `.env` file as compose does (KEY=VALUE lines, `export ` prefix, `#` comments, single quotes
 * literal, double quotes with `\n` escapes, inline ` #` comments on unquoted values). Later keys win.
 */
export function parseDotEnv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rawLine of text.split(/\r?\n/)) {
    let line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('export ')) line = line.slice(7).trimStart();
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if (value.startsWith("'")) {
      const end = value.indexOf("'", 1);
      value = end === -1 ? value.slice(1) : value.slice(1, end);
    } else if (value.startsWith('"')) {
      const end = value.lastIndexOf('"');
      value = (end > 0 ? value.slice(1, end) : value.slice(1)).replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else {
      const hash = value.search(/\s#/);
      if (hash !== -1) value = value.slice(0, hash).trimEnd();
    }
    out.set(key, value);
  }
  return out;
}
