import { URL_PASSWORD_TEXT, URL_SCHEME_AND_USER } from '../../model/index.js';
import { isPlaceholderValue } from '../image/util.js';
import { isNonSecretValue, isSecretName, type SecretShape, secretShape } from '../shared/secrets.js';

/**
 * Secret material written out in a Dockerfile's text: shared by BW2002 (RUN, heredoc bodies included) and BW2003
 * (files written from COPY/ADD heredocs).
 */

/** The value without the quotes around it. */
export function unquote(v: string): string {
  return v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) ? v.slice(1, -1) : v;
}

/**
 * True when a value is written out in the Dockerfile rather than taken from a variable, a file or a command:
 * not empty, no `$` or backquote, no flag value or path (`yes`, `8`, `/run/secrets/db`), no placeholder (`changeme`).
 */
export function isLiteral(v: string): boolean {
  return v !== '' && !v.includes('$') && !v.includes('`') && !isNonSecretValue(v) && !isPlaceholderValue(v);
}

/**
 * Whether the `$` at `t[i]` starts what a program or a later shell may expand, in a text whose `$` no shell expands
 * (an exec-form argument, a value in single quotes): `${…}` and `$(…)`, a name in capitals (`pre$TOKEN`), and at
 * the start of the text or after a character that is not a letter or digit any name or special parameter (`$db_pw`,
 * `user:$PW`, `$1`, `$$`). Any other `$` (`pa$w0rd`) is a character of a literal. The `$` after it in a `$$` pair is
 * not asked (literalDollars): it belongs to its pair, whichever way that is read (a shell's PID, compose's `$`).
 */
