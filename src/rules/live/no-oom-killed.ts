import { isLiveContainer, isUnknown } from '../../model/index.js';
import { runtimeRule } from '../types.js';

/** BW1103: the kernel OOM killer ended the container's last run (seed §9 "alertes sur OOMKill"). */
export const noOomKilled = runtimeRule({
  meta: {
    id: 'BW1103',
    name: 'no-oom-killed',
    scope: 'runtime',
    severity: 'medium',
    title: 'Containers are not killed for lack of memory',
    rationale:
      'A container killed by the OOM killer lost its work in the middle of it. It runs out of its memory limit (or the host of its memory), which is a leak, a limit set too low, or a memory-exhaustion attack; without a limit, the kernel may kill other processes of the host instead.',
    remediation:
      'Check the memory use of the service (`docker stats`), fix leaks, set `mem_limit` (`--memory`) to what the service needs with headroom, and alert on OOM kills (cAdvisor `container_oom_events_total`).',
    references: {
      seed: '§9',
      docs: ['https://docs.docker.com/engine/containers/resource_constraints/#understand-the-risks-of-running-out-of-memory'],
    },
    checklist: 'observability-audit',
    appliesTo: ['engine'],
    messages: {
      oomKilled: '{target} was killed by the kernel OOM killer.',
    },
  },
  check(c, ctx) {
    if (!isLiveContainer(c)) return;
    const st = c.live.state;
    if (!isUnknown(st.value) && st.value.oomKilled) ctx.report({ messageId: 'oomKilled', at: st });
  },
});
