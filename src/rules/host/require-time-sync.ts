import { knownValue } from '../../model/index.js';
import { hostRule } from './util.js';

/** BW5009: a time-sync service runs or is enabled (seed §10). */
export const requireTimeSync = hostRule({
  meta: {
    id: 'BW5009',
    name: 'require-time-sync',
    scope: 'host',
    severity: 'low',
    title: 'The host clock is synchronised',
    rationale: 'TLS certificate checks, image signature timestamps, token expiry and the order of events across logs all rely on a correct clock.',
    remediation: 'Enable one time-sync service: `systemctl enable --now systemd-timesyncd` (or chrony, or ntpsec).',
    references: { seed: '§10' },
    checklist: 'host-daemon',
    appliesTo: ['host'],
    messages: {
      none: 'No time-sync service (systemd-timesyncd, chrony, ntpd) is running or enabled.',
      stopped: 'The time-sync service {services} is enabled but not running.',
    },
  },
  check(h, ctx) {
    const t = knownValue(h.timeSync);
    if (!t) return;
    if (t.length === 0) ctx.report({ messageId: 'none', at: h.timeSync });
    else if (h.processesVisible && !t.some((s) => s.state === 'running'))
      ctx.report({ messageId: 'stopped', data: { services: t.map((s) => s.service).join(', ') }, at: h.timeSync });
  },
});
