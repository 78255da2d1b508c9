import type { SuppressionSubject } from '../../model/index.js';
import { defineRule } from '../types.js';

/**
 * BW9002: a suppression that hides nothing (stale, naming an unknown rule such as `*` or `all`, or naming no rule)
 * is reported, so suppressions do not pile up and a wildcard never looks as if it worked.
 */
export const unusedSuppression = defineRule<SuppressionSubject, 'unused' | 'unusedBlock' | 'afterLastLine' | 'unknownRule' | 'noRule'>({
  meta: {
    id: 'BW9002',
    name: 'unused-suppression',
    scope: 'bulwark',
    severity: 'low',
    title: 'Suppression comments still hide a finding',
    rationale:
      'A suppression whose finding is gone (the setting was fixed, the line moved, the rule id is mistyped) hides nothing today but will silently hide the next real finding on that line. Stale suppressions also make a file look riskier and more reviewed than it is.',
    remediation:
      'Delete the comment, or move it to the line the finding is on (the comment hides findings on its own line, or on the next line when it stands alone). Check the rule id with `bulwark rules`.',
    references: { seed: '§14', docs: ['docs/configuration.md#inline-suppressions'] },
    checklist: 'observability-audit',
    appliesTo: ['compose', 'dockerfile', 'run'],
    messages: {
      unused: 'The suppression of {rule} in {target} hides no finding on line {line}.',
      unusedBlock: 'The suppression of {rule} in {target} hides no finding on lines {line} to {endLine} (line {line} and the block scalar it starts).',
      afterLastLine: 'The suppression of {rule} in {target} stands after the last line of the file: it hides nothing.',
      unknownRule: 'The suppression in {target} names {rule}, which is not a Bulwark rule.',
      noRule: 'The suppression in {target} names no rule, so it hides nothing (write the rule ids before the colon).',
    },
  },
  check(subject, ctx) {
    for (const c of subject.comments) {
      if (c.reason === undefined) continue; // reported by BW9001; it never applied
      if (c.rules.length === 0) ctx.report({ messageId: 'noRule', at: c.at });
      for (const r of c.rules) {
        if (r.ruleId === undefined) ctx.report({ messageId: 'unknownRule', at: r.at, data: { rule: r.written } });
        else if (!r.used && r.enabled && c.targetLine === 0) ctx.report({ messageId: 'afterLastLine', at: r.at, data: { rule: r.written } });
        else if (!r.used && r.enabled && c.targetEndLine !== undefined)
          ctx.report({ messageId: 'unusedBlock', at: r.at, data: { rule: r.written, line: c.targetLine, endLine: c.targetEndLine } });
        else if (!r.used && r.enabled) ctx.report({ messageId: 'unused', at: r.at, data: { rule: r.written, line: c.targetLine } });
      }
    }
  },
});
