import type { ContainerSpec, InterpolatedValue, Location, Sourced, ValuePiece } from '../model/index.js';
import { compareText, maskPath, maskSecretsIn, maskShapes, quoteName, quoteValue } from '../model/index.js';
import type { ReportDescriptor, Rule, RuleMeta, Severity } from '../rules/index.js';
import type { Finding } from './finding.js';
import { fingerprint } from './fingerprint.js';

/** Per-rule settings after configuration. */
export interface RuleSettings {
  enabled: boolean;
  severity?: Severity;
  options: Record<string, unknown>;
}

/** Looks up the settings for a rule; default: enabled, meta severity, meta option defaults. */
export type SettingsLookup = (meta: RuleMeta) => RuleSettings;

const defaults = new WeakMap<RuleMeta, RuleSettings>();

/** Default settings: every rule on, with its own severity and option defaults (made once per rule; do not mutate). */
export const defaultSettings: SettingsLookup = (meta) => {
  let s = defaults.get(meta);
  if (!s) {
    s = { enabled: true, options: defaultOptions(meta) };
    defaults.set(meta, s);
  }
  return s;
};

const optionDefaults = new WeakMap<RuleMeta, Record<string, unknown>>();

/** The defaults of a rule's documented options (computed once per rule; callers must not mutate it). */
export function defaultOptions(meta: RuleMeta): Record<string, unknown> {
  let out = optionDefaults.get(meta);
  if (!out) {
    out = {};
    for (const [k, o] of Object.entries(meta.options ?? {})) out[k] = o.default;
    optionDefaults.set(meta, out);
  }
  return out;
}

/**
 * Describes a subject for messages: `Service "api"`, `Container "web"`, `The docker run line`. The name is quoted
 * through quoteName: a name of 3,000 characters is cut (`service "ssss..." (3000 characters)`), a secret-shaped one masked.
 */
export function describeContainer(c: ContainerSpec): string {
  switch (c.origin) {
    case 'compose':
      return `service ${quoteName(c.name)}`;
    case 'run':
      return c.name.startsWith('run@') ? 'the docker run command' : `container ${quoteName(c.name)} (docker run)`;
    case 'proxy':
      return `create request for ${quoteName(c.name)}`;
    case 'swarm':
      return `swarm service ${quoteName(c.name)}`;
    default:
      return `container ${quoteName(c.name)}`;
  }
}

/** A message template split once into literal text and placeholder names (odd indices). */
const compiled = new Map<string, string[]>();

/** Fills `{name}` placeholders; a placeholder without data is left as written (the rule tester rejects that). */
export function formatMessage(template: string, data: Record<string, string | number>): string {
  return fillMessage(template, data, undefined);
}

const NO_DATA: Record<string, string | number> = {};

/**
 * formatMessage with `{target}` given apart, as if `{ target, ...data }` were passed (data wins), without
 * building that object for every finding.
 */
function fillMessage(template: string, data: Record<string, string | number> | undefined, target: string | undefined): string {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(/\{([a-zA-Z_]+)\}/);
    // A template that starts with text is capitalised once here; one that starts with a placeholder, per message.
    parts[0] = capitalised(parts[0] as string);
    compiled.set(template, parts);
  }
  const d = data ?? NO_DATA;
  let text = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    if (i % 2 === 0) text += p;
    else if (p in d) text += String(d[p]);
    else if (p === 'target' && target !== undefined) text += target;
    else text += `{${p}}`;
  }
  return parts[0] === '' ? capitalised(text) : text;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function locationOf(at: Sourced<unknown> | Location): Location {
  return 'value' in at && 'at' in at ? at.at : (at as Location);
}

/**
 * Runs rules on one subject and returns their findings, with the checker adding id, severity, title,
 * references, message text and fingerprint (STYLE.md 2.1). A rule that throws becomes a `BW9003`-style
 * internal error for that subject only: the caller catches it; the batch goes on.
 * `interpolated`: the subject's values that came from the environment; message data taken from one is shown
 * through quoteValue (`fromEnvironment`), never as its text.
 */
