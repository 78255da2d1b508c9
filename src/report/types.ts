import type { Finding, SuppressedFinding } from '../check/index.js';
import type { Diagnostic } from '../model/index.js';
import type { RuleMeta, Severity } from '../rules/index.js';
import type { Summary } from './summary.js';

/**
 * Everything a reporter needs, built once by the CLI (src/cli/report-output.ts). Reporters are pure
 * functions of this value: the clock (`generatedAt`), the working directory and the version are injected,
 * so golden files are byte-stable (STYLE.md habit 6).
 */
export interface ReportInput {
  /** Findings after suppressions and baseline, sorted by compareFindings. */
  findings: readonly Finding[];
  /** Findings hidden by an inline suppression or the baseline. */
  suppressed: readonly SuppressedFinding[];
  /** Input problems (files that do not parse, configuration errors). */
  diagnostics: readonly Diagnostic[];
  summary: Summary;
  /** Metadata of the rules that ran (enabled), in id order: SARIF descriptors, JUnit cases, dashboards. */
  rules: readonly RuleMeta[];
  tool: { name: 'bulwark'; version: string };
  /** When the report was made, ISO 8601 UTC. */
  generatedAt: string;
  /** Absolute working directory; relative finding sources are relative to it. */
  cwd: string;
  /** The fail threshold in force: findings at or above it make the command exit 1. */
  failOn: Severity | 'none';
  /** Word for subjects in summaries: `services`, `containers`, `subjects`. */
  subjectWord: string;
  /**
   * The configuration file in force, as a path relative to `cwd` when below it: `found` when it was found upward
   * from the scanned path, false when named with --config. Absent when none was used.
   */
  config?: { file: string; found: boolean };
}

/** Base address of the rule pages (docs/rules/<name>.md) used in links (SARIF helpUri, HTML, Markdown). */
export const RULE_DOCS_BASE = 'https://github.com/bulwark-hardening/bulwark/blob/main/docs/rules/';

/** The address of one rule's doc page. */
export function ruleDocUrl(name: string): string {
  return `${RULE_DOCS_BASE}${name}.md`;
}

/** `file:line:col`, `file:line`, or the source alone when there is no position. */
export function formatLocation(f: { location: { source: string; line?: number; column?: number } }): string {
  const l = f.location;
  if (l.line === undefined) return l.source;
  return l.column === undefined ? `${l.source}:${l.line}` : `${l.source}:${l.line}:${l.column}`;
}
