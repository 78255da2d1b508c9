import type { Finding, SuppressedFinding } from '../check/index.js';
import type { Diagnostic } from '../model/index.js';
import { CHECKLIST, type ChecklistSection, type RuleMeta, SEVERITIES, type Severity } from '../rules/index.js';

/** Counts every reporter shows. `unknown` counts findings with status unknown (reported at info). */
export interface Summary {
  /** Violations (status `violation`), after suppressions and baseline. */
  total: number;
  bySeverity: Record<Severity, number>;
  unknown: number;
  /** Input errors (diagnostics of severity error). */
  errors: number;
  files: number;
  subjects: number;
  /** Findings hidden by an inline suppression or the baseline (not counted above). */
  suppressed: number;
}

/** Counts findings by severity (violations only; unknowns apart) and input errors. */
export function summarize(
  findings: readonly Finding[],
  diagnostics: readonly Diagnostic[],
  files: number,
  subjects: number,
  suppressed: readonly SuppressedFinding[] = [],
): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let unknown = 0;
  for (const f of findings) {
    if (f.status === 'unknown') unknown++;
    else bySeverity[f.severity]++;
  }
  return {
    total: findings.length - unknown,
    bySeverity,
    unknown,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    files,
    subjects,
    suppressed: suppressed.length,
  };
}

/** One seed §14 checklist section as the dashboards show it. */
export interface ChecklistRow {
  id: ChecklistSection;
  title: string;
  seedHeading: string;
  /** Rules of this section that ran. */
  rules: number;
  /** Rules with no violation (unknowns do not fail a rule). */
  passed: number;
  /** Rules with at least one violation. */
  failed: number;
  /** Violations in this section. */
  violations: number;
  /** Unknown-status findings in this section. */
  unknown: number;
}

/**
 * Summarises findings per seed §14 checklist section: how many of the rules that ran pass (no violation)
 * and how many fail. Sections are in the seed's order; a section with no rule is still listed (rules 0).
 */
export function checklistSummary(findings: readonly Finding[], rules: readonly RuleMeta[]): ChecklistRow[] {
  // One pass over the findings (a large scan has tens of thousands), counting per section.
  const failing = new Set<string>();
  const violations = new Map<string, number>();
  const unknowns = new Map<string, number>();
  for (const f of findings) {
    if (f.status === 'violation') {
      failing.add(f.ruleId);
      violations.set(f.checklist, (violations.get(f.checklist) ?? 0) + 1);
    } else if (f.status === 'unknown') unknowns.set(f.checklist, (unknowns.get(f.checklist) ?? 0) + 1);
  }
  return CHECKLIST.map((c) => {
    const mine = rules.filter((r) => r.checklist === c.id);
    const failed = mine.filter((r) => failing.has(r.id)).length;
    return {
      id: c.id,
      title: c.title,
      seedHeading: c.seedHeading,
      rules: mine.length,
      passed: mine.length - failed,
      failed,
      violations: violations.get(c.id) ?? 0,
      unknown: unknowns.get(c.id) ?? 0,
    };
  });
}
