import { runtimeRule } from '../types.js';
import { checkHostNamespace } from './namespace-rule.js';

/** BW1020: userns_mode: host (`--userns host`) shares the host user namespace (seed §4.1; CIS 5.31). */
export const noHostUserns = runtimeRule({
  meta: {
    id: 'BW1020',
    name: 'no-host-userns',
    scope: 'runtime',
    severity: 'high',
    title: 'Containers do not share the host user namespace',
    rationale: "When the daemon remaps users (userns-remap), `userns_mode: host` opts the container out: its root becomes the host's real root again.",
    remediation: "Remove `userns_mode: host` (`--userns host`) so the daemon's user-namespace remapping applies.",
    references: {
      seed: '§4.1',
      cis: { version: '1.6.0', items: ['5.31'] },
      docs: ['https://docs.docker.com/engine/security/userns-remap/'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      host: '{target} shares the host user namespace.',
      unknown: 'The user namespace mode of {target} cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    checkHostNamespace(c.usernsMode, ctx);
  },
});
