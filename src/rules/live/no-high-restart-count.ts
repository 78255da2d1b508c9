import { isLiveContainer, isUnknown } from '../../model/index.js';
import { runtimeRule } from '../types.js';

/** BW1102: a container the engine restarted many times (seed §9 "alertes sur ... redémarrages"; CIS 5.15). */
export const noHighRestartCount = runtimeRule({
  meta: {
    id: 'BW1102',
    name: 'no-high-restart-count',
    scope: 'runtime',
    severity: 'low',
    title: 'Containers are not restarted over and over',
    rationale:
      'Every restart is a crash the restart policy hid. Many of them point to a broken deployment, a memory limit that is too low, or a process being attacked; and a policy that restarts without bound can keep a host busy with a service that never comes up.',
    remediation:
      'Find the cause in `docker logs NAME` and `docker inspect NAME` (State.ExitCode, State.OOMKilled), bound restarts with `restart: on-failure:5` (`--restart on-failure:5`), and alert on restarts.',
    references: {
      seed: '§9',
      cis: { version: '1.6.0', items: ['5.15'] },
      docs: ['https://docs.docker.com/engine/containers/start-containers-automatically/'],
    },
    checklist: 'observability-audit',
    appliesTo: ['engine'],
    options: { maxRestarts: { description: 'Restarts tolerated before the container is reported.', default: 5 } },
    messages: {
      tooMany: '{target} has been restarted {count} times (more than {max}).',
    },
  },
  check(c, ctx) {
    if (!isLiveContainer(c)) return;
    const rc = c.live.restartCount;
    if (isUnknown(rc.value)) return;
    const max = typeof ctx.options.maxRestarts === 'number' ? ctx.options.maxRestarts : 5;
    if (rc.value > max) ctx.report({ messageId: 'tooMany', at: rc, data: { count: rc.value, max } });
  },
});
