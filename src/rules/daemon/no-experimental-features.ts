import { DAEMON_SOURCES, daemonRule, judgeBool } from './util.js';

/** BW4012: experimental features are off in production (CIS 2.18). */
export const noExperimentalFeatures = daemonRule({
  meta: {
    id: 'BW4012',
    name: 'no-experimental-features',
    scope: 'daemon',
    severity: 'low',
    title: 'Experimental features are off',
    rationale: "Experimental features are not covered by Docker's stability and security guarantees and may change or vanish between releases.",
    remediation: 'Remove `"experimental": true` (`--experimental`) from production daemons.',
    references: { seed: '§2.1', cis: { version: '1.6.0', items: ['2.18'] }, docs: ['https://docs.docker.com/reference/cli/dockerd/'] },
    checklist: 'host-daemon',
    appliesTo: DAEMON_SOURCES,
    messages: { explicit: 'Experimental features are turned on.' },
  },
  check(d, ctx) {
    if (judgeBool(d, d.experimental, false, false) === 'explicit' && d.experimental) ctx.report({ messageId: 'explicit', at: d.experimental });
  },
});
