import type { Finding } from '../check/index.js';
import { compareText, type Diagnostic, type Location } from '../model/index.js';
import type { ChecklistSection, RuleScope, Severity } from '../rules/index.js';
import { jsonPieces } from './json-pieces.js';
import { type ChecklistRow, checklistSummary, type Summary } from './summary.js';
import { type ReportInput, ruleDocUrl } from './types.js';

/** Version of the JSON output shape (docs/output-json.md, docs/schema/bulwark-report.schema.json). */
export const JSON_REPORT_VERSION = 2;

/**
 * One rule's constant texts, written once in `rules` (keyed by rule id) rather than in every finding.
 * Severity is not here: configuration can override it, so it stays in each finding.
 */
export interface JsonRule {
  name: string;
  title: string;
  scope: RuleScope;
  rationale: string;
  remediation: string;
  checklist: ChecklistSection;
  seed: string;
  cis?: string[];
  helpUri: string;
}

/** A finding in the JSON report: what varies per finding; the rule's texts are in `rules[ruleId]`. */
export interface JsonFinding {
  ruleId: string;
  ruleName: string;
  scope: RuleScope;
  severity: Severity;
  status: 'violation' | 'unknown';
  message: string;
  location: Location;
  subject: string;
  checklist: ChecklistSection;
  fingerprint: string;
}

/** A suppressed finding in the JSON report: the finding plus how it was suppressed. */
export interface JsonSuppressed extends JsonFinding {
  suppression: { kind: 'inline' | 'baseline'; reason?: string; at?: Location };
}

/** The JSON report: stable keys, documented in docs/output-json.md. New keys may be added within a version; none is removed or renamed. */
export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  tool: { name: 'bulwark'; version: string };
  generatedAt: string;
  failOn: Severity | 'none';
  summary: Summary;
  checklist: ChecklistRow[];
  rules: Record<string, JsonRule>;
  findings: JsonFinding[];
  suppressed: JsonSuppressed[];
  errors: Diagnostic[];
  /** The configuration file in force (absent when none): see ReportInput.config. */
  config?: { file: string; found: boolean };
}

/** The per-finding part of a Finding, keys in the documented order (built explicitly: 50k findings is a hot path). */
function jsonFinding(f: Finding): JsonFinding {
  return {
    ruleId: f.ruleId,
    ruleName: f.ruleName,
    scope: f.scope,
    severity: f.severity,
    status: f.status,
    message: f.message,
    location: f.location,
    subject: f.subject,
    checklist: f.checklist,
    fingerprint: f.fingerprint,
  };
}

/** A rule's entry in `rules`, keys in the documented order (`cis` only when the rule has CIS items). */
function jsonRule(t: Omit<JsonRule, 'helpUri'>): JsonRule {
  return {
    name: t.name,
    title: t.title,
    scope: t.scope,
    rationale: t.rationale,
    remediation: t.remediation,
    checklist: t.checklist,
    seed: t.seed,
    ...(t.cis ? { cis: t.cis } : {}),
    helpUri: ruleDocUrl(t.name),
  };
}

/**
 * The `rules` table: every rule with a finding or a suppressed finding (and no other), keys in rule id order.
 * Each finding carries its rule's texts (src/check/run-rules.ts copies them from the rule's metadata), so the
 * first finding of a rule gives its entry.
 */
function rulesTable(input: ReportInput): Record<string, JsonRule> {
  const seen = new Map<string, Finding>();
  for (const f of input.findings) if (!seen.has(f.ruleId)) seen.set(f.ruleId, f);
  for (const s of input.suppressed) if (!seen.has(s.finding.ruleId)) seen.set(s.finding.ruleId, s.finding);
  const table: Record<string, JsonRule> = {};
  for (const [id, f] of [...seen].sort(([a], [b]) => compareText(a, b))) table[id] = jsonRule({ ...f, name: f.ruleName });
  return table;
}

/** Builds the versioned JSON report object. */
export function toJsonReport(input: ReportInput): JsonReport {
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: input.tool.name, version: input.tool.version },
    generatedAt: input.generatedAt,
    failOn: input.failOn,
    summary: input.summary,
    checklist: checklistSummary(input.findings, input.rules),
    rules: rulesTable(input),
    findings: input.findings.map(jsonFinding),
    suppressed: input.suppressed.map((s) => {
      const suppression: JsonSuppressed['suppression'] = { kind: s.kind };
      if (s.reason !== undefined) suppression.reason = s.reason;
      if (s.at !== undefined) suppression.at = s.at;
      return { ...jsonFinding(s.finding), suppression };
    }),
    errors: [...input.diagnostics],
    ...(input.config ? { config: { file: input.config.file, found: input.config.found } } : {}),
  };
}

/** Renders the versioned JSON report, two-space indented, with a final newline. */
export function renderJson(input: ReportInput): string {
  return `${JSON.stringify(toJsonReport(input), null, 2)}\n`;
}

/** renderJson's text in pieces (see jsonPieces): what the CLI writes, so that no report is too long to write. */
export function* renderJsonPieces(input: ReportInput): Generator<string, void, undefined> {
  yield* jsonPieces(toJsonReport(input));
  yield '\n';
}
