import { SEVERITIES } from '../rules/index.js';
import { printable } from './printable.js';
import { checklistSummary } from './summary.js';
import { subjectsPhrase } from './text.js';
import { formatLocation, type ReportInput, ruleDocUrl } from './types.js';

/** Escapes text for a Markdown table cell: pipes, newlines, and characters GitHub would take as markup. */
export function mdCell(s: string): string {
  // Backslash escapes of ASCII punctuation are plain CommonMark: values from scanned files (a service named
  // `[x](http://…)`, an image with `*`) stay text in a pull-request comment. Control characters are shown as
  // escapes (a CI log prints this text on a terminal), after which their backslashes are escaped like any other.
  return printable(s)
    .replace(/[\\|[\]*_`~!]/g, (ch) => `\\${ch}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

/**
 * Rule text (our own, with `code` spans kept) for Markdown: `<` and `>` outside code spans become `&lt;` and `&gt;`
 * (`<host:port>` would be an autolink, `<digest>` an HTML tag), and stay as they are inside code spans, where
 * CommonMark shows an entity as written (`sha256:&lt;digest&gt;` on the page). Newlines become spaces when
 * `oneLine` (a list item).
 */
export function mdRuleText(s: string, oneLine = true): string {
  const escaped = s
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
  return oneLine ? escaped.replace(/\r?\n/g, ' ') : escaped;
}

/** The first line of every Markdown report: how a file Bulwark wrote is told from a Markdown file it scans. */
export const MARKDOWN_REPORT_HEADING = '## Bulwark report';

/** Options of the Markdown reporter. */
export interface MarkdownOptions {
  /** At most this many findings in the table (a pull-request comment has a size limit); default 100. */
  maxFindings?: number;
  /**
   * At most about this many characters in all (default 60,000: GitHub refuses a pull-request or issue comment over
   * 65,536). Table rows, input errors and rule texts past it are left out, and the report says how many.
   */
  maxChars?: number;
}

/**
 * Renders a Markdown report sized for a pull-request comment: totals by severity, the seed §14 checklist,
 * a findings table, most serious first (severity, rule with a link to its page, location, message), input errors, and the
 * remediations of the rules that fired in a collapsed section.
 */
export function renderMarkdown(input: ReportInput, opts: MarkdownOptions = {}): string {
  const max = opts.maxFindings ?? 100;
  // What is left of the size budget once the fixed parts are written; each row, error and rule text takes from it.
  let room = opts.maxChars ?? 60_000;
  /** How many of these lines, from the first, fit in what is left of the budget (which they then take). */
  const fitting = (lines: readonly string[]): number => {
    let n = 0;
    for (const line of lines) {
      if (line.length + 1 > room) break;
      room -= line.length + 1;
      n++;
    }
    return n;
  };
  const s = input.summary;
  const out: string[] = [MARKDOWN_REPORT_HEADING, ''];
  const counts = SEVERITIES.filter((sev) => s.bySeverity[sev] > 0).map((sev) => `${s.bySeverity[sev]} ${sev}`);
  const head = s.total === 0 ? '**No findings**' : `**${s.total} finding${s.total === 1 ? '' : 's'}**${counts.length > 0 ? ` (${counts.join(', ')})` : ''}`;
  const extra = [
    s.unknown > 0 ? `${s.unknown} unknown` : '',
    s.suppressed > 0 ? `${s.suppressed} suppressed` : '',
    s.errors > 0 ? `${s.errors} input error${s.errors === 1 ? '' : 's'}` : '',
  ].filter((x) => x !== '');
  out.push(
    `${head}${extra.length > 0 ? `, ${extra.join(', ')}` : ''} in ${s.files} file${s.files === 1 ? '' : 's'}, ${subjectsPhrase(s.subjects, input.subjectWord)}. Fails at: ${input.failOn}.`,
    '',
  );
  // A configuration can switch rules off and leave paths out: the report says which file did.
  if (input.config) {
    out.push(`Configuration: ${mdCell(input.config.file)} (${input.config.found ? 'found upward from the scanned path' : 'named with --config'}).`, '');
  }
  const rows = checklistSummary(input.findings, input.rules).filter((r) => r.rules > 0);
  if (rows.length > 0) {
    out.push('| Checklist (seed §14) | Rules passing | Findings | Unknown |', '|---|---|---|---|');
    for (const r of rows) out.push(`| ${r.failed === 0 ? '✅' : '❌'} ${mdCell(r.title)} | ${r.passed}/${r.rules} | ${r.violations} | ${r.unknown} |`);
    out.push('');
  }
  const footer = `<sub>Bulwark ${mdCell(input.tool.version)}, ${input.generatedAt}</sub>`;
  // The fixed parts, and room for the three "…and N more" lines.
  room -= out.join('\n').length + footer.length + 600;
  // Most serious first (the table is cut at `max` rows), then in file order; unknowns last.
  const rank = (f: (typeof input.findings)[number]) => (f.status === 'unknown' ? SEVERITIES.length : SEVERITIES.indexOf(f.severity));
  const tableRows = [...input.findings]
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, max)
    .map((f) => {
      const sev = f.status === 'unknown' ? 'unknown' : f.severity;
      return `| ${sev} | [${f.ruleId}](${ruleDocUrl(f.ruleName)}) ${mdCell(f.ruleName)} | ${mdCell(formatLocation(f))} | ${mdCell(f.message)} |`;
    });
  const errors = input.diagnostics;
  const errorLines = errors.map((d) => `- ${mdCell(formatLocation({ location: d.at }))} ${d.severity} ${d.code}: ${mdCell(d.message)}`);
  const fired = new Map<string, { title: string; rationale: string; remediation: string }>();
  for (const f of input.findings) if (!fired.has(f.ruleId)) fired.set(f.ruleId, { title: f.title, rationale: f.rationale, remediation: f.remediation });
  const ruleLines = [...fired.keys()].sort().map((id) => {
    const r = fired.get(id) as { title: string; rationale: string; remediation: string };
    return `- **${id} ${mdCell(r.title)}**: ${mdRuleText(r.rationale)} **What to do:** ${mdRuleText(r.remediation)}`;
  });
  // The budget goes to the findings first, then to why and what to do, then to the input errors.
  const shownRows = fitting(tableRows);
  const shownRules = fitting(ruleLines);
  const shownErrors = fitting(errorLines);
  if (input.findings.length > 0) {
    out.push('| Severity | Rule | Location | Message |', '|---|---|---|---|', ...tableRows.slice(0, shownRows));
    if (input.findings.length > shownRows) out.push('', `…and ${input.findings.length - shownRows} more (see the full report).`);
    out.push('');
  }
  if (errors.length > 0) {
    out.push('### Input errors', '', ...errorLines.slice(0, shownErrors));
    if (errors.length > shownErrors) out.push(`- …and ${errors.length - shownErrors} more (see the full report).`);
    out.push('');
  }
  if (ruleLines.length > 0) {
    out.push('<details><summary>Why and what to do, per rule</summary>', '', ...ruleLines.slice(0, shownRules));
    if (ruleLines.length > shownRules)
      out.push(`- …and ${ruleLines.length - shownRules} more rules: their pages (linked from the table) say why and what to do.`);
    out.push('', '</details>', '');
  }
  out.push(footer, '');
  return out.join('\n');
}
