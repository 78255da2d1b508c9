import { isUnknown } from '../../model/index.js';
import { DAEMON_SOURCES, daemonRule, judgeBool } from './util.js';

/** BW4004: live restore keeps containers running while dockerd restarts (seed §2.1, §14; CIS 2.15). */
export const requireLiveRestore = daemonRule({
  meta: {
    id: 'BW4004',
    name: 'require-live-restore',
    scope: 'daemon',
    severity: 'low',
    title: 'Live restore is on',
    rationale:
      'Without live restore, every dockerd restart (an upgrade, a configuration change) stops every container. Teams then postpone daemon security updates to avoid the outage.',
    remediation: 'Set `"live-restore": true` in daemon.json (it is incompatible with swarm mode) and restart dockerd.',
    references: { seed: '§2.1', cis: { version: '1.6.0', items: ['2.15'] }, docs: ['https://docs.docker.com/engine/daemon/live-restore/'] },
    checklist: 'host-daemon',
    appliesTo: DAEMON_SOURCES,
    messages: {
      explicit: 'Live restore is turned off (live-restore: false).',
      byDefault: 'The live-restore option is not set, so every dockerd restart stops all containers.',
      unknown: 'Live restore cannot be judged: {reason}.',
    },
  },
  check(d, ctx) {
    const j = judgeBool(d, d.liveRestore, true, false);
    if (j === 'unknown' && d.liveRestore && isUnknown(d.liveRestore.value))
      ctx.report({ messageId: 'unknown', at: d.liveRestore, status: 'unknown', data: { reason: d.liveRestore.value.reason } });
    if (j === 'explicit' && d.liveRestore) ctx.report({ messageId: 'explicit', at: d.liveRestore });
    if (j === 'default') ctx.report({ messageId: 'byDefault', at: d.at });
  },
});
