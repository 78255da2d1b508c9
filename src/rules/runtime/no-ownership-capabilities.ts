import { isUnknown } from '../../model/index.js';
import { runtimeRule } from '../types.js';
import { ALLOWED_OPTION, allowedCapabilities, classifyCapability } from './capability-classes.js';

/** BW1005: CHOWN, DAC_OVERRIDE, SETUID, SETGID added back (seed §5.2 "si strict nécessaire"; CIS 5.4). */
export const noOwnershipCapabilities = runtimeRule({
  meta: {
    id: 'BW1005',
    name: 'no-ownership-capabilities',
    scope: 'runtime',
    severity: 'low',
    title: 'File-ownership and identity capabilities are added only when needed',
    rationale:
      'CHOWN and DAC_OVERRIDE let root in the container ignore file ownership and permissions; SETUID and SETGID let it switch to any user. The seed tolerates them when strictly needed, so they are reported at low severity to be reviewed, not forbidden.',
    remediation:
      'Remove the capability when the image can be fixed instead (files owned by the runtime user at build time, `COPY --chown`), or list it in the rule option `allowed` once reviewed.',
    references: {
      seed: '§5.2',
      cis: { version: '1.6.0', items: ['5.4'] },
      docs: ['https://man7.org/linux/man-pages/man7/capabilities.7.html'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: { ownership: '{target} adds capability {cap}.' },
    options: ALLOWED_OPTION,
  },
  check(c, ctx) {
    const allowed = allowedCapabilities(ctx.options);
    for (const cap of c.capAdd) {
      if (!isUnknown(cap.value) && classifyCapability(cap.value, allowed) === 'low') {
        ctx.report({ messageId: 'ownership', at: cap, data: { cap: cap.value } });
      }
    }
  },
});
