import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { type Diagnostic, LineIndex, type Location } from '../../model/index.js';
import { DAEMON_JSON_KEYS, FLAG_NAMES_ACCEPTED_AS_KEYS, FLAT_OPTIONS, type KeyType, LATER_FEATURES, LATER_KEYS, type LaterKey, SKIP_VALIDATE } from './keys.js';

/** One top-level daemon.json entry as dockerd uses it (the last of duplicated keys), with its locations. */
export interface JsonEntry {
  key: string;
  /** The parsed JSON value. */
  value: unknown;
  node: Node;
  keyAt: Location;
  valueAt: Location;
}

/** A parsed daemon.json: the entries dockerd sees (after its flattening), a located-value lookup, and problems. */
export interface DaemonJson {
  source: string;
  entries: Map<string, JsonEntry>;
  diagnostics: Diagnostic[];
  /** Locates any node of the tree. */
  locate(node: Node, path?: string): Location;
  /** The top-level object's opening brace: where a missing key would be added. */
  rootAt?: Location;
  /** Known keys found inside other objects, which dockerd flattens to the top level for its checks (not used as values). */
  flattened: Map<string, Location>;
  /**
   * Keys inside the object of a key added after 20.10 (LATER_KEYS) that dockerd 20.10 knows: 20.10 flattens them to
   * the top level for its flag-conflict check, the release that added the key does not. Key: the inner key.
   */
  laterFlattened: Map<string, { at: Location; parent: string; since: string }>;
}

function isKnownKey(key: string): boolean {
  return key in DAEMON_JSON_KEYS || FLAG_NAMES_ACCEPTED_AS_KEYS.has(key) || SKIP_VALIDATE.has(key);
}

/** Message prefix of every problem that makes dockerd 20.10 refuse to start (the integration test relies on the severity, not this text). */
export const REFUSES = 'dockerd refuses this daemon.json:';

function nodeValue(n: Node): unknown {
  switch (n.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const p of n.children ?? []) {
        const [k, v] = p.children ?? [];
        if (k && v) o[String(k.value)] = nodeValue(v);
      }
      return o;
    }
    case 'array':
      return (n.children ?? []).map(nodeValue);
    default:
      return n.value;
  }
}

function typeProblem(t: KeyType, n: Node): string | undefined {
  if (n.type === 'null' || t === 'any') return undefined;
  const isInt = (x: Node) => x.type === 'number' && Number.isInteger(x.value);
  switch (t) {
    case 'bool':
      return n.type === 'boolean' ? undefined : `a boolean (true or false), not ${describe(n)}`;
    case 'string':
      return n.type === 'string' ? undefined : `a string, not ${describe(n)}`;
    case 'int':
      return isInt(n) ? undefined : `an integer, not ${describe(n)}`;
    case 'string-list':
      if (n.type !== 'array') return `a list of strings, not ${describe(n)}`;
      return (n.children ?? []).some((c) => c.type !== 'string' && c.type !== 'null') ? 'a list of strings, and one item is not a string' : undefined;
    case 'string-map':
      if (n.type !== 'object') return `an object of strings, not ${describe(n)}`;
      for (const p of n.children ?? []) {
        const v = p.children?.[1];
        if (v && v.type !== 'string' && v.type !== 'null') return `an object of strings; "${p.children?.[0]?.value}" is ${describe(v)} (write it in quotes)`;
      }
      return undefined;
    case 'bool-map':
      if (n.type !== 'object') return `an object of booleans, not ${describe(n)}`;
      for (const p of n.children ?? []) {
        const v = p.children?.[1];
        if (v && v.type !== 'boolean' && v.type !== 'null') return `an object of booleans; "${p.children?.[0]?.value}" is ${describe(v)}`;
      }
      return undefined;
    case 'ulimits':
      if (n.type !== 'object') return `an object of ulimits, not ${describe(n)}`;
      for (const p of n.children ?? []) {
        const v = p.children?.[1];
        if (!v || v.type === 'null') continue;
        if (v.type !== 'object') return `an object of ulimits; "${p.children?.[0]?.value}" is ${describe(v)}`;
        for (const q of v.children ?? []) {
          const k = String(q.children?.[0]?.value).toLowerCase();
          const w = q.children?.[1];
          if (w && (k === 'hard' || k === 'soft') && !isInt(w) && w.type !== 'null')
            return `ulimit "${p.children?.[0]?.value}": ${k} must be an integer, not ${describe(w)}`;
          if (w && k === 'name' && w.type !== 'string' && w.type !== 'null') return `ulimit "${p.children?.[0]?.value}": Name must be a string`;
        }
      }
      return undefined;
    case 'runtimes':
    case 'object':
      return n.type === 'object' ? undefined : `an object, not ${describe(n)}`;
    case 'pools':
      return n.type === 'array' ? undefined : `a list of {"base", "size"} objects, not ${describe(n)}`;
  }
}

