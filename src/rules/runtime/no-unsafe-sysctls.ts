import { isUnknown } from '../../model/index.js';
import { runtimeRule } from '../types.js';

/**
 * Namespaced sysctls whose value weakens the network or the host, as `name -> predicate on the value`.
 * Sources: kernel ip-sysctl documentation; seed §5.7 shows ip_forward=0 and tcp_syncookies=1 as the safe values.
 */
const UNSAFE: { match: RegExp; unsafe: (v: string) => boolean; why: string }[] = [
  {
    match: /^net\.ipv4\.ip_forward$|^net\.ipv4\.conf\.[^.]+\.forwarding$|^net\.ipv6\.conf\.[^.]+\.forwarding$/,
    unsafe: (v) => v !== '0',
    why: 'turns the container into a router',
  },
  { match: /^net\.ipv4\.conf\.[^.]+\.route_localnet$/, unsafe: (v) => v !== '0', why: 'routes traffic to 127.0.0.0/8 from outside' },
  {
    match: /^net\.ipv4\.conf\.[^.]+\.accept_source_route$|^net\.ipv6\.conf\.[^.]+\.accept_source_route$/,
    unsafe: (v) => v !== '0',
    why: 'accepts source-routed packets',
  },
  { match: /^net\.ipv4\.conf\.[^.]+\.accept_redirects$|^net\.ipv6\.conf\.[^.]+\.accept_redirects$/, unsafe: (v) => v !== '0', why: 'accepts ICMP redirects' },
  { match: /^net\.ipv4\.conf\.[^.]+\.rp_filter$/, unsafe: (v) => v === '0', why: 'turns off reverse-path filtering' },
  { match: /^net\.ipv4\.tcp_syncookies$/, unsafe: (v) => v === '0', why: 'turns off SYN-flood protection' },
  { match: /^kernel\.(?:shmmax|shmall|shmmni|msgmax|msgmnb|msgmni|sem)$/, unsafe: () => true, why: 'raises IPC limits that are charged to host memory' },
];

/** BW1022: sysctls that weaken the network or the host (seed §5.7). */
export const noUnsafeSysctls = runtimeRule({
  meta: {
    id: 'BW1022',
    name: 'no-unsafe-sysctls',
    scope: 'runtime',
    severity: 'medium',
    title: 'Sysctls do not weaken the network or the host',
    rationale:
      "Docker lets containers set namespaced sysctls. Some values undo network protections (forwarding, route_localnet, source routing, redirects, SYN cookies) or raise IPC limits that are charged to the host's memory. With `network_mode: host` or `ipc: host` they change the host itself.",
    remediation:
      'Remove the sysctl or set its safe value (for example `net.ipv4.ip_forward=0`, `net.ipv4.tcp_syncookies=1`); routing belongs on the host, not in an application container.',
    references: {
      seed: '§5.7',
      docs: ['https://docs.docker.com/reference/cli/docker/container/run/#sysctl', 'https://docs.kernel.org/networking/ip-sysctl.html'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      unsafe: '{target} sets sysctl {name}={value}, which {why}.',
      unknown: 'Whether {target} sets sysctl {name} to an unsafe value cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    for (const s of c.sysctls) {
      if (isUnknown(s.value)) continue;
      const [name, value] = s.value;
      const hit = UNSAFE.find((u) => u.match.test(name) && u.unsafe(value.trim()));
      if (hit) ctx.report({ messageId: 'unsafe', at: s, data: { name, value, why: hit.why } });
    }
    // A value from a variable without a value: unknown for a sysctl that has an unsafe value, or a name that is not known.
    for (const u of c.unknownSysctls ?? []) {
      if (u.name.includes('$') || UNSAFE.some((x) => x.match.test(u.name)))
        ctx.report({ messageId: 'unknown', at: u.at, status: 'unknown', data: { name: u.name, reason: u.why.reason } });
    }
  },
});
