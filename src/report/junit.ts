import type { Finding } from '../check/index.js';
import { compareText } from '../model/index.js';
import type { RuleMeta } from '../rules/index.js';
import { printable } from './printable.js';
import { formatLocation, type ReportInput } from './types.js';

/** Escapes text for XML content and attribute values; drops characters XML 1.0 cannot carry. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * xmlEscape for text taken from scanned files (paths, service names, messages quoting values): control characters
 * are shown as escapes first (`\x1b`, `\n`: printable), as in the text and HTML reports, so that a name is
 * neither cut (XML 1.0 cannot carry ESC) nor changed (a parser turns a newline in an attribute into a space).
 */
function xmlText(s: string): string {
  return xmlEscape(printable(s));
}

interface Target {
  source: string;
  subject: string;
  findings: Finding[];
}

/**
 * Renders JUnit XML for CI test reports: one `<testsuite>` per file, one `<testcase>` per rule and target
 * (the subject: a service, a container, a Dockerfile), for every rule of the scopes checked on that target.
 * A violation is a `<failure>` (type = severity); unknown-status findings are `<skipped>` with the reason;
 * a rule without findings passes. Input errors form a last `bulwark input` suite of `<error>` cases.
 * Targets without any finding are not listed (the scan reports only counts for them).
 */
export function renderJunit(input: ReportInput): string {
  const targets = new Map<string, Target>();
  for (const f of input.findings) {
    const key = `${f.location.source}\u0000${f.subject}`;
    let t = targets.get(key);
    if (!t) targets.set(key, (t = { source: f.location.source, subject: f.subject, findings: [] }));
    t.findings.push(f);
  }
  const bySource = new Map<string, Target[]>();
  for (const t of targets.values()) {
    const list = bySource.get(t.source) ?? [];
    list.push(t);
    bySource.set(t.source, list);
  }
  const suites: string[] = [];
  // A configuration can switch rules off and leave paths out: each suite says which file did (JUnit `properties`).
  const properties = input.config
    ? `    <properties>\n      <property name="bulwark.configuration" value="${xmlText(input.config.file)}"/>\n    </properties>\n`
    : '';
  let totalTests = 0;
  let totalFailures = 0;
  let totalSkipped = 0;
  for (const source of [...bySource.keys()].sort(compareText)) {
    const cases: string[] = [];
    let failures = 0;
    let skipped = 0;
    for (const t of (bySource.get(source) ?? []).sort((a, b) => compareText(a.subject, b.subject))) {
      const scopes = new Set(t.findings.map((f) => f.scope));
      const rules: RuleMeta[] = input.rules.filter((m) => scopes.has(m.scope));
      for (const f of t.findings) if (!rules.some((m) => m.id === f.ruleId)) rules.push({ id: f.ruleId, name: f.ruleName } as RuleMeta);
      rules.sort((a, b) => compareText(a.id, b.id));
      const byRule = new Map<string, Finding[]>();
      for (const f of t.findings) {
        const list = byRule.get(f.ruleId);
        if (list) list.push(f);
        else byRule.set(f.ruleId, [f]);
      }
      for (const m of rules) {
        const mine = byRule.get(m.id) ?? [];
        const violations = mine.filter((f) => f.status === 'violation');
        const attrs = `name="${xmlText(`${m.id} ${m.name} (${t.subject})`)}" classname="${xmlText(`${source}.${t.subject}`)}" time="0"`;
        if (violations.length > 0) {
          failures++;
          const first = violations[0] as Finding;
          const body = violations.map((f) => printable(`${formatLocation(f)}: ${f.message}`)).join('\n');
          cases.push(
            `    <testcase ${attrs}>\n      <failure message="${xmlText(first.message)}" type="${first.severity}">${xmlEscape(`${body}\n\nWhy: ${first.rationale}\nFix: ${first.remediation}`)}</failure>\n    </testcase>`,
          );
        } else if (mine.length > 0) {
          skipped++;
          cases.push(`    <testcase ${attrs}>\n      <skipped message="${xmlText((mine[0] as Finding).message)}"/>\n    </testcase>`);
        } else cases.push(`    <testcase ${attrs}/>`);
      }
    }
    totalTests += cases.length;
    totalFailures += failures;
    totalSkipped += skipped;
    suites.push(
      `  <testsuite name="${xmlText(source)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0" timestamp="${xmlEscape(input.generatedAt.replace(/\.\d+Z$|Z$/, ''))}">\n${properties}${cases.join('\n')}\n  </testsuite>`,
    );
  }
  // Input errors are `<error>` cases; warnings (a file named that was not read, a folder with nothing to scan, a
  // link that leads nowhere) are `<skipped>` ones, so that a CI page showing only JUnit still says what was not read.
  const errors = input.diagnostics.filter((d) => d.severity === 'error');
  const warnings = input.diagnostics.filter((d) => d.severity !== 'error');
  if (errors.length + warnings.length > 0) {
    const name = (d: (typeof errors)[number]) => xmlText(`${d.code} ${formatLocation({ location: d.at })}`);
    const cases = [
      ...errors.map(
        (d) =>
          `    <testcase name="${name(d)}" classname="bulwark.input" time="0">\n      <error message="${xmlText(d.message)}" type="${xmlEscape(d.code)}"/>\n    </testcase>`,
      ),
      ...warnings.map(
        (d) => `    <testcase name="${name(d)}" classname="bulwark.input" time="0">\n      <skipped message="${xmlText(d.message)}"/>\n    </testcase>`,
      ),
    ];
    totalTests += cases.length;
    totalSkipped += warnings.length;
    suites.push(
      `  <testsuite name="bulwark input" tests="${cases.length}" failures="0" errors="${errors.length}" skipped="${warnings.length}" time="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="bulwark ${xmlEscape(input.tool.version)}" tests="${totalTests}" failures="${totalFailures}" errors="${errors.length}" skipped="${totalSkipped}" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
