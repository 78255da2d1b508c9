import { isAbsolute, relative, resolve, sep } from 'node:path';
import { type Baseline, type BaselineEntry, makeBaseline } from '../config/baseline.js';
import type { Finding } from './finding.js';
import { baselineFingerprint } from './fingerprint.js';
import type { SuppressedFinding } from './suppressed.js';

/** Where a baseline file is, to store and match its sources relative to its own folder. */
export interface BaselinePlace {
  /** The working directory the findings' sources are relative to (absolute). */
  cwd: string;
  /** The folder of the baseline file (absolute). */
  dir: string;
}

/**
 * A finding's source as a baseline stores it: relative to the baseline's folder, with `/` separators. A source
 * that is no file (`<command>`, `<stdin>`) is kept as it is.
 */
export function baselineSource(source: string, place: BaselinePlace): string {
  if (source.startsWith('<')) return source;
  const abs = isAbsolute(source) ? source : resolve(place.cwd, source);
  const rel = relative(place.dir, abs);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** The identity of a finding in a version-2 baseline at `place` (see baselineFingerprint). */
function keyOf(f: Finding, place: BaselinePlace): string {
  return baselineFingerprint(f.ruleId, baselineSource(f.location.source, place), f.location.path, f.subject ?? '', f.message);
}

/** A baseline (current format) accepting every finding given, for a baseline file in `place.dir`. */
export function baselineOf(findings: readonly Finding[], place: BaselinePlace): Baseline {
  const entries: BaselineEntry[] = findings.map((f) => ({
    fingerprint: keyOf(f, place),
    ruleId: f.ruleId,
    source: baselineSource(f.location.source, place),
    message: f.message,
  }));
  return makeBaseline(entries);
}

/**
 * Hides the findings a baseline accepts. Matching counts duplicates: a baseline holding an identity once hides one
 * finding with it, so a second, new copy of the same finding is still reported. A version-2 baseline matches by
 * baselineFingerprint (list items by value, files relative to the baseline's folder); a version-1 file, written
 * before, by the findings' own fingerprints, as it was written.
 * @param source the baseline file as shown, for the suppression's location
 */
export function applyBaseline(
  findings: readonly Finding[],
  baseline: Baseline,
  source: string,
  place: BaselinePlace,
): { findings: Finding[]; suppressed: SuppressedFinding[]; stale: number } {
  const budget = new Map<string, number>();
  for (const e of baseline.findings) budget.set(e.fingerprint, (budget.get(e.fingerprint) ?? 0) + 1);
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const key = baseline.version === 1 ? f.fingerprint : keyOf(f, place);
    const n = budget.get(key) ?? 0;
    if (n > 0) {
      budget.set(key, n - 1);
      suppressed.push({ finding: f, kind: 'baseline', reason: 'accepted in the baseline', at: { source } });
    } else kept.push(f);
  }
  let stale = 0;
  for (const n of budget.values()) stale += n;
  return { findings: kept, suppressed, stale };
}
