import type { Diagnostic } from './diagnostic.js';
import { gluedSecretShape, secretShape, URL_PASSWORD_TEXT, URL_SCHEME_AND_USER } from './secret-shape.js';

/**
 * Masks a secret value for output: the first four characters, three dots and the length in characters,
 * e.g. `tk_l...(24 chars)`. Values of fewer than 16 characters show no characters at all (`...(14 chars)`): four of a
 * short password are a large part of it, while four of a long token are mostly its kind (`ghp_`, `AKIA`, `sk_l`).
 * DESIGN.md "Findings and output": secret values never appear in any output.
 * The dots are ASCII, not an ellipsis character: masks reach every report, and one character outside Latin-1
 * makes V8 build a whole 30 MB JSON report as a two-byte string (about 40% slower to serialise, slower to write),
 * and ASCII reads the same in a CI log of any encoding.
 */
export function maskSecret(value: string): string {
  const n = [...value].length;
  if (n < SHOWN_FROM) return n === 1 ? '...(1 char)' : `...(${n} chars)`;
  return `${[...value].slice(0, 4).join('')}...(${n} chars)`;
}

/** The shortest secret whose first four characters a mask shows. */
const SHOWN_FROM = 16;

/** True when `text` holds a mask made by maskSecret (`...(24 chars)`). */
export function holdsMask(text: string): boolean {
  return MASK.test(text);
}

const MASK = /\.\.\.\(\d+ chars?\)/;

/** One piece of an interpolated value: text written in the file, or the value a variable gave. */
export interface ValuePiece {
  text: string;
  /**
   * The expression `text` is the value of, as written (`${DB_PASSWORD}`, `$HOME`, `${TAG:-1.0}`); absent for
   * text from the file, a default used in place of an unset variable included.
   */
  variable?: string;
}

/**
 * `scheme://user:password@`: the password (group 2) is masked unless it is a variable (`${DB_PASSWORD}`). The user
 * may be empty (`redis://:PASSWORD@redis:6379`, the Redis form).
 */
const URL_PASSWORD = new RegExp(`(${URL_SCHEME_AND_USER}:)(${URL_PASSWORD_TEXT})@`, 'gi');

/**
 * Quotes a value for a message (an input error, the reason a value cannot be known, a finding) without printing a
 * secret; every message that quotes a value from a scanned input goes through here.
 * - A value that came (partly) from the environment or `.env` (`pieces` from interpolation) is shown as written,
 *   with its variables, and its length: `"${DB_PASSWORD}" (from the environment, 23 characters)`. `text` may be
 *   the whole value or a part of it (`invalid host port "${DB_PASSWORD}" (…) in "${DB_PASSWORD}:80" (…)`).
 * - A password in a URL is masked: `"https://deploy:S3cr...(17 chars)@registry.example.com/app"`.
 * - A value shaped like a secret (a token, a key) is masked, and its kind named: `"ghp_...(40 chars)" (a GitHub token)`.
 * - Anything else is quoted as it is: `"512 megs"`; past 120 characters, cut: `"aaaa..." (240001 characters)`.
 * Between the quotes, a `"` is written `\"` and a `\` is written `\\` (quoted), as Go's %q and JSON write them, so a
 * quote inside the value cannot end the quoted text early: `"say \"hi\""`, `"C:\\temp"`. Control characters are
 * left as they are: every report format shows them as escapes where it prints (report/printable.ts: `\n`, `\x1b`),
 * and the JSON report as JSON escapes them.
 */
export function quoteValue(text: string, pieces?: readonly ValuePiece[]): string {
  if (pieces?.some((p) => p.variable !== undefined)) return quoteInterpolated(text, pieces);
  const masked = maskUrlPasswords(text);
  const shape = secretShape(masked) ?? gluedSecretShape(masked);
  if (shape && shape.kind !== 'url-credentials') return `${quoted(maskSecret(masked))} (${shape.description})`;
  return quotedShort(masked);
}

/**
 * Quotes a name from a scanned input for a message: a compose service, a container, a Dockerfile stage
 * (`service "web"`). As quoteValue quotes a value, without naming a secret's kind: secret-shaped words masked
 * (maskSecretsIn: `"ghp_...(40 chars)"`), `"` and `\` escaped, and past 120 characters cut after 100 with the length
 * (`"ssss..." (3000 characters)`), so that a name of 3,000 characters is not repeated whole in every message.
 */
export function quoteName(name: string): string {
  return quotedShort(maskSecretsIn(name));
}

/** Longest value quoted whole, in code points; a longer one shows its first QUOTED_HEAD (helper-57 quoted 240,000). */
const QUOTED_MAX = 120;
const QUOTED_HEAD = 100;

/**
 * quoted(text), cut after QUOTED_HEAD code points when the text is longer than QUOTED_MAX, with its length:
 * `"aaaa..." (240001 characters)`. A message stays one readable line, and a report does not repeat a huge value in
 * every format it writes. ASCII `...`, as the masks use, so that reports stay one-byte strings.
 */
