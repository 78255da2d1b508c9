import type { Finding } from '../check/index.js';
import type { Diagnostic } from '../model/index.js';
import { renderJson } from '../report/json.js';
import { summarize } from '../report/summary.js';
import { renderText } from '../report/text.js';
import { EXIT } from './exit-codes.js';
import { atOrAbove, emit, FORMATS, type Format, parseFailOn, UsageError, useColor } from './output.js';
import { VERSION } from './version.js';

/** The output flags shared by every reporting command (scan, audit). */
export interface OutputFlags {
  format: string;
  failOn: string;
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
}

/** Validates the output flags before any work is done. @throws UsageError */
export function checkOutputFlags(flags: OutputFlags): void {
  if (!(FORMATS as readonly string[]).includes(flags.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${flags.format}"`);
  parseFailOn(flags.failOn);
}

/**
 * Renders the result in the chosen format, writes it, and sets the exit code:
 * 2 when an input error was met, else 1 when a violation is at or above --fail-on, else 0.
 */
export function writeReport(result: CommandResult, flags: OutputFlags): void {
  checkOutputFlags(flags);
  const failOn = parseFailOn(flags.failOn);
  const summary = summarize(result.findings, result.diagnostics, result.files, result.subjects);
  const format = flags.format as Format;
  const text =
    format === 'json'
      ? renderJson(result.findings, result.diagnostics, summary, VERSION)
      : renderText(result.findings, result.diagnostics, summary, {
          color: flags.output === undefined && useColor(flags.color, process.stdout),
          quiet: flags.quiet === true,
          subjectWord: result.subjectWord,
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
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: critical, high, medium, low, info, none', 'high')
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('-q, --quiet', 'leave out the remediation lines in text output')
    .option('--no-color', 'never colour text output (also: NO_COLOR=1)');
}
