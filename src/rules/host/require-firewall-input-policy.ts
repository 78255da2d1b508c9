import { knownValue } from '../../model/index.js';
import { hostRule } from './util.js';

/** BW5010: the host firewall's INPUT chain drops by default (seed §10). Docker manages FORWARD itself. */
export const requireFirewallInputPolicy = hostRule({
  meta: {
    id: 'BW5010',
    name: 'require-firewall-input-policy',
    scope: 'host',
    severity: 'medium',
    title: "The host firewall's INPUT policy is not ACCEPT",
    rationale:
      'With INPUT at ACCEPT, every service listening on the host (sshd, a forgotten debug port, an Engine API on TCP) is reachable from every network. Note that ports published by containers go through FORWARD and DOCKER-USER, not INPUT.',
    remediation:
      'Set the INPUT policy to DROP with explicit ACCEPT rules for what the host serves (`iptables -P INPUT DROP` after allowing established traffic and sshd), or an nftables input chain with `policy drop`; filter published ports in DOCKER-USER.',
    references: { seed: '§10', docs: ['https://docs.docker.com/engine/network/packet-filtering-firewalls/'] },
    checklist: 'network-secrets',
    appliesTo: ['host'],
    messages: {
      accept: 'The {tool} INPUT policy is {policy}: the host accepts any inbound traffic that no rule refuses.',
      skipped: 'The firewall was not checked: {reason}.',
    },
  },
  check(h, ctx) {
    const f = knownValue(h.firewall);
    if (f && h.firewall) {
      if (f.inputPolicy.toUpperCase() === 'ACCEPT') ctx.report({ messageId: 'accept', data: { tool: f.tool, policy: f.inputPolicy }, at: h.firewall });
      return;
    }
    const reasons = h.commands.filter((c) => /^(iptables|nft)/.test(c.command) && !c.ran).map((c) => c.reason ?? c.command);
    if (reasons.length > 0) ctx.report({ messageId: 'skipped', data: { reason: [...new Set(reasons)].join('; ') }, at: h.at, status: 'unknown' });
  },
});
