import type { SuppressionSubject } from '../../model/index.js';
import { defineRule } from '../types.js';

/** BW9001: an inline suppression must say why (STYLE.md habit 8; Biome's rule); without a reason it hides nothing. */
export const suppressionWithoutReason = defineRule<SuppressionSubject, 'noReason'>({
  meta: {
    id: 'BW9001',
    name: 'suppression-without-reason',
    scope: 'bulwark',
    severity: 'medium',
    title: 'Suppression comments give a reason',
    rationale:
      'A suppression hides a hardening gap from every report and from CI. Without a written reason nobody can later tell an accepted risk from a silenced alarm, and reviews cannot judge it. Bulwark therefore ignores a suppression that gives no reason: the finding it meant to hide is still reported.',
    remediation:
      'Write the reason after a colon: `# bulwark-ignore BW1001: needs /dev/kvm for the emulator, host is dedicated`. If there is no good reason, fix the finding instead.',
    references: { seed: '§14', docs: ['docs/configuration.md#inline-suppressions'] },
    checklist: 'observability-audit',
    appliesTo: ['compose', 'dockerfile', 'run'],
    messages: {
      noReason: 'The suppression of {rules} in {target} gives no reason, so it is ignored.',
    },
  },
  check(subject, ctx) {
    for (const c of subject.comments) {
      if (c.reason !== undefined) continue;
      ctx.report({ messageId: 'noReason', at: c.at, data: { rules: c.rules.map((r) => r.written).join(', ') || 'no rule' } });
    }
  },
});
