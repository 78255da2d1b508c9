import type { Finding } from '../check/index.js';
import type { Diagnostic } from '../model/index.js';
import type { Summary } from './summary.js';

/** Version of the JSON output shape (docs/output-json.md, docs/schema/bulwark-report.schema.json). */
export const JSON_REPORT_VERSION = 1;

/** The JSON report: stable keys, documented in docs/output-json.md. */
export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  tool: { name: 'bulwark'; version: string };
  summary: Summary;
  findings: Finding[];
  errors: Diagnostic[];
}

/** Renders the versioned JSON report, two-space indented, with a final newline. */
export function renderJson(findings: readonly Finding[], diagnostics: readonly Diagnostic[], summary: Summary, toolVersion: string): string {
  const report: JsonReport = {
    version: JSON_REPORT_VERSION,
    tool: { name: 'bulwark', version: toolVersion },
    summary,
    findings: [...findings],
    errors: [...diagnostics],
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
