import { knownValue } from '../../model/index.js';
import { daemonRule } from './util.js';

/** The seed §2.3 drop-in keys, and the values that count as set. */
const WANTED: [string, (v: string) => boolean][] = [
  ['ProtectKernelTunables', (v) => /^(yes|true|on|1)$/i.test(v)],
  ['ProtectKernelModules', (v) => /^(yes|true|on|1)$/i.test(v)],
  ['ProtectControlGroups', (v) => /^(yes|true|on|1)$/i.test(v)],
  ['PrivateTmp', (v) => /^(yes|true|on|1)$/i.test(v)],
  ['NoNewPrivileges', (v) => /^(yes|true|on|1)$/i.test(v)],
  ['LimitNOFILE', (v) => v.toLowerCase() !== 'infinity'],
];

/** BW4016: the docker.service unit carries the seed §2.3 systemd hardening directives. */
export const requireSystemdHardening = daemonRule({
  meta: {
    id: 'BW4016',
    name: 'require-systemd-hardening',
    scope: 'daemon',
    severity: 'low',
    title: 'docker.service has the systemd hardening directives',
    rationale:
      'These directives stop dockerd from changing kernel tunables and loading kernel modules, give it a private /tmp, and cap its open files. Test them in a lab first: NoNewPrivileges=yes also applies to the containers dockerd starts (setuid binaries in them stop working), and ProtectKernelTunables can break containers that set sysctls.',
    remediation:
      'Add a drop-in (`systemctl edit docker`, /etc/systemd/system/docker.service.d/hardening.conf) with `[Service]` and ProtectKernelTunables=yes, ProtectKernelModules=yes, ProtectControlGroups=yes, PrivateTmp=yes, NoNewPrivileges=yes, LimitNOFILE=1048576; then `systemctl daemon-reload && systemctl restart docker`.',
    references: { seed: '§2.3', docs: ['https://www.freedesktop.org/software/systemd/man/latest/systemd.exec.html'] },
    checklist: 'host-daemon',
    appliesTo: ['systemd'],
    messages: {
      missing: 'The docker.service unit does not set {directive}.',
      weak: 'The docker.service unit sets {directive}={value}.',
    },
  },
  check(d, ctx) {
    const s = d.systemdService;
    if (!s || !d.systemdUnit) return;
    for (const [key, ok] of WANTED) {
      const v = s[key];
      if (!v) ctx.report({ messageId: 'missing', data: { directive: key }, at: d.systemdUnit });
      else {
        const value = knownValue(v);
        if (value !== undefined && !ok(value)) ctx.report({ messageId: 'weak', data: { directive: key, value }, at: v });
      }
    }
  },
});
