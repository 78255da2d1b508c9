import { runtimeRule } from '../types.js';
import { checkLimit } from './limit-rule.js';

/** BW1012: a CPU limit keeps one container from starving the others (seed §5.7; CIS 5.12). */
export const requireCpuLimit = runtimeRule({
  meta: {
    id: 'BW1012',
    name: 'require-cpu-limit',
    scope: 'runtime',
    severity: 'low',
    title: 'Containers have a CPU limit',
    rationale: 'Without a CPU limit a busy or attacked container can take every core and slow the host and its neighbours (a denial of service).',
    remediation: 'Set `deploy.resources.limits.cpus` or `cpus` (`--cpus 1.0`).',
    references: {
      seed: '§5.7',
      cis: { version: '1.6.0', items: ['5.12'] },
      docs: ['https://docs.docker.com/engine/containers/resource_constraints/#cpu'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      missing: '{target} has no CPU limit.',
      unlimited: '{target} sets CPU limit {value}, which means no limit.',
      unknown: 'The CPU limit of {target} cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    checkLimit(c, c.limits.nanoCpus, ctx);
  },
});
