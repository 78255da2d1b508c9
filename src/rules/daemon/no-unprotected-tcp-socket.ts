import { knownValue } from '../../model/index.js';
import { DAEMON_SOURCES, daemonRule, parseDaemonHost } from './util.js';

/** BW4013: a TCP listener of the Engine API requires mutual TLS (seed §2.2, §14; CIS 2.7). */
export const noUnprotectedTcpSocket = daemonRule({
  meta: {
    id: 'BW4013',
    name: 'no-unprotected-tcp-socket',
    scope: 'daemon',
    severity: 'critical',
    title: 'The Engine API is never served over TCP without mutual TLS',
    rationale:
      'Whoever can reach the Engine API can start a privileged container that mounts the host disk: it is root on the host. Over TCP without `tlsverify` and a CA, server certificate and key, anyone who reaches the port has that access.',
    remediation:
      'Remove the `tcp://` host, or set `"tlsverify": true` with `tlscacert`, `tlscert` and `tlskey` (mutual TLS: clients need a certificate signed by that CA), listen on a private address, and firewall the port. For remote use, prefer `DOCKER_HOST=ssh://`.',
    references: { seed: '§2.2', cis: { version: '1.6.0', items: ['2.7'] }, docs: ['https://docs.docker.com/engine/security/protect-access/'] },
    checklist: 'host-daemon',
    appliesTo: DAEMON_SOURCES,
    messages: {
      noTls: 'The Engine API listens on {host} without TLS client verification (tlsverify is not true).',
      missingFiles:
        'The Engine API listens on {host} with tlsverify, but {missing} is not set: dockerd falls back to the files in ~/.docker of the user running it (DOCKER_CERT_PATH).',
    },
  },
  check(d, ctx) {
    for (const h of d.hosts) {
      const v = knownValue(h);
      if (v === undefined || parseDaemonHost(v).scheme !== 'tcp') continue;
      if (knownValue(d.tlsVerify) !== true) {
        ctx.report({ messageId: 'noTls', data: { host: v }, at: h });
        continue;
      }
      const missing = (
        [
          ['tlscacert', d.tlsCaCert],
          ['tlscert', d.tlsCert],
          ['tlskey', d.tlsKey],
        ] as const
      )
        .filter(([, f]) => !knownValue(f))
        .map(([k]) => k);
      if (missing.length > 0) ctx.report({ messageId: 'missingFiles', data: { host: v, missing: missing.join(', ') }, at: h });
    }
  },
});
