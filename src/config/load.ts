import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, isSeq, type Node, parseDocument, visit } from 'yaml';
import { type Diagnostic, editDistance, LineIndex, type Location, sortByPosition } from '../model/index.js';
import type { RuleMeta, Severity } from '../rules/index.js';
import { blockNestingOverflow, flowNestingOverflow } from '../sources/compose/nesting.js';
import { optionsSchema, runtimeConfigSchema } from './schema.js';

/** Deepest YAML nesting read in a configuration file (the same limit as compose files; a policy needs 4). */
const CONFIG_MAX_NESTING = 256;

/** One rule's settings from the configuration file. */
export interface RuleConfig {
  enabled?: boolean;
  severity?: Severity;
  options?: Record<string, unknown>;
}

/** `.bulwark.yaml`, validated: rule entries keyed by rule id, paths resolved by the caller. */
export interface BulwarkConfig {
  /** The file it was read from (as given or found). */
  source: string;
  failOn?: Severity | 'none';
  /** Globs relative to the folder of the file. */
  ignore: string[];
  /** Baseline file, relative to the folder of the file. */
  baseline?: string;
  /** Where `baseline:` is written (its value), to locate a problem with that file. */
  baselineAt?: Location;
  /** By rule id (BW1001), whatever key the file used (id or name). */
  rules: Map<string, RuleConfig>;
}

const SEVERITY_WORDS = new Set(['critical', 'high', 'medium', 'low', 'info']);

type Validate = ReturnType<Ajv['compile']>;
let cached: { key: string; ajv: Ajv; validate: Validate; options: Map<string, Validate> } | undefined;
function validators(metas: readonly RuleMeta[]) {
  const key = metas.map((m) => m.id).join(';');
  if (cached?.key !== key) {
    const ajv = new Ajv({ allErrors: true, strict: false, inlineRefs: false });
    cached = { key, ajv, validate: ajv.compile(runtimeConfigSchema(metas)), options: new Map() };
  }
  const c = cached;
  return {
    validate: c.validate,
    /** The options validator of one rule, compiled on first use (only for rules the file configures). */
    options(m: RuleMeta): Validate {
      let v = c.options.get(m.id);
      if (!v) c.options.set(m.id, (v = c.ajv.compile(optionsSchema(m))));
      return v;
    },
  };
}

