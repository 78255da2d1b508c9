import { DAEMON_SOURCES, daemonRule, judgeBool } from './util.js';

/** BW4011: the userland proxy is off, published ports go through iptables (CIS 2.16). */
export const requireUserlandProxyDisabled = daemonRule({
  meta: {
    id: 'BW4011',
    name: 'require-userland-proxy-disabled',
    scope: 'daemon',
    severity: 'low',
    title: 'The userland proxy is off',
    rationale:
      'The userland proxy starts one docker-proxy process per published port and hides the client address from the container. With hairpin NAT in the kernel it is attack surface with no use.',
    remediation: 'Set `"userland-proxy": false` in daemon.json and restart dockerd.',
    references: { seed: '§2.1', cis: { version: '1.6.0', items: ['2.16'] }, docs: ['https://docs.docker.com/engine/network/packet-filtering-firewalls/'] },
    checklist: 'host-daemon',
    appliesTo: DAEMON_SOURCES,
    messages: {
      explicit: 'The userland proxy is turned on (userland-proxy: true).',
      byDefault: 'The userland-proxy option is not set, so dockerd runs a docker-proxy process for every published port.',
    },
  },
  check(d, ctx) {
    const j = judgeBool(d, d.userlandProxy, false, true);
    if (j === 'explicit' && d.userlandProxy) ctx.report({ messageId: 'explicit', at: d.userlandProxy });
    if (j === 'default') ctx.report({ messageId: 'byDefault', at: d.at });
  },
});
