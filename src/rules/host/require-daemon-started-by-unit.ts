import { knownValue } from '../../model/index.js';
import { hostRule } from './util.js';

/** BW5014: the running dockerd has the command line its systemd unit gives it (seed §2; the audit judges the unit). */
export const requireDaemonStartedByUnit = hostRule({
  meta: {
    id: 'BW5014',
    name: 'require-daemon-started-by-unit',
    scope: 'host',
    severity: 'low',
    title: 'The running dockerd uses the configuration that was audited',
    rationale:
      'The audit judges dockerd as docker.service and daemon.json configure it. A daemon started by hand, or not restarted after a change, runs with other flags: its real exposure (a TCP listener, a disabled option) can differ from what the files say.',
    remediation:
      'Stop the hand-started daemon and start Docker through systemd (`systemctl restart docker`), so that the running daemon is the one the files describe; then audit again.',
    // no CIS item covers this (CIS 1.6.0 2.1 is "run the daemon as a non-root user", judged by BW4005)
    references: { seed: '§2', docs: ['https://docs.docker.com/engine/daemon/start/'] },
    checklist: 'host-daemon',
    appliesTo: ['host'],
    messages: {
      differs: 'The running dockerd (pid {pid}) has the arguments "{running}", but docker.service starts it with "{unit}".',
      noUnit: 'The running dockerd (pid {pid}) has the arguments "{running}", and no docker.service was found to compare with.',
    },
  },
  check(h, ctx) {
    const r = knownValue(h.runningDaemon);
    if (!r || !h.runningDaemon) return;
    const running = r.args.join(' ') || '(no arguments)';
    if (r.unitArgs === undefined) {
      ctx.report({ messageId: 'noUnit', data: { pid: r.pid, running }, at: h.runningDaemon });
      return;
    }
    const norm = (a: string[]) => [...a].sort().join('\0');
    if (norm(r.args) !== norm(r.unitArgs))
      ctx.report({ messageId: 'differs', data: { pid: r.pid, running, unit: r.unitArgs.join(' ') || '(no arguments)' }, at: h.runningDaemon });
  },
});