/** True for a YAML mapping read as data (not a list, not null). */
function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Runs the schema checks: the compact schema, and each configured rule's options schema wherever `options` is a
 * mapping (whether or not the rest of the file passed, so that one run shows every mistake; an `options` that is
 * no mapping is the compact schema's error alone).
 */
function schemaErrors(data: unknown, metas: readonly RuleMeta[]): ErrorObject[] {
  const v = validators(metas);
  const errors: ErrorObject[] = v.validate(data) ? [] : [...(v.validate.errors ?? [])];
  const rules = isMapping(data) && isMapping(data.rules) ? data.rules : {};
  for (const [key, entry] of Object.entries(rules)) {
    const opts = isMapping(entry) ? entry.options : undefined;
    if (!isMapping(opts)) continue;
    const m = metas.find((x) => x.id === key || x.name === key);
    if (!m) continue;
    const check = v.options(m);
    if (!check(opts))
      for (const e of check.errors ?? [])
        errors.push({ ...e, instancePath: `/rules/${key.replace(/~/g, '~0').replace(/\//g, '~1')}/options${e.instancePath}` });
  }
  return errors;
}

/**
 * The node at a JSON-pointer-like path (`['rules', 'BW1001', 'severity']`, `['ignore', '1']`), and the key node of
 * its last mapping step; list items are reached by their index.
 */
function nodeAt(doc: ReturnType<typeof parseDocument>, path: string[]): { node?: Node; keyNode?: Node } {
  let cur: unknown = doc.contents;
  let keyNode: Node | undefined;
  for (const seg of path) {
    if (isSeq(cur) && /^\d+$/.test(seg)) {
      cur = cur.items[Number(seg)];
      if (cur === undefined) return { keyNode: keyNode as Node };
      continue;
    }
    if (!isMap(cur)) return { keyNode: keyNode as Node };
    const pair = cur.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
    if (!pair) return { keyNode: keyNode as Node };
    keyNode = pair.key as Node;
    cur = pair.value;
  }
  return { node: (cur as Node) ?? undefined, keyNode: keyNode as Node };
}

/**
 * The message for a `rules:` key that names no rule, with the rule it most likely means: the same id or name in
 * another case (`bw1001`), else a name or id at most two edits away (`no-privilege`).
 */
function notARule(key: string, metas: readonly RuleMeta[]): string {
  const lower = key.toLowerCase();
  const same = metas.find((m) => m.id.toLowerCase() === lower || m.name === lower);
  let guess = same ? (same.id.toLowerCase() === lower ? same.id : same.name) : undefined;
  if (!guess) {
    let best = 3;
    for (const m of metas)
      for (const word of [m.id, m.name]) {
        const d = editDistance(lower, word.toLowerCase(), best);
        if (d < best) [best, guess] = [d, word];
      }
  }
  return `"${key}" is not a rule id or name${guess ? `; did you mean ${guess}?` : ''} (\`bulwark rules\` lists them)`;
}

function explain(e: ErrorObject, metas: readonly RuleMeta[]): string {
  const where = e.instancePath === '' ? 'the file' : `"${e.instancePath.slice(1).split('/').join('.')}"`;
  switch (e.keyword) {
    case 'propertyNames':
      return notARule((e.params as { propertyName: string }).propertyName, metas);
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      if (e.instancePath === '') return `unknown key "${key}"; the keys are fail-on, ignore, baseline and rules`;
      if (e.instancePath === '/rules') return notARule(key, metas);
      if (e.instancePath.endsWith('/options')) return `"${key}" is not an option of this rule (\`bulwark explain\` lists them)`;
      return `unknown key "${key}" in ${where}; a rule entry takes enabled, severity and options`;
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map((v) => String(v));
      return `${where} must be one of ${allowed.join(', ')}`;
    }
    case 'type': {
      const type = (e.params as { type: string }).type;
      // YAML words, not JSON Schema's: a list, a mapping (of keys to values).
      if (type === 'object' && e.instancePath === '') return 'the file must be a mapping of keys to values (fail-on, ignore, baseline, rules)';
      return `${where} must be ${type === 'array' ? 'a list' : type === 'object' ? 'a mapping (key: value lines)' : `of type ${type}`}`;
    }
    default:
      return `${where} ${e.message ?? 'is not valid'}`;
  }
}

/**
 * Why an `ignore` glob can never leave out what it names, or undefined for a usable one. Globs are matched against
 * paths relative to the configuration file's folder (config/ignore.ts), so a `..` step never matches; and the
 * `!` of .gitignore (re-include) is not supported, so `!vendor/keep` would be a name that starts with `!`.
 */
function unmatchableGlob(glob: string): string | undefined {
  const g = glob.trim().replace(/\\/g, '/');
  if (g.startsWith('!')) return 'starts with !: re-including (as in .gitignore) is not supported; list only the paths to leave out';
  if (g.split('/').includes('..'))
    return 'has a .. step: patterns are relative to the folder of this file and never leave it (move the file up, or name the path from here)';
  return undefined;
}

/**
 * Parses and validates a configuration file's text against the schema generated from `metas`. Every problem is a
 * located `config` (or `yaml-syntax`) diagnostic in that file; with any error the configuration is not returned
 * (Bulwark then exits 2 rather than scanning with half a policy). Never throws.
 */
