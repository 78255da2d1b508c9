import { runtimeRule } from '../types.js';
import { checkHostNamespace } from './namespace-rule.js';

/** BW1019: uts: host (`--uts host`) shares the host UTS namespace (seed §5.8; CIS 5.21). */
export const noHostUts = runtimeRule({
  meta: {
    id: 'BW1019',
    name: 'no-host-uts',
    scope: 'runtime',
    severity: 'medium',
    title: 'Containers do not share the host UTS namespace',
    rationale: "Sharing the host UTS namespace lets the container change the host's hostname and domain name, which other services and logs rely on.",
    remediation: 'Remove `uts: host` (`--uts host`); set `hostname:` when the service needs a name.',
    references: {
      seed: '§5.8',
      cis: { version: '1.6.0', items: ['5.21'] },
      docs: ['https://docs.docker.com/reference/cli/docker/container/run/#uts'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      host: '{target} shares the host UTS namespace.',
      unknown: 'The UTS namespace mode of {target} cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    checkHostNamespace(c.utsMode, ctx);
  },
});
