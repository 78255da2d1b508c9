import { DAEMON_SOURCES, daemonRule, isLoopbackRegistry } from './util.js';

/**
 * BW4008: no registry is reached without TLS verification (seed §2.1; CIS 2.5). Loopback entries are not reported:
 * dockerd already treats 127.0.0.0/8 as insecure by default, and loopback traffic never leaves the host.
 */
export const noInsecureRegistries = daemonRule({
  meta: {
    id: 'BW4008',
    name: 'no-insecure-registries',
    scope: 'daemon',
    severity: 'high',
    title: 'No insecure registries',
    rationale:
      'An insecure registry is reached over plain HTTP or with any certificate. Anyone on the path can serve a different image under the same tag, and dockerd runs it. Loopback registries (localhost, 127.0.0.0/8, ::1) are not reported: their traffic never leaves the host, and dockerd treats 127.0.0.0/8 as insecure by default.',
    remediation:
      'Empty `insecure-registries` (drop `--insecure-registry`). Give the registry a certificate, or trust its CA in /etc/docker/certs.d/<host:port>/ca.crt.',
    references: { seed: '§2.1', cis: { version: '1.6.0', items: ['2.5'] }, docs: ['https://docs.docker.com/engine/security/certificates/'] },
    checklist: 'registry-deploy',
    appliesTo: DAEMON_SOURCES,
    messages: { insecure: 'Registry "{registry}" is marked insecure: images from it are pulled without TLS verification.' },
  },
  check(d, ctx) {
    for (const r of d.insecureRegistries)
      if (typeof r.value === 'string' && !isLoopbackRegistry(r.value)) ctx.report({ messageId: 'insecure', data: { registry: r.value }, at: r });
  },
});
