import { knownValue } from '../../model/index.js';
import { hostRule } from './util.js';

/** BW5012: sshd accepts keys only, no passwords (seed §10). */
export const noSshdPasswordAuth = hostRule({
  meta: {
    id: 'BW5012',
    name: 'no-sshd-password-auth',
    scope: 'host',
    severity: 'medium',
    title: 'sshd does not accept passwords',
    rationale:
      'Passwords can be guessed, reused from other breaches and phished; a Docker host reachable over SSH with passwords is one weak password away from root through the docker group.',
    remediation:
      'Set `PasswordAuthentication no` (and `KbdInteractiveAuthentication no`) in sshd_config, use keys or certificates, ideally with MFA; reload sshd.',
    references: { seed: '§10', docs: ['https://man.openbsd.org/sshd_config#PasswordAuthentication'] },
    checklist: 'host-daemon',
    appliesTo: ['host'],
    messages: {
      allowed: 'sshd accepts passwords (PasswordAuthentication yes).',
      byDefault: 'PasswordAuthentication is not set: sshd accepts passwords by default.',
    },
  },
  check(h, ctx) {
    const s = h.sshd?.passwordAuthentication;
    const v = knownValue(s);
    if (!s || v === undefined || v === 'no') return;
    ctx.report({ messageId: s.at.path === 'sshd.default' ? 'byDefault' : 'allowed', at: s });
  },
});
