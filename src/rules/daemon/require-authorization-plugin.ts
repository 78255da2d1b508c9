import { DAEMON_SOURCES, daemonRule } from './util.js';

/** BW4015: an authorization plugin filters Engine API calls (seed §3; CIS 2.12). Noted at info: many setups use a socket proxy instead. */
export const requireAuthorizationPlugin = daemonRule({
  meta: {
    id: 'BW4015',
    name: 'require-authorization-plugin',
    scope: 'daemon',
    severity: 'info',
    title: 'Engine API calls go through an authorization plugin',
    rationale:
      'Without an authorization plugin, every client of the socket can do everything dockerd can. A plugin (or a filtering socket proxy in front of the socket) limits what each client may call.',
    remediation:
      'Configure `"authorization-plugins": ["<plugin>"]` (for example opa-docker-authz), or put a filtering proxy such as docker-socket-proxy in front of the socket and give clients only the proxy.',
    references: { seed: '§3', cis: { version: '1.6.0', items: ['2.12'] }, docs: ['https://docs.docker.com/engine/extend/plugins_authorization/'] },
    checklist: 'host-daemon',
    appliesTo: DAEMON_SOURCES,
    messages: { none: 'No authorization plugin is configured: every client of the Docker socket may call every API.' },
  },
  check(d, ctx) {
    if (d.authorizationPlugins.length === 0 && !d.partial) ctx.report({ messageId: 'none', at: d.at });
  },
});
