import type { Finding, SuppressedFinding } from '../check/index.js';
import { type Diagnostic, maskDiagnostic } from '../model/index.js';
import { renderHtml } from '../report/html.js';
import { renderJson, renderJsonPieces } from '../report/json.js';
import { renderJunit } from '../report/junit.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif, renderSarifPieces } from '../report/sarif.js';
import { summarize } from '../report/summary.js';
import { renderText, renderTextPieces } from '../report/text.js';
import type { ReportInput } from '../report/types.js';
import { allRuleMetas, type RuleMeta, type Severity } from '../rules/index.js';
import { EXIT } from './exit-codes.js';
import { atOrAbove, emit, FORMATS, type Format, parseFailOn, UsageError, useColor } from './output.js';
import { VERSION } from './version.js';

/** The output flags shared by every reporting command (scan, audit). */
export interface OutputFlags {
  format: string;
  /** `--fail-on`; when absent, the configuration's `fail-on`, else `high`. */
  failOn?: string;
  color?: boolean;
  quiet?: boolean;
  output?: string;
}

/** What a reporting command produced. */
export interface CommandResult {
  findings: Finding[];
  diagnostics: Diagnostic[];
  files: number;
  subjects: number;
  /** Word for subjects in the text summary: `containers`, `checks`. */
  subjectWord: string;
  /** Findings hidden by inline suppressions or the baseline (shown apart, never failing). */
  suppressed?: SuppressedFinding[];
  /** Metadata of the rules that ran (checklist dashboards, SARIF descriptors, JUnit cases); default: every rule. */
  rules?: RuleMeta[];
  /** Fail threshold from the configuration file, used when --fail-on is not given. */
  configFailOn?: Severity | 'none';
  /** The configuration file in force (ReportInput.config). */
  config?: { file: string; found: boolean };
}

/** The fail threshold when neither --fail-on nor the configuration sets one. */
export const DEFAULT_FAIL_ON: Severity = 'high';

/**
 * Validates the output flags before any work is done, and reads `--output -` as standard output (the usual
 * convention: `-o -` would otherwise write a file named `-`). @throws UsageError
 */
export function checkOutputFlags(flags: OutputFlags): void {
  if (flags.output === '-') delete flags.output;
  if (!(FORMATS as readonly string[]).includes(flags.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${flags.format}"`);
  if (flags.failOn !== undefined) parseFailOn(flags.failOn);
}

/**
 * The report's clock: SOURCE_DATE_EPOCH (seconds, the reproducible-builds convention) when set, else now.
 * @returns ISO 8601 UTC
 */
export function reportTime(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  return new Date().toISOString();
}

/** Renders a report in one format (pure: everything comes from `input`). */
export function renderReport(format: Format, input: ReportInput, opts: { color: boolean; quiet: boolean }): string {
  switch (format) {
    case 'json':
      return renderJson(input);
    case 'sarif':
      return renderSarif(input);
    case 'junit':
      return renderJunit(input);
    case 'markdown':
      return renderMarkdown(input);
    case 'html':
      return renderHtml(input);
    default:
      return renderText(input, { color: opts.color, quiet: opts.quiet });
  }
}

/**
 * renderReport's text, in pieces for the JSON and SARIF formats (see jsonPieces: a report of millions of
 * findings is longer than one string may be) and line by line for text (a large report is never one string); whole
 * for the other formats.
 */
export function renderReportPieces(format: Format, input: ReportInput, opts: { color: boolean; quiet: boolean }): string | Iterable<string> {
  if (format === 'json') return renderJsonPieces(input);
  if (format === 'sarif') return renderSarifPieces(input);
  if (format === 'text') return renderTextPieces(input, { color: opts.color, quiet: opts.quiet });
  return renderReport(format, input, opts);
}

/**
 * Renders the result in the chosen format, writes it, and sets the exit code:
 * 2 when an input error was met, else 1 when a violation is at or above the fail threshold, else 0.
 * Suppressed findings never fail.
 */
export function writeReport(result: CommandResult, flags: OutputFlags): void {
  checkOutputFlags(flags);
  const failOn = flags.failOn !== undefined ? parseFailOn(flags.failOn) : (result.configFailOn ?? DEFAULT_FAIL_ON);
  const suppressed = result.suppressed ?? [];
  const summary = summarize(result.findings, result.diagnostics, result.files, result.subjects, suppressed);
  const input: ReportInput = {
    findings: result.findings,
    suppressed,
    // Every command's input errors pass here (scan of files, --command, configuration, audit): secret-shaped words
    // and URL passwords in them are masked once more, whatever source made them.
    diagnostics: result.diagnostics.map(maskDiagnostic),
    summary,
    rules: result.rules ?? allRuleMetas(),
    tool: { name: 'bulwark', version: VERSION },
    generatedAt: reportTime(),
    cwd: process.cwd(),
    failOn,
    subjectWord: result.subjectWord,
    ...(result.config ? { config: result.config } : {}),
  };
  const text = renderReportPieces(flags.format as Format, input, {
    color: flags.output === undefined && useColor(flags.color, process.stdout),
    quiet: flags.quiet === true,
  });
  emit(text, flags.output);
  if (summary.errors > 0) process.exitCode = EXIT.input;
  else if (result.findings.some((f) => f.status === 'violation' && atOrAbove(f.severity, failOn))) process.exitCode = EXIT.findings;
  else process.exitCode = EXIT.clean;
}

/** Adds the shared output options to a command. */
export function withOutputOptions<T extends { option: (flags: string, description: string, defaultValue?: string) => T }>(cmd: T): T {
  return cmd
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'text')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: critical, high, medium, low, info, none (default: the config file, else high)')
    .option('-o, --output <file>', 'write the report to a file instead of standard output (- is standard output)')
    .option('-q, --quiet', 'text output: findings and totals only (no remediation lines, no checklist)')
    .option('--no-color', 'never colour text output (also: NO_COLOR=1)');
}
