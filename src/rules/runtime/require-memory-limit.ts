import { runtimeRule } from '../types.js';
import { checkLimit } from './limit-rule.js';

/** BW1011: a memory limit keeps one container from starving the host (seed §5.7; CIS 5.11). */
export const requireMemoryLimit = runtimeRule({
  meta: {
    id: 'BW1011',
    name: 'require-memory-limit',
    scope: 'runtime',
    severity: 'medium',
    title: 'Containers have a memory limit',
    rationale:
      'Without a limit a leaking or attacked container can use all host memory, and the kernel OOM killer may then kill other containers or dockerd itself.',
    remediation: 'Set `deploy.resources.limits.memory` or `mem_limit` (`--memory 512m`) to what the service needs with headroom.',
    references: {
      seed: '§5.7',
      cis: { version: '1.6.0', items: ['5.11'] },
      docs: ['https://docs.docker.com/engine/containers/resource_constraints/#memory'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      missing: '{target} has no memory limit.',
      unlimited: '{target} sets memory limit {value}, which means no limit.',
      unknown: 'The memory limit of {target} cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    checkLimit(c, c.limits.memoryBytes, ctx);
  },
});
