import { DAEMON_SOURCES, daemonRule, judgeBool } from './util.js';

/** BW4002: inter-container communication on the default bridge is off (seed §2.1; CIS 2.2). */
export const requireIccDisabled = daemonRule({
  meta: {
    id: 'BW4002',
    name: 'require-icc-disabled',
    scope: 'daemon',
    severity: 'medium',
    title: 'Inter-container traffic on the default bridge is off',
    rationale:
      'With icc on (the default), every container on the default docker0 bridge can reach every port of every other one. A compromised container can then probe and attack its neighbours.',
    remediation:
      'Set `"icc": false` in /etc/docker/daemon.json (or `--icc=false`) and restart dockerd (a reload does not apply it). Put containers that must talk on a user-defined network instead.',
    references: { seed: '§2.1', cis: { version: '1.6.0', items: ['2.2'] }, docs: ['https://docs.docker.com/engine/network/drivers/bridge/'] },
    checklist: 'host-daemon',
    appliesTo: DAEMON_SOURCES,
    messages: {
      explicit: 'Inter-container communication is turned on (icc: true).',
      byDefault: 'The icc option is not set, so dockerd allows traffic between all containers on the default bridge.',
    },
  },
  check(d, ctx) {
    const j = judgeBool(d, d.icc, false, true);
    if (j === 'explicit' && d.icc) ctx.report({ messageId: 'explicit', at: d.icc });
    if (j === 'default') ctx.report({ messageId: 'byDefault', at: d.at });
  },
});
