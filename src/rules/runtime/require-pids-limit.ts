import { runtimeRule } from '../types.js';
import { checkLimit } from './limit-rule.js';

/** BW1013: a pids limit stops fork bombs (seed §5.7; CIS 5.29). */
export const requirePidsLimit = runtimeRule({
  meta: {
    id: 'BW1013',
    name: 'require-pids-limit',
    scope: 'runtime',
    severity: 'medium',
    title: 'Containers have a pids limit',
    rationale: 'Without a pids limit one container can fork until the host runs out of process IDs, and nothing else on the host can start a process.',
    remediation: 'Set `deploy.resources.limits.pids` or `pids_limit` (`--pids-limit 256`) to a number the service never reaches in normal work.',
    references: {
      seed: '§5.7',
      cis: { version: '1.6.0', items: ['5.29'] },
      docs: ['https://docs.docker.com/reference/cli/docker/container/run/#pids-limit'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      missing: '{target} has no pids limit.',
      unlimited: '{target} sets pids limit {value}, which means no limit.',
      unknown: 'The pids limit of {target} cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    checkLimit(c, c.limits.pidsLimit, ctx);
  },
});