export function runRules<S>(
  rules: readonly Rule<S>[],
  subject: S,
  subjectName: string,
  target: string,
  settings: SettingsLookup = defaultSettings,
  interpolated?: readonly InterpolatedValue[],
): Finding[] {
  const findings: Finding[] = [];
  // A subject's name may hold a URL with a password (a service named `postgres://u:pw@db`, which compose refuses but
  // a file can still say) or a token: masked as every quoted value is.
  const shownTarget = maskSecretsIn(target);
  const shownSubject = maskSecretsIn(subjectName);
  // One context for all the rules of this subject (rules report synchronously, during their check): the rule
  // being run is read from `meta` and `s`.
  let meta: RuleMeta;
  let s: ReturnType<SettingsLookup>;
  const ctx = {
    options: {} as ReturnType<SettingsLookup>['options'],
    report(d: ReportDescriptor<string>) {
      const at = locationOf(d.at);
      const status = d.status ?? 'violation';
      const template = meta.messages[d.messageId];
      if (template === undefined) throw new Error(`rule ${meta.id} reported unknown messageId "${d.messageId}"`);
      const data = d.data ? withoutSecretShapes(interpolated ? fromEnvironment(d.data, at, interpolated) : d.data) : d.data;
      const message = fillMessage(template, data, shownTarget);
      const f: Finding = {
        ruleId: meta.id,
        ruleName: meta.name,
        scope: meta.scope,
        severity: status === 'unknown' ? 'info' : (s.severity ?? meta.severity),
        status,
        title: meta.title,
        message,
        rationale: meta.rationale,
        remediation: meta.remediation,
        location: shownLocation(at),
        subject: shownSubject,
        checklist: meta.checklist,
        seed: meta.references.seed,
        fingerprint: fingerprint(meta.id, at, subjectName, message),
      };
      if (meta.references.cis) f.cis = meta.references.cis.items;
      findings.push(f);
    },
  };
  for (const rule of rules) {
    s = settings(rule.meta);
    if (!s.enabled) continue;
    meta = rule.meta;
    ctx.options = s.options;
    rule.check(subject, ctx);
  }
  return findings;
}

/** A finding's location with its path masked (maskPath): a key in it may be a token, as a service's name may. */
function shownLocation(at: Location): Location {
  if (at.path === undefined) return at;
  const path = maskPath(at.path);
  return path === at.path ? at : { ...at, path };
}

/**
 * Message data with maskShapes applied to its string values. `reason` too: it quotes values through quoteValue where
 * it is made, but also names variables, and a token pasted as a variable's name (`${ghp_...}`) is still a token.
 */
function withoutSecretShapes(data: Record<string, string | number>): Record<string, string | number> {
  let out: Record<string, string | number> | undefined;
  for (const k in data) {
    const v = data[k];
    if (typeof v !== 'string') continue;
    const masked = maskShapes(v);
    if (masked !== v) (out ??= { ...data })[k] = masked;
  }
  return out ?? data;
}

/** Runs runtime rules on a ContainerSpec. */
export function checkContainer(rules: readonly Rule<ContainerSpec>[], c: ContainerSpec, settings?: SettingsLookup): Finding[] {
  return runRules(rules, c, c.name, describeContainer(c), settings, c.interpolated);
}

/** Shortest text taken as a part of an interpolated value, or as a variable's text in a longer one: shorter ones match by chance (`1`, `on`). */
const MIN_MATCH = 4;

/**
 * Message data with each value that came from the environment shown through quoteValue, by its variables
 * (`"${DEVICE}" (from the environment, 23 characters)`), never as its text: secret values never appear in output.
 * Rules report model values (a device path, a restart policy...), which do not say where their text came from; a
 * data value is taken as coming from an interpolated value of the subject
 * - when it is a variable's whole text, written where the finding points or on its lines (`restart: ${POLICY}`),
 *   whatever its length;
 * - when it has MIN_MATCH characters or more and is a part of an interpolated value that takes in a variable's text
 *   (`/dev/sda` of `${DEV}:/dev/sda`), or a part of a variable's text, in any case (`SYS_ADMIN` of `${CAP}`), values
 *   written where the finding points first;
 * - when it holds a variable's text of MIN_MATCH characters or more as a whole item of a list joined from several
 *   values (`drops CHOWN, ${DROP}`): that text alone is replaced.
 * `reason` is left as it is: an Unknown's reason is quoted through quoteValue where it is made.
 */
function fromEnvironment(data: Record<string, string | number>, at: Location, values: readonly InterpolatedValue[]): Record<string, string | number> {
  // Values written where the finding points first (within its range, then on its lines: a sysctl is reported at
  // its name, its value is beside it): where a data value matches several, it came from there.
  const inside = values.filter((v) => within(v.at, at));
  const own = [...inside, ...values.filter((v) => !within(v.at, at) && onLines(v.at, at))];
  const ordered = [...own, ...values.filter((v) => !own.includes(v))];
  let out: Record<string, string | number> | undefined;
  for (const [key, value] of Object.entries(data)) {
    if (key === 'reason') continue;
    const text = String(value);
    if (text === '') continue;
    const shown = quoteIfFromEnvironment(text, inside, own, ordered);
    if (shown === text) continue;
    out ??= { ...data };
    out[key] = shown;
  }
  return out ?? data;
}

