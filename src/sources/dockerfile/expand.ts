/**
 * Variable expansion as the Dockerfile builder does it for FROM, USER, ENV, LABEL, EXPOSE...
 * (moby/buildkit `frontend/dockerfile/shell/lex.go`): `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`,
 * `${NAME:+word}`, `${NAME+word}`; the escapeChar character before `$` keeps it literal.
 */

/**
 * The variables in scope, read by name (a `Map` is one): `get` gives a string, or `undefined` when the variable
 * is declared without a value (`ARG X`) or not at all; `has` tells those two apart.
 */
export type VariableScope = Pick<ReadonlyMap<string, string | undefined>, 'has' | 'get'>;

/** The result of an expansion: the text, or the first variable whose value cannot be known. */
export type Expansion = { ok: true; value: string } | { ok: false; variable: string; reason: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Expands variables in `text` with `scope`. A variable declared without a value, or not declared at all,
 * makes the expansion fail (Docker would use an empty string, but a `--build-arg` usually gives it one:
 * Bulwark cannot know which). Modifiers with a default (`:-`, `-`) give the default instead.
 */
export function expandVariables(text: string, scope: VariableScope, escapeChar = '\\'): Expansion {
  if (!text.includes('$')) return { ok: true, value: text };
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === escapeChar && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      if (close === -1) {
        out += text.slice(i);
        break;
      }
      const body = text.slice(i + 2, close);
      const m = NAME.exec(body);
      if (!m) {
        out += text.slice(i, close + 1);
        i = close + 1;
        continue;
      }
      const name = m[0];
      const rest = body.slice(name.length);
      const has = scope.has(name);
      const v = scope.get(name);
      const r = applyModifier(name, has, v, rest, scope, escapeChar);
      if (!r.ok) return r;
      out += r.value;
      i = close + 1;
      continue;
    }
    const m = NAME.exec(text.slice(i + 1));
    if (!m) {
      out += '$';
      i++;
      continue;
    }
    const name = m[0];
    const v = scope.get(name);
    if (v === undefined) return { ok: false, variable: name, reason: reasonFor(name, scope.has(name)) };
    out += v;
    i += 1 + name.length;
  }
  return { ok: true, value: out };
}

function reasonFor(name: string, declared: boolean): string {
  return declared
    ? `build argument ${name} has no default value, and the value a build gives it (--build-arg, compose build.args) is not known`
    : `variable ${name} is not declared in the Dockerfile`;
}

function applyModifier(name: string, has: boolean, v: string | undefined, rest: string, scope: VariableScope, escapeChar: string): Expansion {
  if (rest === '') return v === undefined ? { ok: false, variable: name, reason: reasonFor(name, has) } : { ok: true, value: v };
  const op = rest.startsWith(':-') || rest.startsWith(':+') ? rest.slice(0, 2) : rest.slice(0, 1);
  const word = rest.slice(op.length);
  const set = v !== undefined && (op.startsWith(':') ? v !== '' : true);
  switch (op) {
    case ':-':
    case '-':
      // The word is the Dockerfile's own default, used when no --build-arg gives one.
      if (set) return { ok: true, value: v as string };
      return expandVariables(word, scope, escapeChar);
    case ':+':
    case '+':
      if (v === undefined) return { ok: false, variable: name, reason: reasonFor(name, has) };
      return set ? expandVariables(word, scope, escapeChar) : { ok: true, value: '' };
    default:
      // `${NAME?err}`, `${NAME#pattern}`, `${NAME%pattern}`: not worth guessing.
      return { ok: false, variable: name, reason: `\${${name}${rest}} uses a modifier Bulwark does not evaluate` };
  }
}
