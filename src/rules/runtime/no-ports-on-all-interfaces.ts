import { isAllInterfaces, isUnknown } from '../../model/index.js';
import { runtimeRule } from '../types.js';

/** BW1023: published ports bound to every interface (seed §7 "lier sur 127.0.0.1"; CIS 5.14). */
export const noPortsOnAllInterfaces = runtimeRule({
  meta: {
    id: 'BW1023',
    name: 'no-ports-on-all-interfaces',
    scope: 'runtime',
    severity: 'medium',
    title: 'Published ports are bound to a specific address',
    rationale:
      'A port published without a host address (or with 0.0.0.0 or ::) listens on every interface of the host, public ones included, and Docker inserts its iptables rules before most host firewalls see the traffic.',
    remediation:
      'Bind the port to the address that needs it: `127.0.0.1:8080:80` behind a TLS reverse proxy, or a private interface address. Remove ports that nothing outside the host uses (containers on one network reach each other without publishing).',
    references: {
      seed: '§7',
      cis: { version: '1.6.0', items: ['5.14'] },
      docs: ['https://docs.docker.com/engine/network/packet-filtering-firewalls/'],
    },
    checklist: 'network-secrets',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      allInterfaces: '{target} publishes port {port} on all interfaces.',
      unknown: 'Whether {target} publishes port {port} on all interfaces cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    for (const p of c.ports) {
      if (isUnknown(p.value)) continue;
      const { hostPort, containerPort, protocol, hostIpUnknown } = p.value;
      // A spec that is one variable (`${PORTS}`) is shown as written: it may hold a host port and an address too.
      const port =
        hostIpUnknown && hostPort === undefined && containerPort.includes('$') ? containerPort : `${hostPort ?? '(ephemeral)'}->${containerPort}/${protocol}`;
      // `${BIND}:8080:80` without a value: the address may be 127.0.0.1, or nothing (every interface).
      if (hostIpUnknown) ctx.report({ messageId: 'unknown', at: p, status: 'unknown', data: { port, reason: hostIpUnknown.reason } });
      else if (isAllInterfaces(p.value.hostIp)) ctx.report({ messageId: 'allInterfaces', at: p, data: { port } });
    }
  },
});
