import { knownValue } from '../../model/index.js';
import { DAEMON_SOURCES, daemonRule, parseDaemonHost } from './util.js';

/** BW4014: a TCP listener of the Engine API is bound to one private address, not every interface (seed §2.2). */
export const noApiOnAllInterfaces = daemonRule({
  meta: {
    id: 'BW4014',
    name: 'no-api-on-all-interfaces',
    scope: 'daemon',
    severity: 'high',
    title: 'The Engine API is not bound to every interface',
    rationale:
      'Bound to 0.0.0.0 or [::], the Engine API port is open on every interface, public ones included. Even with mutual TLS, one leaked client certificate then gives root on the host to anyone on the Internet.',
    remediation: 'Bind the TCP listener to one private or management address (`tcp://10.0.0.5:2376`) and firewall the port to the hosts that need it.',
    references: { seed: '§2.2', docs: ['https://docs.docker.com/engine/security/protect-access/'] },
    checklist: 'host-daemon',
    appliesTo: DAEMON_SOURCES,
    messages: { allInterfaces: 'The Engine API listens on every interface ({host}).' },
  },
  check(d, ctx) {
    for (const h of d.hosts) {
      const v = knownValue(h);
      if (v === undefined) continue;
      const { scheme, host } = parseDaemonHost(v);
      if (scheme === 'tcp' && (host === '' || host === '0.0.0.0' || host === '[::]' || host === '::'))
        ctx.report({ messageId: 'allInterfaces', data: { host: v }, at: h });
    }
  },
});