function dollarReference(t: string, i: number): boolean {
  // A `$` after an odd number of backslashes is one a later shell reads as escaped: a character (the exec-form
  // argument `"ab\\$cd"` gives the program `ab\$cd`, six characters).
  let backslashes = 0;
  while (t[i - 1 - backslashes] === '\\') backslashes++;
  if (backslashes % 2 === 1) return false;
  const next = t[i + 1] ?? '';
  NAME.lastIndex = i + 1;
  const name = NAME.exec(t)?.[0];
  const wordStart = i === 0 || !/[A-Za-z0-9]/.test(t[i - 1] as string);
  return next === '{' || next === '(' || (name !== undefined && (wordStart || /^[A-Z_][A-Z0-9_]*$/.test(name))) || (wordStart && /^[0-9@*#?!$-]$/.test(next));
}

/** A shell's special parameters, after their `$`: `$$` (its process id), `$?`, `$!`, `$#`, `$-`, `$0`…`$9`, `$@`, `$*`. */
const SPECIAL_PARAMETER = /^[$?!#@*0-9-]$/;

/**
 * A special parameter in braces (`${?}`, `${#}`, `${$}`, `${!}`, `${0}`…`${9}`, `${@}`, `${*}`, `${-}`), read where
 * `lastIndex` says, at its `{`: the same expansion as without them (POSIX, Shell Command Language 2.6.2: "the
 * parameter name or symbol can be enclosed in braces"). Group 1 the parameter.
 */
const BRACED_SPECIAL = /\{([$?!#@*0-9-])\}/y;

/**
 * Whether a value as a shell gives it to the program (shellWordValue: each `$` that is a character written as
 * LITERAL_DOLLAR) is a literal but for the special parameters the shell sets itself and expands in it: `$$` (its
 * process id), `$?`, `$!`, `$#`, `$-`, with or without braces (`${?}`). None is a secret (a small number, the
 * shell's flags), so the secret is what is written around them (`--password "ab$$cdefgh12"`, most often written so
 * by one who meant compose's `$$`, a `$`). Each `$$` is read as the `$` compose would make of it: one that starts
 * what may be expanded (`"$$DB_PASSWORD"`, `"pre$$TOKEN"`, `"$${PW}"`) makes the value a reference, not a literal;
 * so does any other `$` (a variable, `${…}`, `$(…)`) or a backquote, and a value that is nothing but special
 * parameters (`"$$"`, `"$?"`) is none. The positional parameters (`$0`…`$9`, `$@`, `$*`) are text given to the
 * shell from outside the line, as a variable's is (`sh -c 'app --password "$1"' -- "$PW"`; `"$@"x` gives the
 * option the first argument and glues `x` to the last): a value with one is not known, whatever is written around.
 */
export function literalButSpecialParameters(value: string): boolean {
  if (!value.includes('$') || value.includes('`')) return false;
  // The value with each `$$` read as compose's `$` (a special parameter as a digit, what it mostly expands to), and
  // the value without its special parameters.
  let one = '';
  let rest = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (ch !== '$') {
      one += ch;
      rest += ch;
      continue;
    }
    BRACED_SPECIAL.lastIndex = i + 1;
    const braced = BRACED_SPECIAL.exec(value)?.[1];
    const parameter = braced ?? value[i + 1] ?? '';
    if (braced === undefined && parameter === '$') one += '$';
    else if (/^[?!#$-]$/.test(parameter)) one += '0';
    else return false;
    i += braced === undefined ? 1 : 3;
  }
  return !literalDollars(one).includes('$') && isLiteral(rest);
}

/**
 * Whether a value as the shell gives it to the program (shellWordValue, each `$` that is a character written as
 * LITERAL_DOLLAR) is written out: literal text (isLiteral), or literal but for special parameters
 * (literalButSpecialParameters: `ab$$cdefgh12`).
 */
export function literalValue(value: string): boolean {
  return isLiteral(value) || literalButSpecialParameters(value);
}

/**
 * Whether a shell expands a `$` followed by `next`: a name, `${…}`, `$(…)` or a special parameter; outside double
 * quotes (`quoted` false) also `$'…'` and `$"…"`, which some shells read as strings. Any other `$` is a character.
 */
export function dollarExpands(next: string, quoted: boolean): boolean {
  return /^[A-Za-z_{(]$/.test(next) || SPECIAL_PARAMETER.test(next) || (!quoted && (next === "'" || next === '"'));
}

/**
 * The value a program receives for the shell word written at `text[from, to)` (a shell reads it outside quotes),
 * with each `$` that is a character written as LITERAL_DOLLAR (a backquote as LITERAL_BACKQUOTE) and each expansion
 * kept as written (`$$`, `$?`, `$PW`, `${…}`, `$(…)`, a backquote; a special parameter in braces as it is without
 * them: `${?}` as `$?`), so that literalValue can judge it:
 * - in single quotes every character is itself; in double quotes a backslash escapes `$`, a backquote, `"` and `\`
 *   (`"ab\$cd"` passes `ab$cd`, `"ab\"cd"` passes `ab"cd`); outside quotes it escapes any character;
 * - a `$` neither quoted so nor escaped starts an expansion when a name, `{`, `(` or a special parameter follows it
 *   (outside quotes also `'` and `"`: `$'…'`, which some shells read as a string), else it is a character;
 * - a `$` that single quotes or a backslash keep still stands for what the program or a later shell may expand when
 *   it starts one (`'$PW'`, `\${PW}`, `'$$PW'`: literalDollars, read over the whole word), else it is a character
 *   (`'ab$$cd'`, `"ab\$cd"`).
 * `expandedBefore(i)` is true for a `$` at `text[i]` that an outer shell expanded before this one reads the text
 * (an unescaped `$` in the double-quoted STRING of `sh -c "…"`): an expansion wherever it stands, single quotes
 * included. Undefined for a word with a quote left open.
 */
export function shellWordValue(text: string, from: number, to: number, expandedBefore?: (i: number) => boolean): string | undefined {
  let out = '';
  // Where `out` holds a `$` that quotes or a backslash keep (judged at the end, over the whole word).
  const kept: number[] = [];
  const keep = (i: number): void => {
    if (expandedBefore?.(i)) out += '$';
    else {
      kept.push(out.length);
      out += '$';
    }
  };
  // The characters after a `$` that one expansion takes besides it (`dollar`): the second `$` of `$$` (the process
  // id, which a `$` or `{` after it does not change) and the braces of `${?}`, written `$?` as the same expansion.
  let skip = 0;
  const dollar = (i: number, quoted: boolean): string => {
    if (!expandedBefore?.(i) && !dollarExpands(text[i + 1] ?? '', quoted)) return LITERAL_DOLLAR;
    if (text[i + 1] === '$' && i + 2 <= to) {
      skip = 1;
      return '$$';
    }
    BRACED_SPECIAL.lastIndex = i + 1;
    const braced = i + 4 <= to ? BRACED_SPECIAL.exec(text)?.[1] : undefined;
    if (braced === undefined) return '$';
    skip = 3;
    return `$${braced}`;
  };
  for (let i = from; i < to; i++) {
    const ch = text[i] as string;
    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1 || close >= to) return undefined;
      for (let j = i + 1; j < close; j++) {
        if (text[j] === '$') keep(j);
        else out += text[j] === '`' ? LITERAL_BACKQUOTE : text[j];
      }
      i = close;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < to && text[j] !== '"'; j++) {
        const c = text[j] as string;
        if (c === '\\' && j + 1 < to && '$`"\\\n'.includes(text[j + 1] as string)) {
          j++;
          const e = text[j] as string;
          if (e === '$') keep(j);
          else if (e !== '\n') out += e === '`' ? LITERAL_BACKQUOTE : e;
        } else if (c === '$') {
          out += dollar(j, true);
          j += skip;
          skip = 0;
        } else out += c;
      }
      if (j >= to) return undefined;
      i = j;
    } else if (ch === '\\' && i + 1 < to) {
      i++;
      const e = text[i] as string;
      if (e === '$') keep(i);
      else if (e !== '\n') out += e === '`' ? LITERAL_BACKQUOTE : e;
    } else if (ch === '$') {
      out += dollar(i, false);
      i += skip;
      skip = 0;
    } else out += ch;
  }
  if (kept.length === 0) return out;
  const read = literalDollars(out);
  let value = '';
  let last = 0;
  for (const k of kept) {
    value += out.slice(last, k) + (read[k] as string);
    last = k + 1;
  }
  return value + out.slice(last);
}

/**
 * A text no shell reads (an exec-form argument) written as one shell word whose reading (shellWordValue) gives it
 * back verbatim: in single quotes, each `'` in it as `'\''` (`O'Brien` is `'O'\''Brien'`). Its `$` are judged as
 * in any single-quoted word (literalDollars over the whole value).
 */
export function singleQuotedText(t: string): string {
  return `'${t.replaceAll("'", "'\\''")}'`;
}

/**
 * Characters of an argument no shell reads that a shell reading it as a word would split it at, take off or read:
 * blanks, operators, quotes, backslashes, backquotes, globs, comments and `~` (execWord quotes such an argument).
 */
const SHELL_SPECIAL = /[\s;&|<>()"'\\`*?#~]/;

/**
 * An argument no shell reads (an exec-form element, a word a run line's shell already unquoted) written as one shell
 * word whose reading (shellWordValue) gives it back as the program gets it: as it is up to its first SHELL_SPECIAL
 * character, the rest in single quotes (singleQuotedText), so that an option or a name at its start is read as
 * one (`--password=O'Brien-Pass9x` is `--password=O''\''Brien-Pass9x'`, `ab\$cd` is `ab'\$cd'`, a backslash being
 * a character where no shell reads it). writtenIndex maps indexes of the word back to `t`.
 */
export function execWord(t: string): string {
  const p = t.search(SHELL_SPECIAL);
  return p === -1 ? t : t.slice(0, p) + singleQuotedText(t.slice(p));
}

/**
 * Where the character at `index` of `execWord(t)` is in `t`: the same index up to the opening quote, which is the
 * first quoted character's; each character of a `'\''` is the `'` it writes, the closing quote `t`'s end. A finding
 * at `[i, i + n)` of the word is at `[writtenIndex(t, i), writtenIndex(t, i + n))` of `t`.
 */
export function writtenIndex(t: string, index: number): number {
  const p = t.search(SHELL_SPECIAL);
  if (p === -1 || index <= p) return Math.min(index, t.length);
  let at = p + 1;
  for (let k = p; k < t.length; k++) {
    at += t[k] === "'" ? 4 : 1;
    if (index < at) return k;
  }
  return t.length;
}

/** What stands for a `$` that is a character of a text (literalDollars): one UTF-16 unit, so indexes stay. */
export const LITERAL_DOLLAR = '\uE024';

/** What stands for a backquote that is a character of a value (shellWordValue: `'ab`cd'`, `"ab\`cd"`). */
export const LITERAL_BACKQUOTE = '\uE060';

/** A text or value with each LITERAL_DOLLAR and LITERAL_BACKQUOTE written as the character it stands for. */
export function asCharacters(t: string): string {
  return t.replaceAll(LITERAL_DOLLAR, '$').replaceAll(LITERAL_BACKQUOTE, '`');
}

/**
 * A text that no shell reads (an exec-form argument, of a RUN too; a label value, a word of a compose string command), with each
 * `$` that stands for itself replaced by LITERAL_DOLLAR: the literal-secret readings take any `$` for a variable,
 * and would pass over the secret. Compose writes such a `$` as `$$` (`"pa$$w0rd"` gives the program `pa$w0rd`);
 * a run line quotes it (`'pa$w0rd'`). A `$` that starts what a program or a later shell may expand stays: `${…}` and
 * `$(…)`, a name in capitals (`pre$$TOKEN`), and at the start of the text or after a character that is not a letter
 * or digit any name or special parameter (`$$db_password`, `user:$$PW`, `$$1`). Only for a text with no interpolated
 * variable (CommandArg.written unset), whose every `$` is a character.
 */
export function literalDollars(t: string): string {
  if (!t.includes('$')) return t;
  let out = '';
  // Whether the `$` before is the first of a `$$` pair: a run of `$` is read in pairs from its start, so the `$` of
  // `ab$$cdefgh12` after the first is that pair's, not the start of `$cdefgh12`.
  let pairOpen = false;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i] as string;
    if (ch !== '$') {
      out += ch;
      pairOpen = false;
      continue;
    }
    // The second `$` of a pair is a character when its first is one (`ab$$cd`), and part of the reference when its
    // first starts one (`$$` at the start of a word, the shell's PID): either way the text is read as the first says.
    const second: boolean = pairOpen;
    pairOpen = !second && t[i + 1] === '$';
    const reference = second ? out.endsWith('$') : dollarReference(t, i);
    out += reference ? ch : LITERAL_DOLLAR;
  }
  return out;
}

/** A shell variable name, read where `lastIndex` says. */
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * True for values that stand for a secret in a template or sample file without being one: isPlaceholderValue's
 * (`changeme`, `<token>`, `xxx`, `example`), and `your-api-key-here`, `your_api_key`, `INSERT_YOUR_KEY_HERE`,
 * `secret`, `password`, `...`, a value cut short with dots (`sk-...`, `ghp_…`), a secret masked out (MASKED:
 * `hf_xxxxxxxx…`, `****`, `xxxxxxxx-xxxx-…`), a template's marker (TEMPLATE_MARKER: `__API_TOKEN__`, `%API_KEY%`),
 * or the key's own name in lower case (`API_KEY=api_key`).
 */
export function isPlaceholderSecret(value: string, name?: string): boolean {
  const v = value.trim();
  if (isPlaceholderValue(v)) return true;
  // Not `my-…`: `my-secret-pw` (the MySQL image's documented example) and `my_password` are weak passwords people
  // keep, which a Dockerfile ships in the image history; `your-…` asks the reader for theirs.
  if (/^your[-_ ]\S*$|^\S*[-_ ]here$|^(?:secret|password|passwd|pass|token|key)$|^\S*[-_ ]your[-_ ]\S*$/i.test(v)) return true;
  if (/(?:\.{3}|…)$/.test(v)) return true;
  // Both read a value of bounded length: MASKED may try each place its prefix could end.
  if (v.length <= 256 && (MASKED.test(v) || TEMPLATE_MARKER.test(v))) return true;
  return name !== undefined && v.toLowerCase() === name.toLowerCase();
}

/**
 * A secret masked out: an optional prefix of words each ended by `-` or `_` (the token's kind: `hf_`, `sk_test_`,
 * `xoxb-`), then only runs of one masking character, three or more long (`x`, `X`, `*`, `#`, `•`), joined by `-`,
 * `_` or `.`: `hf_xxxxxxxxxxxxxxxx`, `ghp_************`, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`. A value with any
 * other character after its prefix (`hf_xKx9xxQ…`, `Pxx9kx2xQ`) is not masked, whatever its x's.
 */
const MASKED = /^(?:[A-Za-z0-9]+[-_])*(?:[xX]{3,}|\*{3,}|#{3,}|•{3,})(?:[-_.](?:[xX]{3,}|\*{3,}|#{3,}|•{3,}))*$/;

/**
 * A template's marker for a value filled in later, the whole value: `__API_TOKEN__`, `%API_KEY%` (Windows, many
 * templating tools), `@@PASSWORD@@`, `{env.CF_API_TOKEN}` (Caddy), or `REDACTED`. Not any text in braces: a JSON
 * value (`{"type": "service_account", …}`) can hold a secret.
 */
const TEMPLATE_MARKER = /^(?:__[A-Za-z][\w.-]*__|%[A-Za-z_][\w.-]*%|@@[A-Za-z_][\w.-]*@@|\{[A-Za-z_][\w.-]*\}|redacted)$/i;

/** A character repeated 8 times in a row: a template (`ghp_XXXXXXXX…`, `hf_xxxxxxxx…`), not a token or password. */
export const REPEATED = /(.)\1{7}/;

/**
 * A value that stands for a secret without being one (isPlaceholderSecret), or a template of one (REPEATED): what
 * the readings of a password option or argument, and of a value's shape, pass over.
 */
export function isSecretTemplate(value: string, name?: string): boolean {
  return isPlaceholderSecret(value, name) || REPEATED.test(value);
}

/** File names that say "template": a `.env.example` or `config.json.dist` holds sample values, not secrets. */
export const TEMPLATE_NAME = /\.(?:example|sample|template|dist|defaults?|tpl)$/;

/** A word of a text as the value-shape check reads it (quotes, `=` and shell operators split words). */
const TOKEN = /[^\s'"=;&|()]+/g;

/**
 * The words of `text` that have the shape of a secret (a token, a key id, a URL with a password), high entropy
 * aside. A word with a character repeated 8 times in a row is a template (`ghp_XXXXXXXX…`), not a secret.
 * In a URL, the word is narrowed to the secret itself: the password of `https://user:password@host`, or the part
 * between the URL's delimiters that holds the token (`https://oauth2:glpat-…@gitlab.com/x.git`), so a finding
 * points at the secret and masks it, not the URL.
 */
export function secretWords(text: string): { index: number; word: string; shape: SecretShape }[] {
  const out: { index: number; word: string; shape: SecretShape }[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const shape = secretShape(m[0]);
    if (!shape || shape.kind === 'high-entropy' || REPEATED.test(m[0])) continue;
    const part = m[0].includes('://') ? secretInUrl(m[0], shape) : undefined;
    out.push(part ? { index: m.index + part.index, word: part.word, shape } : { index: m.index, word: m[0], shape });
  }
  return out;
}

/** `scheme://user:password@`: where the password starts is the length of the match less the password and `@`. */
const URL_PASSWORD = new RegExp(`^${URL_SCHEME_AND_USER}:(${URL_PASSWORD_TEXT})@`, 'i');

/**
 * The secrets written in a URL, in text order: its password when it is a literal (not `$VAR`, not a placeholder),
 * and each part between `/ : @ ? # = &` that has the shape of a token or key (`https://oauth2:glpat-…@gitlab.com`,
 * `?access_token=ghp_…`). `index` is where the secret starts in `url`; `kind` describes it (`a password`, `a
 * GitHub token`). A password that is itself a token is one secret, of the token's kind.
 */
export function urlSecrets(url: string): { index: number; word: string; shape: SecretShape; kind: string }[] {
  const out: { index: number; word: string; shape: SecretShape; kind: string }[] = [];
  const m = URL_PASSWORD.exec(url);
  const password = m ? { index: m[0].length - 1 - (m[1] as string).length, word: m[1] as string } : undefined;
  for (const p of url.matchAll(/[^/:@?#=&]+/g)) {
    const shape = secretShape(p[0]);
    if (shape && shape.kind !== 'url-credentials' && shape.kind !== 'high-entropy' && !REPEATED.test(p[0])) {
      out.push({ index: p.index ?? 0, word: p[0], shape, kind: shape.description });
    }
  }
  if (password && isLiteral(password.word) && !out.some((t) => t.index === password.index)) {
    // Before the host, so before every part but the user's.
    const at = out.findIndex((t) => t.index > password.index);
    out.splice(at === -1 ? out.length : at, 0, { ...password, shape: { kind: 'url-credentials', description: 'a URL with a password' }, kind: 'a password' });
  }
  return out;
}

/**
 * Where in a URL with a secret `shape` the secret is: the first of urlSecrets of that kind. Undefined when none is
 * (the whole URL is shown).
 */
function secretInUrl(url: string, shape: SecretShape): { index: number; word: string } | undefined {
  return urlSecrets(url).find((s) => s.shape.kind === shape.kind);
}

/** The kinds of credentials file whose text `credentialValues` reads (from secretFileKind). */
export type CredentialsFormat = 'ini' | 'json' | 'npmrc' | 'netrc' | 'pgpass';

/** The format of a credentials file, from its name (undefined: not a credentials or environment file). */
export function credentialsFormat(path: string): CredentialsFormat | undefined {
  const b = path.replace(/\/+$/, '').replace(/^.*\//, '').toLowerCase();
  // `.env.example`, `.env.sample`…: a template of the file, with sample values (as a copied one is judged by name).
  if (TEMPLATE_NAME.test(b)) return undefined;
  if (b === '.npmrc') return 'npmrc';
  if (b === '.netrc' || b === '_netrc') return 'netrc';
  if (b === '.pgpass') return 'pgpass';
  // `.aws/credentials`, `.pypirc` (ini), `.env` files (NAME=value), `.docker/config.json` ("auth": "...").
  if (b === '.pypirc' || b === '.env' || /^\.env\.[a-z0-9_-]+$/.test(b) || (b === 'credentials' && /(?:^|\/)\.aws\//.test(path))) return 'ini';
  if (b === 'config.json' && /(?:^|\/)\.docker\//.test(path)) return 'json';
  return undefined;
}

/**
 * `NAME = value`, `NAME=value`, `NAME: value`, `"NAME": "value",` (and `export NAME=value`): a line of an ini,
 * dotenv, YAML or JSON credentials file. Group 1 the name, group 2 the value with what follows it.
 */
const KEY_VALUE = /^[ \t]*(?:export[ \t]+)?["']?([A-Za-z_][\w.-]*)["']?[ \t]*[=:][ \t]*(.*?)[ \t]*,?[ \t]*$/gm;
/** A JSON string member, anywhere: `"auth": "…"`. */
const JSON_MEMBER = /"([A-Za-z_][\w.-]*)"\s*:\s*("(?:[^"\\\n]|\\.)*")/g;
/** An .npmrc auth line: `//registry.npmjs.org/:_authToken=…`, `_auth=…`, `//host/:_password=…`. */
const NPMRC = /^[ \t]*(?:\S*:)?(_authToken|_auth|_password)[ \t]*=[ \t]*(.*?)[ \t]*$/gm;
/** A .netrc `password` token and its value. */
const NETRC = /(?:^|\s)(password)\s+(\S+)/gm;
/** A .pgpass line: `host:port:database:user:password`, the password last (`\:` escapes a colon). */
const PGPASS = /^[ \t]*(?!#)((?:[^:\n\\]|\\.)*:(?:[^:\n\\]|\\.)*:(?:[^:\n\\]|\\.)*:(?:[^:\n\\]|\\.)*):(.*?)[ \t]*$/gm;

/**
 * The literal secrets a credentials file's text sets: values of secret-named keys (`aws_secret_access_key`,
 * `password`, `_authToken`, docker's `auth`, in ini, dotenv, YAML or JSON lines, or JSON members anywhere), the .netrc `password` and the .pgpass password field. Values taken
 * from variables (`${NPM_TOKEN}`, which npm expands), placeholders and empty values are not literal.
 * @returns each value with where it starts in `text` and the name that holds it
 */
export function credentialValues(text: string, format: CredentialsFormat): { index: number; name: string; value: string }[] {
  const out: { index: number; name: string; value: string }[] = [];
  const take = (m: RegExpMatchArray, name: string, written: string) => {
    // A value ends at a ` #` comment (dotenv) unless it is quoted as a whole.
    const bare = /^(["']).*\1$/.test(written) ? written : written.replace(/[ \t]+#.*$/, '');
    const value = unquote(bare);
    if (!isLiteral(value) || isPlaceholderSecret(value, name)) return;
    const index = (m.index ?? 0) + (m[0] as string).lastIndexOf(written) + (value === bare ? 0 : 1);
    out.push({ index, name, value });
  };
  const re = { ini: KEY_VALUE, json: JSON_MEMBER, npmrc: NPMRC, netrc: NETRC, pgpass: PGPASS }[format];
  for (const m of text.matchAll(re)) {
    const name = format === 'pgpass' ? 'password' : (m[1] as string);
    // docker's config.json keeps `user:password` in base64 under `auth`.
    if ((format === 'ini' || format === 'json') && !isSecretName(name) && name !== 'auth') continue;
    take(m, name, m[2] as string);
  }
  return out;
}
