import { DAEMON_SOURCES, daemonRule, isLoopbackUrl } from './util.js';

/** BW4009: registry mirrors are reached over HTTPS (seed §2.1); a loopback mirror (traffic that never leaves the host) is exempt. */
export const requireHttpsRegistryMirrors = daemonRule({
  meta: {
    id: 'BW4009',
    name: 'require-https-registry-mirrors',
    scope: 'daemon',
    severity: 'medium',
    title: 'Registry mirrors use HTTPS',
    rationale:
      'dockerd sends every Docker Hub pull to the mirror first. Over plain HTTP, anyone on the path can answer with a different image. A mirror on a loopback address (localhost, 127.0.0.0/8, ::1) is not reported: its traffic never leaves the host.',
    remediation: 'Use an `https://` URL for every entry of `registry-mirrors`, with a certificate dockerd trusts.',
    references: { seed: '§2.1', docs: ['https://docs.docker.com/docker-hub/image-library/mirror/'] },
    checklist: 'registry-deploy',
    appliesTo: DAEMON_SOURCES,
    messages: { http: 'Registry mirror "{mirror}" is not reached over HTTPS.' },
  },
  check(d, ctx) {
    for (const m of d.registryMirrors)
      if (typeof m.value === 'string' && !/^https:\/\//i.test(m.value) && !isLoopbackUrl(m.value))
        ctx.report({ messageId: 'http', data: { mirror: m.value }, at: m });
  },
});
