import type { ContainerSpec, Location, Sourced } from '../model/index.js';
import { compareText } from '../model/index.js';
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

/** Default settings: every rule on, with its own severity and option defaults. */
export const defaultSettings: SettingsLookup = (meta) => ({ enabled: true, options: defaultOptions(meta) });

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

/** Describes a subject for messages: `Service "api"`, `Container "web"`, `The docker run line`. */
export function describeContainer(c: ContainerSpec): string {
  switch (c.origin) {
    case 'compose':
      return `service "${c.name}"`;
    case 'run':
      return c.name.startsWith('run@') ? 'the docker run command' : `container "${c.name}" (docker run)`;
    case 'proxy':
      return `create request for "${c.name}"`;
    case 'swarm':
      return `swarm service "${c.name}"`;
    default:
      return `container "${c.name}"`;
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
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function locationOf(at: Sourced<unknown> | Location): Location {
  return 'value' in at && 'at' in at ? at.at : (at as Location);
}

/**
 * Runs rules on one subject and returns their findings, with the checker adding id, severity, title,
 * references, message text and fingerprint (STYLE.md 2.1). A rule that throws becomes a `BW9003`-style
 * internal error for that subject only: the caller catches it; the batch goes on.
 */
export function runRules<S>(rules: readonly Rule<S>[], subject: S, subjectName: string, target: string, settings: SettingsLookup = defaultSettings): Finding[] {
  const findings: Finding[] = [];
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
      const message = fillMessage(template, d.data, target);
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
        location: at,
        subject: subjectName,
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

/** Runs runtime rules on a ContainerSpec. */
export function checkContainer(rules: readonly Rule<ContainerSpec>[], c: ContainerSpec, settings?: SettingsLookup): Finding[] {
  return runRules(rules, c, c.name, describeContainer(c), settings);
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
