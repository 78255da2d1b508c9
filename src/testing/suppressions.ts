import { applySuppressions, type Finding } from '../check/index.js';
import { allRuleMetas } from '../rules/index.js';

/** A finding of `ruleId` at `line` (column 1) of `source`, as a source handler would report it. */
export function findingAt(ruleId: string, source: string, line: number): Finding {
  const m = allRuleMetas().find((x) => x.id === ruleId);
  if (!m) throw new Error(`no rule ${ruleId}`);
  return {
    ruleId,
    ruleName: m.name,
    scope: m.scope,
    severity: m.severity,
    status: 'violation',
    title: m.title,
    message: `${m.title}.`,
    rationale: m.rationale,
    remediation: m.remediation,
    location: { source, line, column: 1 },
    subject: source,
    checklist: m.checklist,
    seed: m.references.seed,
    fingerprint: `${line}`.padStart(16, '0'),
  };
}

/**
 * Runs the suppression pass (check/suppress.ts) over one file's text with the given findings (`[ruleId, line]`),
 * and returns the findings of rule `reportedBy` it produced, as `{ line, column, message }`. The test helper of the
 * BW9xxx rules: their subject is built from real comments, so the cases use real file text.
 */
export function suppressionCase(
  reportedBy: string,
  source: string,
  text: string,
  findings: [string, number][],
): { line?: number; column?: number; message: string }[] {
  const out = applySuppressions(
    findings.map(([id, line]) => findingAt(id, source, line)),
    (s) => (s === source ? text : undefined),
    allRuleMetas(),
    undefined,
    [source],
  );
  return out.findings.filter((f) => f.ruleId === reportedBy).map((f) => ({ line: f.location.line, column: f.location.column, message: f.message }));
}
