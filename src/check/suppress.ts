import { type ParsedSuppression, parseSuppressions } from '../config/suppressions.js';
import { maskSecretsIn, type SuppressionComment, type SuppressionSubject } from '../model/index.js';
import { type RuleMeta, SUPPRESSION_RULES } from '../rules/index.js';
import type { Finding } from './finding.js';
import { defaultSettings, runRules, type SettingsLookup } from './run-rules.js';
import type { SuppressedFinding } from './suppressed.js';

/** What applying inline suppressions gives: findings kept, findings hidden, and BW9xxx findings about the comments. */
export interface SuppressionOutcome {
  findings: Finding[];
  suppressed: SuppressedFinding[];
}

/**
 * Applies inline `# bulwark-ignore ID: reason` comments after the rules ran (STYLE.md habit 8). It reads the files
 * the findings point at, plus `extraSources` (every scanned file, so a stale comment in a clean file is found),
 * through `readText` (source as findings name it -> text, or undefined); it knows no file format, so every source
 * with `#` comments works unchanged. A comment without a reason hides nothing and is reported (BW9001); a rule
 * named in a comment that hid nothing, or an unknown rule, is reported (BW9002). The BW9xxx findings are added
 * to `findings` (they are not themselves suppressible inline). `known` holds the comments of files already read
 * (a scan notes them as it reads, see pipeline/read-suppressions.ts): those files are not read again.
 */
export function applySuppressions(
  findings: readonly Finding[],
  readText: (source: string) => string | undefined,
  metas: readonly RuleMeta[],
  settings: SettingsLookup = defaultSettings,
  extraSources: readonly string[] = [],
  known: Readonly<Record<string, readonly ParsedSuppression[]>> = {},
): SuppressionOutcome {
  const sources = new Set<string>([...findings.filter((f) => f.location.line !== undefined).map((f) => f.location.source), ...extraSources]);
  const bySource = new Map<string, ParsedSuppression[]>();
  for (const s of [...sources].sort()) {
    const noted = Object.hasOwn(known, s) ? known[s] : undefined;
    if (noted) {
      if (noted.length > 0) bySource.set(s, [...noted]);
      continue;
    }
    let text: string | undefined;
    try {
      text = readText(s);
    } catch {
      text = undefined;
    }
    if (text === undefined) continue;
    const parsed = parseSuppressions(text, s);
    if (parsed.length > 0) bySource.set(s, parsed);
  }
  if (bySource.size === 0) return { findings: [...findings], suppressed: [] };

  const resolve = (written: string): RuleMeta | undefined => {
    const q = written.toLowerCase();
    return metas.find((m) => m.id.toLowerCase() === q || m.name === q);
  };
  const comments = new Map<string, SuppressionComment[]>();
  for (const [source, list] of bySource) {
    comments.set(
      source,
      list.map((p) => {
        const c: SuppressionComment = {
          at: p.at,
          targetLine: p.targetLine,
          rules: p.rules.map((r) => {
            const meta = resolve(r.written);
            const ref: SuppressionComment['rules'][number] = { written: r.written, used: false, enabled: meta ? settings(meta).enabled : true, at: r.at };
            if (meta) ref.ruleId = meta.id;
            return ref;
          }),
        };
        if (p.targetEndLine !== undefined) c.targetEndLine = p.targetEndLine;
        if (p.reason !== undefined) c.reason = p.reason;
        return c;
      }),
    );
  }

  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const list = f.location.line === undefined ? undefined : comments.get(f.location.source);
    const hit = list
      ?.filter((c) => c.reason !== undefined && hidesLine(c, f.location.line))
      .flatMap((c) => c.rules.filter((r) => r.ruleId === f.ruleId).map((r) => ({ c, r })))[0];
    if (!hit) {
      kept.push(f);
      continue;
    }
    for (const c of list ?? []) if (hidesLine(c, f.location.line)) for (const r of c.rules) if (r.ruleId === f.ruleId && c.reason !== undefined) r.used = true;
    const s: SuppressedFinding = { finding: f, kind: 'inline', at: hit.c.at };
    // The reason is text of the scanned file: a token pasted into it (`old token ghp_… rotated`) is masked, as any
    // value a report quotes.
    if (hit.c.reason !== undefined) s.reason = maskSecretsIn(hit.c.reason);
    suppressed.push(s);
  }
  for (const [source, list] of comments) {
    const subject: SuppressionSubject = { name: source, comments: list };
    kept.push(...runRules(SUPPRESSION_RULES, subject, source, source, settings));
  }
  return { findings: kept, suppressed };
}

/** True when a comment hides findings on `line`: its target line, or a line of the block scalar that starts there. */
function hidesLine(c: SuppressionComment, line: number | undefined): boolean {
  return line !== undefined && (line === c.targetLine || (c.targetEndLine !== undefined && line > c.targetLine && line <= c.targetEndLine));
}
