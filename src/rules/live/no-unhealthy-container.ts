import { isLiveContainer, isUnknown } from '../../model/index.js';
import { runtimeRule } from '../types.js';

/** BW1101: a running container reported unhealthy, or restarting in a loop (seed §9 alerts, §14 healthchecks). */
export const noUnhealthyContainer = runtimeRule({
  meta: {
    id: 'BW1101',
    name: 'no-unhealthy-container',
    scope: 'runtime',
    severity: 'medium',
    title: 'Running containers are healthy',
    rationale:
      'An unhealthy container failed its own health check several times in a row, and a container the engine keeps restarting crashes as soon as it starts. Either one is a service that is down while it looks deployed, and a crash loop can also be the sign of an exploited or tampered process.',
    remediation:
      'Read `docker inspect --format "{{json .State.Health}}" NAME` and `docker logs NAME`, fix the cause, and alert on health status and restarts (Prometheus, cAdvisor) so the next one is seen without an audit.',
    references: {
      seed: '§9',
      docs: ['https://docs.docker.com/reference/dockerfile/#healthcheck', 'https://docs.docker.com/engine/containers/start-containers-automatically/'],
    },
    checklist: 'observability-audit',
    appliesTo: ['engine'],
    messages: {
      unhealthy: '{target} is unhealthy ({streak} failed health checks in a row).',
      restarting: '{target} is restarting in a loop ({count} restarts so far).',
    },
  },
  check(c, ctx) {
    if (!isLiveContainer(c)) return;
    const st = c.live.state;
    if (isUnknown(st.value)) return;
    if (st.value.restarting) {
      const n = isUnknown(c.live.restartCount.value) ? '?' : c.live.restartCount.value;
      ctx.report({ messageId: 'restarting', at: st, data: { count: n } });
      return;
    }
    if (st.value.health?.status === 'unhealthy') ctx.report({ messageId: 'unhealthy', at: st, data: { streak: st.value.health.failingStreak } });
  },
});