/** True when `inner` starts on a line of `outer` (the same file). */
function onLines(inner: Location, outer: Location): boolean {
  if (inner.source !== outer.source || inner.line === undefined || outer.line === undefined) return false;
  return inner.line >= outer.line && inner.line <= (outer.endLine ?? outer.line);
}

/** True when `inner` is written inside `outer` (the same file, within its offsets). */
function within(inner: Location, outer: Location): boolean {
  if (inner.source !== outer.source || inner.offset === undefined || outer.offset === undefined) return false;
  return inner.offset >= outer.offset && (inner.endOffset ?? inner.offset) <= (outer.endOffset ?? outer.offset);
}

function quoteIfFromEnvironment(
  text: string,
  inside: readonly InterpolatedValue[],
  own: readonly InterpolatedValue[],
  all: readonly InterpolatedValue[],
): string {
  const lower = text.toLowerCase();
  const isVariable = (p: ValuePiece) => p.variable !== undefined && p.text !== '';
  for (const { pieces } of own) if (pieces.some((p) => isVariable(p) && p.text.toLowerCase() === lower)) return quoteValue(text, pieces);
  if (text.length >= MIN_MATCH) {
    for (const { pieces } of all) {
      if (occursOverVariable(text, pieces)) return quoteValue(text, pieces);
      if (pieces.some((p) => isVariable(p) && p.text.toLowerCase().includes(lower))) return quoteValue(text, pieces);
    }
  }
  // A text made of several values: each variable's text in it is replaced. As a word when the value was written where
  // the finding points (`18080` of `${HP}` in `18080->80/tcp`); elsewhere only as a whole list item (`CHOWN, SECRET`),
  // so that `/etc` from the environment does not rewrite a literal `/etc/nginx` written on another line.
  let shown = text;
  for (const v of all) {
    const bound = inside.includes(v) ? 'word' : 'item';
    for (const p of v.pieces) if (isVariable(p) && p.text.length >= MIN_MATCH) shown = replaceWord(shown, p.text, quoteValue(p.text, v.pieces), bound);
  }
  return shown;
}

/** True when `text` occurs in the value `pieces` make at a place that takes in a variable's text. */
function occursOverVariable(text: string, pieces: readonly ValuePiece[]): boolean {
  const value = pieces.map((p) => p.text).join('');
  for (let i = value.indexOf(text); i !== -1; i = value.indexOf(text, i + 1)) {
    let start = 0;
    for (const p of pieces) {
      const end = start + p.text.length;
      if (p.variable !== undefined && p.text !== '' && start < i + text.length && end > i) return true;
      start = end;
    }
  }
  return false;
}

const WORD = /[A-Za-z0-9_]/;
/** What separates the values of a list joined into one message value (`CHOWN, SETUID`, `a b`). */
const LIST_SEPARATOR = /[\s,;]/;

/**
 * `text` with each occurrence of `word` (in any case) replaced by `by` where it stands alone: with `bound` `word`, not
 * inside a longer word (`18080` in `18080->80/tcp`); with `item`, as a whole item of a list (text start or end, a
 * blank, `,` or `;` on both sides), so not inside a longer value (`/etc` in `/etc/nginx`).
 */
function replaceWord(text: string, word: string, by: string, bound: 'word' | 'item'): string {
  const lower = text.toLowerCase();
  const w = word.toLowerCase();
  const edgeStart = bound === 'item' || WORD.test(word[0] as string);
  const edgeEnd = bound === 'item' || WORD.test(word[word.length - 1] as string);
  const apart = (c: string) => (bound === 'item' ? LIST_SEPARATOR.test(c) : !WORD.test(c));
  let out = '';
  let from = 0;
  for (let i = lower.indexOf(w); i !== -1; i = lower.indexOf(w, i + w.length)) {
    const before = i === 0 || !edgeStart || apart(text[i - 1] as string);
    const after = i + w.length === text.length || !edgeEnd || apart(text[i + w.length] as string);
    if (!before || !after) continue;
    out += text.slice(from, i) + by;
    from = i + w.length;
  }
  return out + text.slice(from);
}

/** Orders findings by file, line, column, then rule id, so every output is deterministic. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.location.source, b.location.source) ||
    (a.location.line ?? 0) - (b.location.line ?? 0) ||
    (a.location.column ?? 0) - (b.location.column ?? 0) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.subject, b.subject)
  );
}
