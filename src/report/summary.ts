import type { Finding } from '../check/index.js';
import type { Diagnostic } from '../model/index.js';
import { SEVERITIES, type Severity } from '../rules/index.js';

/** Counts every reporter shows. `unknown` counts findings with status unknown (reported at info). */
export interface Summary {
  total: number;
  bySeverity: Record<Severity, number>;
  unknown: number;
  errors: number;
  files: number;
  subjects: number;
}

/** Counts findings by severity (violations only; unknowns apart) and input errors. */
export function summarize(findings: readonly Finding[], diagnostics: readonly Diagnostic[], files: number, subjects: number): Summary {
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
  };
}
