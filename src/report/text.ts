import pc from 'picocolors';
import type { Location } from '../model/index.js';
import { compareText } from '../model/index.js';
import { SEVERITIES, type Severity } from '../rules/index.js';
import { printable } from './printable.js';
import { checklistSummary, type Summary } from './summary.js';
import type { ReportInput } from './types.js';

/** Options of the text reporter. */
export interface TextOptions {
  color: boolean;
  /** Leave out the remediation lines and the checklist summary: findings and the totals only. */
  quiet?: boolean;
}

/**
 * Colour functions. The caller decides whether to colour (TTY, --no-color, NO_COLOR); picocolors' own
 * environment detection is bypassed so that `color: true` always colours (golden tests, FORCE_COLOR).
 */
function paint(color: boolean) {
  const c = pc.createColors(color);
  return { red: c.red, yellow: c.yellow, magenta: c.magenta, cyan: c.cyan, blue: c.blue, dim: c.dim, bold: c.bold, underline: c.underline, green: c.green };
}

/** `line:col`; without a line (findings from the live engine), the logical path such as `HostConfig.CapAdd[1]`. */
function position(at: Location): string {
  return at.line === undefined ? printable(at.path ?? '') : `${at.line}:${at.column ?? 1}`;
}

/**
 * Renders findings as text grouped by file, each line `line:col  severity  message  RULE-ID rule-name`
 * with the remediation under it (and the rationale under the first finding of each rule), input errors among them, then a summary per seed §14 checklist section
 * (`not checked` when no subject was checked) and a last line of totals by severity. A finding without a line (from
 * the live engine) shows its logical path (`HostConfig.CapAdd[1]`) instead of `line:col`. Colours only when `opts.color` (the CLI decides: TTY, NO_COLOR).
 * Messages and paths come from scanned files: their control characters are printed as escapes (see printable).
 */
export function renderText(input: ReportInput, opts: TextOptions): string {
  return `${textLines(input, opts).join('\n')}\n`;
}

/** renderText's text in pieces, each line and its line break (what the CLI writes: a large report is never one string). */
export function* renderTextPieces(input: ReportInput, opts: TextOptions): Generator<string, void, undefined> {
  for (const line of textLines(input, opts)) {
    yield line;
    yield '\n';
  }
}

/** The lines of renderText's text, without line breaks. */
function textLines(input: ReportInput, opts: TextOptions): string[] {
  const { findings, diagnostics, summary } = input;
  const c = paint(opts.color);
  const sevColor: Record<Severity, (s: string) => string> = { critical: c.magenta, high: c.red, medium: c.yellow, low: c.cyan, info: c.blue };
  const out: string[] = [];
  const byFile = new Map<string, { line: number; col: number; text: string[] }[]>();
  const add = (source: string, line: number, col: number, text: string[]) => {
    let list = byFile.get(source);
    if (!list) byFile.set(source, (list = []));
    list.push({ line, col, text });
  };
  for (const d of diagnostics) {
    const label = d.severity === 'error' ? c.red('error'.padEnd(8)) : c.yellow('warning'.padEnd(8));
    add(d.at.source, d.at.line ?? 0, d.at.column ?? 0, [`  ${position(d.at).padEnd(8)} ${label} ${printable(d.message)}  ${c.dim(d.code)}`]);
  }
  const explained = new Set<string>();
  for (const f of findings) {
    const sevText = f.status === 'unknown' ? c.blue('unknown'.padEnd(8)) : sevColor[f.severity](f.severity.padEnd(8));
    const lines = [`  ${position(f.location).padEnd(8)} ${sevText} ${printable(f.message)}  ${c.dim(`${f.ruleId} ${f.ruleName}`)}`];
    if (!opts.quiet) {
      // Why a rule matters is said once, under its first finding; what to do under every finding.
      if (!explained.has(f.ruleId)) lines.push(`  ${' '.repeat(8)} ${' '.repeat(8)} ${c.dim(`why: ${f.rationale}`)}`);
      explained.add(f.ruleId);
      lines.push(`  ${' '.repeat(8)} ${' '.repeat(8)} ${c.dim(`fix: ${f.remediation}`)}`);
    }
    add(f.location.source, f.location.line ?? 0, f.location.column ?? 0, lines);
  }
  for (const source of [...byFile.keys()].sort(compareText)) {
    out.push(c.underline(printable(source)));
    const list = (byFile.get(source) ?? []).sort((a, b) => a.line - b.line || a.col - b.col);
    for (const e of list) out.push(...e.text);
    out.push('');
  }
  if (!opts.quiet && input.rules.length > 0) {
    out.push(c.bold('Checklist (seed §14)'));
    const rows = checklistSummary(findings, input.rules).filter((r) => r.rules > 0);
    const width = Math.max(...rows.map((r) => r.title.length));
    for (const r of rows) {
      // With no subject checked, no rule ran: "pass 24/24" would claim checks that were never made.
      if (summary.subjects === 0 && r.violations === 0 && r.unknown === 0) {
        out.push(`  ${r.title.padEnd(width)}  ${c.dim('not checked')}`);
        continue;
      }
      const state = r.failed === 0 ? c.green('pass') : c.red('fail');
      const unknown = r.unknown > 0 ? `, ${r.unknown} unknown` : '';
      out.push(`  ${r.title.padEnd(width)}  ${state}  ${r.passed}/${r.rules} rules pass, ${r.violations} finding${r.violations === 1 ? '' : 's'}${unknown}`);
    }
    out.push('');
  }
  out.push(summaryLine(summary, input.subjectWord, c));
  // A configuration can switch rules off and leave paths out: the report says which file did.
  if (input.config)
    out.push(c.dim(`Configuration: ${printable(input.config.file)} (${input.config.found ? 'found upward from the scanned path' : 'named with --config'}).`));
  return out;
}

function summaryLine(s: Summary, subjectWord: string, c: ReturnType<typeof paint>): string {
  const parts = SEVERITIES.filter((sev) => s.bySeverity[sev] > 0).map((sev) => `${s.bySeverity[sev]} ${sev}`);
  const head = s.total === 0 ? c.green('No findings') : c.bold(`${s.total} finding${s.total === 1 ? '' : 's'}`);
  const detail = parts.length > 0 ? ` (${parts.join(', ')})` : '';
  const unknown = s.unknown > 0 ? `, ${s.unknown} unknown` : '';
  const errors = s.errors > 0 ? `, ${c.red(`${s.errors} input error${s.errors === 1 ? '' : 's'}`)}` : '';
  const suppressed = s.suppressed > 0 ? `, ${s.suppressed} suppressed` : '';
  return `${head}${detail}${unknown}${suppressed}${errors} in ${s.files} file${s.files === 1 ? '' : 's'}, ${subjectsPhrase(s.subjects, subjectWord)}.`;
}

/** `1 subject checked`, `3 host checks run`: a summary's count of subjects (see countedWord). */
export function subjectsPhrase(n: number, plural: string): string {
  return `${n} ${countedWord(n, plural)} ${/(checks|rules)$/.test(plural) ? 'run' : 'checked'}`;
}

/**
 * The subject word for a count: `1 subject`, `2 subjects`, `1 host check`. Words naming a mix
 * (`subjects (containers and host checks)`) stay as given. Counted checks and rules are "run", not "checked".
 */
function countedWord(n: number, plural: string): string {
  return n === 1 && /^[a-z ]+s$/.test(plural) && !plural.includes(' and ') ? plural.slice(0, -1) : plural;
}
