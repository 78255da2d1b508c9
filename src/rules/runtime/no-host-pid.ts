import { runtimeRule } from '../types.js';
import { checkJoinableHostNamespace } from './namespace-rule.js';

/** BW1017: pid: host (`--pid host`) shares the host PID namespace (seed §5.8; CIS 5.16). */
export const noHostPid = runtimeRule({
  meta: {
    id: 'BW1017',
    name: 'no-host-pid',
    scope: 'runtime',
    severity: 'high',
    title: 'Containers do not share the host PID namespace',
    rationale:
      'Sharing the host PID namespace lets the container see every host process, read their environment and command lines, and signal or ptrace them with the right capabilities.',
    remediation: 'Remove `pid: host` (`--pid host`). Debugging tools that need it should run briefly and on purpose, not as part of the application.',
    references: {
      seed: '§5.8',
      cis: { version: '1.6.0', items: ['5.16'] },
      docs: ['https://docs.docker.com/reference/cli/docker/container/run/#pid'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      host: '{target} shares the host PID namespace.',
      hostThrough: '{target} shares the host PID namespace through service {via}, whose namespace it joins.',
      unknown: 'The PID namespace mode of {target} cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    checkJoinableHostNamespace(c.pidMode, c.joinedNamespaces?.pidMode, ctx);
  },
});
