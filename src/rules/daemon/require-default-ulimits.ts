import { DAEMON_SOURCES, daemonRule } from './util.js';

/** BW4010: default ulimits are set for containers (seed §2.1; CIS 2.8). */
export const requireDefaultUlimits = daemonRule({
  meta: {
    id: 'BW4010',
    name: 'require-default-ulimits',
    scope: 'daemon',
    severity: 'low',
    title: 'Default ulimits are set',
    rationale:
      "Without default ulimits, containers inherit dockerd's own limits (often a very high nofile and unlimited nproc), so one container can exhaust file descriptors or processes for the host.",
    remediation: 'Set `"default-ulimits": { "nofile": { "Name": "nofile", "Soft": 65536, "Hard": 65536 } }` (and nproc where fitting) in daemon.json.',
    references: { seed: '§2.1', cis: { version: '1.6.0', items: ['2.8'] }, docs: ['https://docs.docker.com/reference/cli/dockerd/#default-ulimit'] },
    checklist: 'host-daemon',
    appliesTo: DAEMON_SOURCES,
    messages: { none: 'No default-ulimits are set: containers inherit the limits of dockerd itself.' },
  },
  check(d, ctx) {
    if (d.defaultUlimits.length === 0 && !d.partial) ctx.report({ messageId: 'none', at: d.at });
  },
});