function quotedShort(text: string): string {
  if (text.length <= QUOTED_MAX) return quoted(text);
  const points = [...text];
  if (points.length <= QUOTED_MAX) return quoted(text);
  return `${quoted(`${points.slice(0, QUOTED_HEAD).join('')}...`)} (${points.length} characters)`;
}

/** `text` in double quotes, each `"` and `\` in it escaped with a backslash: `say "hi"` is `"say \"hi\""`. */
function quoted(text: string): string {
  return `"${QUOTE_OR_BACKSLASH.test(text) ? text.replace(QUOTE_OR_BACKSLASH_ALL, '\\$&') : text}"`;
}

const QUOTE_OR_BACKSLASH = /["\\]/;
const QUOTE_OR_BACKSLASH_ALL = /["\\]/g;

function maskUrlPasswords(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(URL_PASSWORD, (all, head: string, password: string) => (password.startsWith('$') ? all : `${head}${maskSecret(password)}@`));
}

/**
 * Masks what the file wrote in one literal piece of a value: URL passwords, and a value shaped like a secret (the
 * masking quoteValue does, without the quotes). @returns `text` itself when nothing in it is secret
 */
export function maskLiteral(text: string): string {
  const masked = maskUrlPasswords(text);
  const shape = secretShape(masked) ?? gluedSecretShape(masked);
  return shape && shape.kind !== 'url-credentials' ? maskSecret(masked) : masked;
}

function quoteInterpolated(text: string, pieces: readonly ValuePiece[]): string {
  const value = pieces.map((p) => p.text).join('');
  const n = [...text].length;
  const length = `${n} character${n === 1 ? '' : 's'}`;
  const whole = text === value;
  // Where `text` sits in the value: where it takes in a variable's value if it can, else where it first occurs.
  let from = whole ? 0 : -1;
  if (!whole) {
    for (let i = value.indexOf(text); i !== -1; i = value.indexOf(text, i + 1)) {
      if (from === -1) from = i;
      if (overlapsVariable(pieces, i, i + text.length)) {
        from = i;
        break;
      }
    }
  }
  if (from === -1) {
    // Not a part of the value as it is (a parser changed it): only say where it came from.
    return `${quoted(pieces.map((p) => p.variable ?? maskLiteral(p.text)).join(''))} (from the environment, read as ${length})`;
  }
  const to = from + text.length;
  let shown = '';
  let fromEnv = false;
  let start = 0;
  for (const p of pieces) {
    const end = start + p.text.length;
    // A variable whose value is empty is shown when it lies inside the text (or the text is the whole value).
    const inside = p.text.length === 0 ? whole || (start > from && start < to) : start < to && end > from;
    if (inside) {
      if (p.variable !== undefined) {
        shown += p.variable;
        fromEnv = true;
      } else shown += maskLiteral(p.text.slice(Math.max(from, start) - start, Math.min(to, end) - start));
    }
    start = end;
  }
  return fromEnv ? `${quoted(shown)} (from the environment, ${length})` : quoted(shown);
}

function overlapsVariable(pieces: readonly ValuePiece[], from: number, to: number): boolean {
  let start = 0;
  for (const p of pieces) {
    const end = start + p.text.length;
    if (p.variable !== undefined && start < to && end > from) return true;
    start = end;
  }
  return false;
}

/**
 * Shortest text looked at for a secret shape (maskShapes): the shortest shapes (an AWS access key id) have 20
 * characters, and most message values (capability names, modes, paths) are shorter, so they cost nothing.
 */
const MIN_SHAPE = 16;

/**
 * A text with every secret-shaped word masked (maskSecret), wherever it sits: a token written as a restart policy,
 * a device path, a container name or a compose key is still a token. A word is a run of 16+ characters between
 * blanks, quotes and `/:=,;()[]{}`, so `https://user:ghp_...@host` and `TOKEN=ghp_...` are masked too. Case is
 * ignored, as a normalised value (an upper-cased capability name) keeps the token's letters. Used by the checker
 * on findings' message data and subjects, and on every diagnostic a report shows (maskDiagnostic).
 */
export function maskShapes(text: string): string {
  if (text.length < MIN_SHAPE) return text;
  return text.replace(/[^\s"'/:=,;()[\]{}]{16,}/g, (word) =>
    secretShape(word) || secretShape(word.toLowerCase()) || gluedSecretShape(word) ? maskSecret(word) : word,
  );
}

/**
 * A message or location path as a report may show it: URL passwords masked (`https://u:pw@host` →
 * `https://u:...(2 chars)@host`), then every secret-shaped word (maskShapes). The same object when nothing
 * changes. This is the last guard: the message that quotes a file should already quote only what it needs,
 * through quoteValue.
 */
export function maskSecretsIn(text: string): string {
  if (text.length < MIN_URL_CREDENTIALS) return text;
  return maskShapes(maskUrlPasswords(text));
}

/** The shortest text maskSecretsIn may change: `a://b:c@` (maskShapes needs 16 characters). */
const MIN_URL_CREDENTIALS = 8;

/**
 * A word of the input as a message names it without quotes (an option, a run-time word): secret shapes masked
 * (maskSecretsIn), and past `max` code points its first `head`, `…` and its length (`--zzzz… (3002 characters)`), so
 * that pasted text, or a token glued to letters that no shape tells apart, is not printed whole.
 */
export function shortened(text: string, max: number, head: number): string {
  return maskedAndCut(text, max, head, '… ');
}

/**
 * A name from a scanned input as a message shows it without quotes (an environment variable, a build argument): as
 * quoteName shows it, secret shapes masked and past 120 characters cut after 100 with the length
 * (`KKKK... (1000 characters)`), without the quotes.
 */
export function shownName(name: string): string {
  return maskedAndCut(name, QUOTED_MAX, QUOTED_HEAD, '... ');
}

/**
 * A location's logical path (`services.web.image`) with each dot-separated key masked by maskSecretsIn: a compose
 * service, network or environment key may be a token (`services.ghp_...(40 chars).image`), and the rest of the path
 * stays readable. A key longer than PATH_KEY_MAX code points is cut to its first PATH_KEY_HEAD and its length
 * (`services.ssss...(3000 characters).privileged`), as quoteValue cuts a value: a report does not repeat a service
 * name or environment key of 3,000 characters in every finding's path. The same string when nothing changes.
 * Applied to every finding's path (check/run-rules.ts) and every diagnostic's (maskDiagnostic), so the JSON report's
 * `location.path`, SARIF's `fullyQualifiedName` and the text report show the same path.
 */
export function maskPath(path: string): string {
  // Most paths have no key of 16 characters or more and no URL: nothing to mask, and no split.
  if (!hasLongKey(path) && !path.includes('://')) return path;
  let masked = maskedPaths.get(path);
  if (masked === undefined) {
    if (maskedPaths.size >= 4096) maskedPaths.clear();
    masked = path.split('.').map(shownKey).join('.');
    maskedPaths.set(path, masked);
  }
  return masked === path ? path : masked;
}

/** Longest key of a location path shown whole, in code points; a longer one shows its first PATH_KEY_HEAD. */
const PATH_KEY_MAX = 64;
const PATH_KEY_HEAD = 48;

/**
 * One key of a location path as maskPath shows it: secret shapes masked (maskSecretsIn), and past PATH_KEY_MAX code
 * points its first PATH_KEY_HEAD, `...` and its length in characters (`ssss...(3000 characters)`). ASCII dots, as
 * the masks use, so that reports stay one-byte strings; `characters`, not a mask's `chars`, since nothing is hidden.
 */
function shownKey(key: string): string {
  return maskedAndCut(key, PATH_KEY_MAX, PATH_KEY_HEAD, '...');
}

/**
 * `text` with its secret shapes masked (maskSecretsIn) and, when that is longer than `max` code points, cut to its
 * first `head` code points, then `cut` and the length of `text` in code points (`KKKK... (1000 characters)` with cut
 * `'... '`). Reports use ASCII dots, as the masks do, so that they stay one-byte strings.
 */
function maskedAndCut(text: string, max: number, head: number, cut: string): string {
  const masked = maskSecretsIn(text);
  if (masked.length <= max) return masked;
  const points = [...masked];
  return points.length <= max ? masked : `${points.slice(0, head).join('')}${cut}(${[...text].length} characters)`;
}

/** True when a key of the path has 16 characters or more (MIN_SHAPE: the shortest maskShapes may mask). */
function hasLongKey(path: string): boolean {
  let run = 0;
  for (let i = 0; i < path.length; i++) {
    if (path.charCodeAt(i) === 46 /* . */) run = 0;
    else if (++run >= MIN_SHAPE) return true;
  }
  return false;
}

/** maskPath's results by path (a scan reports the same few paths of a service again and again); bounded. */
const maskedPaths = new Map<string, string>();

/**
 * A diagnostic with URL passwords and secret-shaped words masked in its message and location path
 * (maskSecretsIn), whichever source made it (README: secret values are never printed). Messages quote file text
 * through quoteValue where they are made; this catches what one leaves (a compose key that is a token, a line of a
 * file that is no Dockerfile). The same object when nothing changes. Applied to every diagnostic of every command
 * where its report is written (cli/report-output.ts `writeReport`; `convert` prints its own, masked the same way).
 */
export function maskDiagnostic(d: Diagnostic): Diagnostic {
  const message = maskSecretsIn(d.message);
  const path = d.at.path === undefined ? undefined : maskPath(d.at.path);
  if (message === d.message && path === d.at.path) return d;
  return { ...d, message, at: path === undefined ? d.at : { ...d.at, path } };
}
