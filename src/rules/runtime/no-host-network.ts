import { runtimeRule } from '../types.js';
import { checkJoinableHostNamespace } from './namespace-rule.js';

/** BW1016: network_mode: host (`--network host`) shares the host network namespace (seed §7; CIS 5.10). */
export const noHostNetwork = runtimeRule({
  meta: {
    id: 'BW1016',
    name: 'no-host-network',
    scope: 'runtime',
    severity: 'high',
    title: 'Containers do not share the host network namespace',
    rationale:
      "The container shares the host's network stack: it can bind any host port, reach services listening on the host's loopback, and sniff or spoof traffic with NET_RAW; Docker's port mapping and firewall rules no longer apply.",
    remediation:
      'Use a user-defined bridge network and publish only the ports needed, bound to 127.0.0.1 behind a reverse proxy when possible. Keep host networking for reviewed infrastructure agents.',
    references: {
      seed: '§7',
      cis: { version: '1.6.0', items: ['5.10'] },
      docs: ['https://docs.docker.com/engine/network/drivers/host/'],
    },
    checklist: 'network-secrets',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      host: '{target} shares the host network namespace.',
      hostThrough: '{target} shares the host network namespace through service {via}, whose namespace it joins.',
      unknown: 'The network namespace mode of {target} cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    checkJoinableHostNamespace(c.networkMode, c.joinedNamespaces?.networkMode, ctx);
  },
});
