import { DAEMON_SOURCES, daemonRule, judgeBool } from './util.js';

/** BW4003: dockerd manages iptables (seed §2.1; CIS 2.4). */
export const noIptablesDisabled = daemonRule({
  meta: {
    id: 'BW4003',
    name: 'no-iptables-disabled',
    scope: 'daemon',
    severity: 'medium',
    title: 'Docker manages its iptables rules',
    rationale:
      'With iptables off, dockerd writes no NAT, isolation or forwarding rules: published ports, network isolation and icc no longer work as configured, and hand-written rules drift from what containers need.',
    remediation: 'Remove `"iptables": false` (`--iptables=false`) so dockerd keeps its rules, and filter host traffic in the DOCKER-USER chain.',
    references: { seed: '§2.1', cis: { version: '1.6.0', items: ['2.4'] }, docs: ['https://docs.docker.com/engine/network/packet-filtering-firewalls/'] },
    checklist: 'host-daemon',
    appliesTo: DAEMON_SOURCES,
    messages: { explicit: 'dockerd is told not to manage iptables (iptables: false).' },
  },
  check(d, ctx) {
    if (judgeBool(d, d.iptables, true, true) === 'explicit' && d.iptables) ctx.report({ messageId: 'explicit', at: d.iptables });
  },
});