export function parseConfig(text: string, source: string, metas: readonly RuleMeta[]): { config?: BulwarkConfig; diagnostics: Diagnostic[] } {
  const index = new LineIndex(text);
  const loc = (node: Node | undefined): Location => {
    const r = node?.range;
    return r ? index.location(source, r[0], r[1]) : { source, line: 1, column: 1 };
  };
  // As for compose files: nesting that would exhaust the parser's call stack is refused before parsing.
  let deep = flowNestingOverflow(text, CONFIG_MAX_NESTING);
  if (deep === -1) deep = blockNestingOverflow(text, CONFIG_MAX_NESTING);
  if (deep !== -1) {
    const message = `YAML nesting is deeper than ${CONFIG_MAX_NESTING} levels; not read`;
    return { diagnostics: [{ code: 'yaml-syntax', severity: 'error', message, at: index.location(source, deep, deep + 1) }] };
  }
  // logLevel error: the library's warnings (advice about its own API) never reach the user's terminal.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  if (doc.errors.length > 0) {
    return {
      diagnostics: doc.errors.map((e) => ({
        code: 'yaml-syntax' as const,
        severity: 'error' as const,
        // yaml's advice for a second `---` document names its own API; a configuration is one document.
        message:
          e.code === 'MULTIPLE_DOCS'
            ? 'a configuration file holds one YAML document: remove the second `---` and what follows, or merge them'
            : (e.message.split('\n')[0] ?? e.message),
        at: index.location(source, e.pos[0], e.pos[1]),
      })),
    };
  }
  // A key that is a list or a mapping (`? [a]`) names nothing a configuration has; the YAML library would turn it
  // into text and print advice about its own API on standard error.
  const complexKeys: Diagnostic[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (pair.key != null && !isScalar(pair.key))
        complexKeys.push({
          code: 'yaml-syntax',
          severity: 'error',
          message: 'a mapping key must be a scalar (a name), not a list or a mapping',
          at: loc(pair.key as Node),
        });
    },
  });
  if (complexKeys.length > 0) return { diagnostics: complexKeys };
  let data: unknown;
  try {
    data = (doc.toJS({ maxAliasCount: 100 }) as unknown) ?? {};
  } catch (e) {
    // Too many alias expansions (a "billion laughs" file) or a similar refusal of the YAML library.
    return { diagnostics: [{ code: 'alias-bomb', severity: 'error', message: (e as Error).message, at: { source, line: 1, column: 1 } }] };
  }
  // `rules:` or `ignore:` with everything below commented out is an empty section, not a type error.
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const o = data as Record<string, unknown>;
    for (const k of ['rules', 'ignore']) if (k in o && o[k] === null) delete o[k];
  }
  // Every mistake of the file is reported in one run, in file order: schema errors (options included), ignore
  // patterns that can never match, and rules configured twice. Each is checked on what is readable, whatever else
  // is wrong, and each mistake is said once.
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const report = (message: string, at: Location) => {
    const k = `${at.line}:${at.column}:${message}`;
    if (seen.has(k)) return;
    seen.add(k);
    diagnostics.push({ code: 'config', severity: 'error', message, at });
  };
  for (const e of schemaErrors(data, metas)) {
    if (e.keyword === 'if' || e.propertyName !== undefined) continue;
    const path =
      e.instancePath === ''
        ? []
        : e.instancePath
            .slice(1)
            .split('/')
            .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let at: Location;
    if (e.keyword === 'additionalProperties' || e.keyword === 'propertyNames') {
      const key =
        e.keyword === 'propertyNames' ? (e.params as { propertyName: string }).propertyName : (e.params as { additionalProperty: string }).additionalProperty;
      const found = nodeAt(doc, [...path, key]);
      at = loc(found.keyNode ?? nodeAt(doc, path).node);
    } else at = loc(nodeAt(doc, path).node);
    report(explain(e, metas), at);
  }
  const o = (isMapping(data) ? data : {}) as { 'fail-on'?: Severity | 'none'; ignore?: unknown; baseline?: string; rules?: unknown };
  const ignore = Array.isArray(o.ignore) ? o.ignore : [];
  ignore.forEach((glob, i) => {
    const why = typeof glob === 'string' ? unmatchableGlob(glob) : undefined;
    if (why) report(`ignore pattern "${glob}" ${why}`, loc(nodeAt(doc, ['ignore', String(i)]).node));
  });
  const rules = new Map<string, RuleConfig>();
  for (const [key, value] of Object.entries(isMapping(o.rules) ? o.rules : {})) {
    const meta = metas.find((m) => m.id === key || m.name === key);
    if (!meta) continue; // the schema refused unknown keys
    if (rules.has(meta.id)) {
      report(`rule ${meta.id} (${meta.name}) is configured twice`, loc(nodeAt(doc, ['rules', key]).keyNode));
      continue;
    }
    let rc: RuleConfig;
    if (value === 'off' || value === false) rc = { enabled: false };
    else if (value === 'on' || value === true) rc = { enabled: true };
    else if (typeof value === 'string' && SEVERITY_WORDS.has(value)) rc = { enabled: true, severity: value as Severity };
    else rc = value as RuleConfig;
    rules.set(meta.id, rc);
  }
  if (diagnostics.length > 0) return { diagnostics: sortByPosition(diagnostics) };
  const config: BulwarkConfig = { source, ignore: ignore as string[], rules };
  if (o['fail-on'] !== undefined) config.failOn = o['fail-on'];
  if (o.baseline !== undefined) {
    config.baseline = o.baseline;
    config.baselineAt = loc(nodeAt(doc, ['baseline']).node);
  }
  return { config, diagnostics };
}
