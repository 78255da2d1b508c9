import { isUnknown } from '../../model/index.js';
import { runtimeRule } from '../types.js';
import { ALLOWED_OPTION, allowedCapabilities, classifyCapability } from './capability-classes.js';

/** BW1004: any added capability beyond the allowed and the tolerated ones (seed §5.2; CIS 5.4). */
export const noExtraCapabilities = runtimeRule({
  meta: {
    id: 'BW1004',
    name: 'no-extra-capabilities',
    scope: 'runtime',
    severity: 'medium',
    title: 'No capability is added beyond what the policy allows',
    rationale:
      'Every added capability widens what code running in the container may do to the kernel. The seed allows NET_BIND_SERVICE for services that bind a low port and, when strictly needed, CHOWN or DAC_OVERRIDE; anything else needs a written reason.',
    remediation:
      'Remove the capability from `cap_add` (`--cap-add`), or, when the need is real and reviewed, list it in the rule option `allowed` in `.bulwark.yaml`.',
    references: {
      seed: '§5.2',
      cis: { version: '1.6.0', items: ['5.4'] },
      docs: ['https://man7.org/linux/man-pages/man7/capabilities.7.html'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: { extra: '{target} adds capability {cap}.' },
    options: ALLOWED_OPTION,
  },
  check(c, ctx) {
    const allowed = allowedCapabilities(ctx.options);
    for (const cap of c.capAdd) {
      if (!isUnknown(cap.value) && classifyCapability(cap.value, allowed) === 'other') {
        ctx.report({ messageId: 'extra', at: cap, data: { cap: cap.value } });
      }
    }
  },
});
