import { DAEMON_SOURCES, daemonRule, judgeBool } from './util.js';

/** BW4006: no-new-privileges for every container by default (seed §5.6; CIS 2.14). */
export const requireDaemonNoNewPrivileges = daemonRule({
  meta: {
    id: 'BW4006',
    name: 'require-daemon-no-new-privileges',
    scope: 'daemon',
    severity: 'medium',
    title: 'Containers get no-new-privileges by default',
    rationale:
      'no-new-privileges stops setuid and setcap binaries inside a container from gaining privileges. Set on the daemon, it covers every container, including those whose compose file or run line forgets it.',
    remediation: 'Set `"no-new-privileges": true` in daemon.json and restart dockerd; a container that really needs setuid can still opt out.',
    references: { seed: '§5.6', cis: { version: '1.6.0', items: ['2.14'] }, docs: ['https://docs.docker.com/reference/cli/dockerd/'] },
    checklist: 'host-daemon',
    appliesTo: DAEMON_SOURCES,
    messages: {
      explicit: 'The no-new-privileges option is turned off as the daemon default.',
      byDefault: 'The no-new-privileges option is not set, so containers may gain privileges through setuid binaries unless each one opts in.',
    },
  },
  check(d, ctx) {
    const j = judgeBool(d, d.noNewPrivileges, true, false);
    if (j === 'explicit' && d.noNewPrivileges) ctx.report({ messageId: 'explicit', at: d.noNewPrivileges });
    if (j === 'default') ctx.report({ messageId: 'byDefault', at: d.at });
  },
});