function describe(n: Node): string {
  switch (n.type) {
    case 'string':
      return `the string ${JSON.stringify(n.value)}`;
    case 'number':
      return `the number ${n.value}`;
    case 'boolean':
      return `${n.value}`;
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return n.type;
  }
}

/** Records an entry; dockerd keeps the last of a key given twice, which is a warning at the earlier one. */
function addEntry(result: DaemonJson, entry: JsonEntry): void {
  const prev = result.entries.get(entry.key);
  if (prev) {
    result.diagnostics.push({
      code: 'config',
      severity: 'warning',
      message: `"${entry.key}" is given twice; dockerd uses only this last one (line ${entry.keyAt.line}) and ignores the earlier value on line ${prev.keyAt.line}.`,
      at: prev.keyAt,
    });
  }
  result.entries.set(entry.key, entry);
}

/**
 * A key added after 20.10 (LATER_KEYS): a located warning naming the release that added it and what dockerd 20.10
 * does with it (it refuses an unknown key; an object whose inner keys it happens to know is flattened and ignored).
 * The value is then judged as the release that added the key reads it: a wrong type, or an inner key that release
 * does not know, is an error (every release refuses it); otherwise the entry is kept for the rules.
 */
function laterKey(result: DaemonJson, key: string, k: Node, v: Node, later: LaterKey, props: (obj: Node) => [Node, Node][]): void {
  const keyAt = result.locate(k, key);
  const refusedBy2010 = v.type !== 'object' || props(v).some(([k2]) => !isKnownKey(String(k2.value)));
  if (!refusedBy2010) {
    for (const [k2] of props(v)) {
      const child = String(k2.value);
      result.laterFlattened.set(child, { at: result.locate(k2, `${key}.${child}`), parent: key, since: later.since });
    }
  }
  result.diagnostics.push({
    code: 'config',
    severity: 'warning',
    message: `"${key}" was added in Docker Engine ${later.since}; dockerd 20.10 and older ${refusedBy2010 ? 'refuse it' : 'ignore it'}.`,
    at: keyAt,
  });
  const entry: JsonEntry = { key, value: nodeValue(v), node: v, keyAt, valueAt: result.locate(v, key) };
  addEntry(result, entry);
  const problem = typeProblem(later.type, v);
  if (problem) {
    result.diagnostics.push({
      code: 'invalid-value',
      severity: 'error',
      message: `${REFUSES} "${key}" must be ${problem} (Docker Engine ${later.since} and later).`,
      at: entry.valueAt,
    });
    return;
  }
  if (!later.inner || v.type !== 'object') return;
  const allowed = Object.keys(later.inner);
  for (const [k2, v2] of props(v)) {
    const child = String(k2.value);
    const t = later.inner[child];
    // the release that added the key flattens these for its flag-conflict check (`--http-proxy` and the file both)
    if (t) result.flattened.set(child, result.locate(k2, `${key}.${child}`));
    if (!t) {
      result.diagnostics.push({
        code: 'config',
        severity: 'error',
        message: `${REFUSES} "${key}" accepts only ${allowed.map((a) => `"${a}"`).join(', ')}; "${child}" is not one.`,
        at: result.locate(k2, `${key}.${child}`),
      });
      continue;
    }
    const p2 = typeProblem(t, v2);
    if (p2)
      result.diagnostics.push({
        code: 'invalid-value',
        severity: 'error',
        message: `${REFUSES} "${key}.${child}" must be ${p2}.`,
        at: result.locate(v2, `${key}.${child}`),
      });
  }
}

/**
 * Parses a daemon.json text the way dockerd 20.10 reads it, keeping positions. Problems dockerd refuses to start
 * with become `error` diagnostics located at the offending text: invalid JSON (comments and trailing commas are not
 * JSON; Go's decoder rejects them), a top level that is not an object, unknown keys (after dockerd's flattening of
 * nested objects), and values of the wrong JSON type. A key given twice is accepted by dockerd, which uses the last
 * one: that is a `warning`. A key added after 20.10 (LATER_KEYS) is a `warning` naming the release that added it,
 * and its value is judged as that release reads it (see laterKey). Never throws.
 * @param source the path shown in locations.
 */
