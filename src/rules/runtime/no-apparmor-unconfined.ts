import { runtimeRule } from '../types.js';
import { reportIfUnknown } from './util.js';

/** BW1008: the AppArmor profile must not be turned off (seed §5.4; CIS 5.2). */
export const noApparmorUnconfined = runtimeRule({
  meta: {
    id: 'BW1008',
    name: 'no-apparmor-unconfined',
    scope: 'runtime',
    severity: 'high',
    title: 'AppArmor is not disabled',
    rationale:
      'On AppArmor hosts (Debian, Ubuntu) Docker confines every container with the docker-default profile, which denies writes to /proc and /sys, mounts, and raw access to kernel interfaces. `apparmor=unconfined` removes that layer.',
    remediation: 'Remove `apparmor=unconfined`. Use the default profile, or a custom one loaded on the host and named with `apparmor=my-profile`.',
    references: {
      seed: '§5.4',
      cis: { version: '1.6.0', items: ['5.2'] },
      docs: ['https://docs.docker.com/engine/security/apparmor/'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      unconfined: '{target} runs with AppArmor unconfined.',
      unknown: 'The AppArmor profile of {target} cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    const a = c.securityOpt.apparmor;
    if (!a || reportIfUnknown(ctx, a, 'unknown')) return;
    // Exact, as dockerd compares: AppArmor profile names are case-sensitive, and `UNCONFINED` names no loaded profile
    // (the container is refused).
    if (a.value === 'unconfined') ctx.report({ messageId: 'unconfined', at: a });
  },
});
