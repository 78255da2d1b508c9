import { hostRule } from './util.js';

/** BW5004: auditd watches Docker's binaries, files and folders (seed §3, §9; CIS 1.1.3-1.1.18). */
export const requireDockerAuditRules = hostRule({
  meta: {
    id: 'BW5004',
    name: 'require-docker-audit-rules',
    scope: 'host',
    severity: 'medium',
    title: "auditd watches Docker's files",
    rationale:
      'Docker runs as root and its configuration decides who is root on the host. Audit rules record who changed daemon.json or the unit, who replaced the binaries, and who used the socket, which an investigation needs and Docker itself does not log.',
    remediation:
      'Install auditd and add a file such as /etc/audit/rules.d/docker.rules with one `-w <path> -p rwxa -k docker` line per path reported (dockerd, containerd, runc, /var/lib/docker, /etc/docker, the unit files, daemon.json, /etc/default/docker, the sockets); load it with `augenrules --load`.',
    references: {
      seed: '§9',
      cis: {
        version: '1.6.0',
        items: [
          '1.1.3',
          '1.1.4',
          '1.1.5',
          '1.1.6',
          '1.1.7',
          '1.1.8',
          '1.1.9',
          '1.1.10',
          '1.1.11',
          '1.1.12',
          '1.1.13',
          '1.1.14',
          '1.1.15',
          '1.1.16',
          '1.1.17',
          '1.1.18',
        ],
      },
      docs: ['https://man7.org/linux/man-pages/man7/audit.rules.7.html'],
    },
    checklist: 'observability-audit',
    appliesTo: ['host'],
    messages: {
      missing: 'No audit rule watches {path} (CIS {cis}).',
      noAuditd: 'auditd is not installed (no auditctl, no /etc/audit): changes to Docker files and uses of the socket are not recorded.',
      unreadable: 'Which Docker paths the audit rules watch cannot be known: {reason}.',
      rulesOnly: 'auditctl could not be run ({reason}); the rule files under /etc/audit were read instead, which may differ from the loaded rules.',
    },
  },
  check(h, ctx) {
    const a = h.audit;
    if (a.source === 'none') {
      ctx.report({ messageId: 'noAuditd', at: a.at });
      return;
    }
    if (a.source === 'rules-files') {
      const c = h.commands.find((x) => x.command === 'auditctl -l');
      if (c && !c.ran && c.reason && !c.reason.startsWith('commands are only run'))
        ctx.report({ messageId: 'rulesOnly', data: { reason: c.reason }, at: a.at, status: 'unknown' });
    }
    if (a.unreadable !== undefined) {
      ctx.report({ messageId: 'unreadable', data: { reason: a.unreadable }, at: a.at, status: 'unknown' });
      return;
    }
    for (const t of a.targets) if (!t.watchedBy) ctx.report({ messageId: 'missing', data: { path: t.path, cis: t.cis }, at: a.at });
  },
});
