import { runtimeRule } from '../types.js';
import { reportIfUnknown } from './util.js';

/** BW1028: a bounded restart policy (seed §14 "restart policy"; CIS 5.15). */
export const requireRestartPolicy = runtimeRule({
  meta: {
    id: 'BW1028',
    name: 'require-restart-policy',
    scope: 'runtime',
    severity: 'low',
    title: 'Containers have a bounded restart policy',
    rationale:
      'Without a restart policy a crashed service stays down. An unbounded one (`always`, `unless-stopped`, `on-failure` without a count) restarts a crashing or exploited container forever, hiding the problem and repeating whatever the crash does; CIS recommends on-failure with at most 5 retries.',
    remediation:
      'Use `restart: on-failure:5` (`--restart on-failure:5`), or `deploy.restart_policy` with `condition: on-failure` and `max_attempts: 5`, and alert on restarts.',
    references: {
      seed: '§14',
      cis: { version: '1.6.0', items: ['5.15'] },
      docs: ['https://docs.docker.com/engine/containers/start-containers-automatically/'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      missing: '{target} has no restart policy.',
      unbounded: '{target} restarts with policy {policy}, which has no retry bound.',
      tooMany: '{target} restarts up to {count} times, more than {max}.',
      unknown: 'The restart policy of {target} cannot be known: {reason}.',
    },
    options: { maxRetries: { description: 'Most on-failure retries accepted.', default: 5 } },
  },
  check(c, ctx) {
    // A one-shot container (`--rm`) cannot have a restart policy: Docker refuses --restart with --rm.
    if (c.autoRemove?.value === true) return;
    const r = c.restart;
    if (!r) return ctx.report({ messageId: 'missing', at: c.at });
    if (reportIfUnknown(ctx, r, 'unknown') || typeof r.value !== 'object' || 'kind' in r.value) return;
    const { name, maximumRetryCount } = r.value;
    const max = typeof ctx.options.maxRetries === 'number' ? ctx.options.maxRetries : 5;
    if (name === 'no' || name === '') return ctx.report({ messageId: 'missing', at: r });
    // A count bounds any policy that has one: the sources give one only to on-failure, and to a compose
    // deploy.restart_policy `condition: any` with `max_attempts`, which Swarm bounds (`docker compose up` gives dockerd
    // `always` with a count, which it refuses: the compose source warns about that).
    if (maximumRetryCount === undefined) return ctx.report({ messageId: 'unbounded', at: r, data: { policy: name } });
    // The count as written, exact up to int64's largest (a bigint beyond 2^53).
    if (maximumRetryCount > max) ctx.report({ messageId: 'tooMany', at: r, data: { count: String(maximumRetryCount), max } });
  },
});
