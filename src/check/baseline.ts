import type { Baseline } from '../config/baseline.js';
import type { Finding } from './finding.js';
import type { SuppressedFinding } from './suppressed.js';

/**
 * Hides the findings a baseline accepts. Matching is by fingerprint and counts duplicates: a baseline holding a
 * fingerprint once hides one finding with it, so a second, new copy of the same finding is still reported.
 * @param source the baseline file, for the suppression's location
 */
export function applyBaseline(
  findings: readonly Finding[],
  baseline: Baseline,
  source: string,
): { findings: Finding[]; suppressed: SuppressedFinding[]; stale: number } {
  const budget = new Map<string, number>();
  for (const e of baseline.findings) budget.set(e.fingerprint, (budget.get(e.fingerprint) ?? 0) + 1);
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const n = budget.get(f.fingerprint) ?? 0;
    if (n > 0) {
      budget.set(f.fingerprint, n - 1);
      suppressed.push({ finding: f, kind: 'baseline', reason: 'accepted in the baseline', at: { source } });
    } else kept.push(f);
  }
  let stale = 0;
  for (const n of budget.values()) stale += n;
  return { findings: kept, suppressed, stale };
}
