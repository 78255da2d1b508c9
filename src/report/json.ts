import type { Finding } from '../check/index.js';
import type { Diagnostic, Location } from '../model/index.js';
import type { Severity } from '../rules/index.js';
import { type ChecklistRow, checklistSummary, type Summary } from './summary.js';
import type { ReportInput } from './types.js';

/** Version of the JSON output shape (docs/output-json.md, docs/schema/bulwark-report.schema.json). */
export const JSON_REPORT_VERSION = 1;

/** A suppressed finding in the JSON report: the finding plus how it was suppressed. */
export interface JsonSuppressed extends Finding {
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
  findings: Finding[];
  suppressed: JsonSuppressed[];
  errors: Diagnostic[];
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
    findings: [...input.findings],
    suppressed: input.suppressed.map((s) => {
      const suppression: JsonSuppressed['suppression'] = { kind: s.kind };
      if (s.reason !== undefined) suppression.reason = s.reason;
      if (s.at !== undefined) suppression.at = s.at;
      return { ...s.finding, suppression };
    }),
    errors: [...input.diagnostics],
  };
}

/** Renders the versioned JSON report, two-space indented, with a final newline. */
export function renderJson(input: ReportInput): string {
  return `${JSON.stringify(toJsonReport(input), null, 2)}\n`;
}
