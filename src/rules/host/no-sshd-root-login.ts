import { knownValue } from '../../model/index.js';
import { hostRule } from './util.js';

/** BW5011: sshd refuses root logins (seed §10). */
export const noSshdRootLogin = hostRule({
  meta: {
    id: 'BW5011',
    name: 'no-sshd-root-login',
    scope: 'host',
    severity: 'medium',
    title: 'sshd refuses root logins',
    rationale:
      'A direct root login skips the per-user trail that sudo leaves, and gives a guessed or stolen key full control of the host and of Docker at once.',
    remediation:
      'Set `PermitRootLogin no` in /etc/ssh/sshd_config (or a file in sshd_config.d read before the main settings), log in as a named user and use sudo; reload sshd.',
    references: { seed: '§10', docs: ['https://man.openbsd.org/sshd_config#PermitRootLogin'] },
    checklist: 'host-daemon',
    appliesTo: ['host'],
    messages: {
      allowed: 'sshd allows root logins (PermitRootLogin {value}).',
      byDefault: 'PermitRootLogin is not set: sshd allows root logins with a key (prohibit-password).',
    },
  },
  check(h, ctx) {
    const s = h.sshd?.permitRootLogin;
    const v = knownValue(s);
    if (!s || v === undefined || v === 'no' || v === 'forced-commands-only') return;
    if (s.at.path === 'sshd.default') ctx.report({ messageId: 'byDefault', at: s });
    else ctx.report({ messageId: 'allowed', data: { value: v }, at: s });
  },
});