export function parseDaemonJson(text: string, source: string): DaemonJson {
  const idx = new LineIndex(text);
  const locate = (n: Node, path?: string) => idx.location(source, n.offset, n.offset + n.length, path);
  const diagnostics: Diagnostic[] = [];
  const entries = new Map<string, JsonEntry>();
  const result: DaemonJson = { source, entries, diagnostics, locate, flattened: new Map(), laterFlattened: new Map() };
  const strictErrors: ParseError[] = [];
  parseTree(text, strictErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  const seen = new Set<number>();
  for (const e of strictErrors) {
    if (seen.has(e.offset)) continue;
    seen.add(e.offset);
    const code = printParseErrorCode(e.error);
    const what =
      code === 'InvalidCommentToken'
        ? 'comments are not JSON (remove the comment)'
        : /PropertyNameExpected|ValueExpected/.test(code) && /^\s*[}\]]/.test(text.slice(e.offset))
          ? 'a trailing comma before a closing bracket is not JSON'
          : `invalid JSON (${code})`;
    let start = e.offset;
    let end = e.offset + e.length;
    if (what.startsWith('a trailing comma')) {
      // point at the comma itself, not at the bracket after it
      let i = e.offset - 1;
      while (i >= 0 && /\s/.test(text[i] as string)) i--;
      if (text[i] === ',') [start, end] = [i, i + 1];
    }
    diagnostics.push({ code: 'json-syntax', severity: 'error', message: `${REFUSES} ${what}.`, at: idx.location(source, start, end) });
  }
  const tolerant: ParseError[] = [];
  const root = parseTree(text, tolerant, { disallowComments: false, allowTrailingComma: true, allowEmptyContent: true });
  if (root === undefined) return result;
  result.rootAt = idx.location(source, root.offset, root.offset + 1, '$');
  if (root.type !== 'object') {
    diagnostics.push({
      code: 'invalid-value',
      severity: 'error',
      message: `${REFUSES} the top level must be a JSON object, not ${describe(root)}.`,
      at: locate(root),
    });
    return result;
  }
  const props = (obj: Node): [Node, Node][] =>
    (obj.children ?? []).flatMap((p) => (p.children?.[0] && p.children[1] ? [[p.children[0], p.children[1]] as [Node, Node]] : []));
  // dockerd's configValuesSet: object values of keys other than FLAT_OPTIONS are flattened one level, and only the
  // flattened keys go through its unknown-key and flag-conflict checks; json.Unmarshal then reads the original
  // structure, where the object's own key is ignored when it is not a Config field.
  for (const [k, v] of props(root)) {
    const key = String(k.value);
    const keyAt = locate(k, key);
    const later = LATER_KEYS[key];
    if (later) {
      laterKey(result, key, k, v, later, props);
      continue;
    }
    if (v.type === 'object' && !FLAT_OPTIONS.has(key)) {
      let refused = false;
      for (const [k2, _v2] of props(v)) {
        const child = String(k2.value);
        const childAt = locate(k2, `${key}.${child}`);
        if (isKnownKey(child)) {
          result.flattened.set(child, childAt);
          continue;
        }
        refused = true;
        diagnostics.push({
          code: 'config',
          severity: 'error',
          message: `${REFUSES} dockerd reads the keys inside "${key}" as top-level options, and "${child}" is not one.`,
          at: childAt,
        });
      }
      if (!refused && !isKnownKey(key)) {
        diagnostics.push({
          code: 'config',
          severity: 'warning',
          message: `dockerd ignores "${key}": it is not a configuration option (dockerd only reads the keys inside it as top-level options).`,
          at: keyAt,
        });
      }
      if (!isKnownKey(key)) continue;
    }
    const entry: JsonEntry = { key, value: nodeValue(v), node: v, keyAt, valueAt: locate(v, key) };
    addEntry(result, entry);
    if (!isKnownKey(key)) {
      diagnostics.push({ code: 'config', severity: 'error', message: `${REFUSES} "${key}" is not a configuration option of dockerd 20.10.`, at: entry.keyAt });
      continue;
    }
    const t = DAEMON_JSON_KEYS[key];
    const problem = t ? typeProblem(t, v) : undefined;
    if (problem) diagnostics.push({ code: 'invalid-value', severity: 'error', message: `${REFUSES} "${key}" must be ${problem}.`, at: entry.valueAt });
  }
  for (const [k, v] of props(root)) {
    if (String(k.value) !== 'features' || v.type !== 'object') continue;
    for (const [k2] of props(v)) {
      const since = LATER_FEATURES[String(k2.value)];
      if (since)
        diagnostics.push({
          code: 'config',
          severity: 'warning',
          message: `the feature "${k2.value}" was added in Docker Engine ${since}; dockerd 20.10 and older ignore it.`,
          at: locate(k2, `features.${k2.value}`),
        });
    }
  }
  return result;
}
