import { isUnknown } from '../../model/index.js';
import { runtimeRule } from '../types.js';

/** BW1002: drop every capability, then add back only what is needed (seed §5.2; CIS 5.4). */
export const requireCapDropAll = runtimeRule({
  meta: {
    id: 'BW1002',
    name: 'require-cap-drop-all',
    scope: 'runtime',
    severity: 'medium',
    title: 'Containers drop all capabilities',
    rationale:
      "Docker's default set keeps 14 capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW, MKNOD, ...). Most services need none of them; each one left is a tool for an attacker who gets code execution (NET_RAW allows ARP and DNS spoofing on the bridge).",
    remediation:
      'Add `cap_drop: [ALL]` (`--cap-drop=ALL`) and add back only what the process needs, e.g. `cap_add: [NET_BIND_SERVICE]` to bind a port below 1024.',
    references: {
      seed: '§5.2',
      cis: { version: '1.6.0', items: ['5.4'] },
      docs: ['https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      missing: '{target} keeps the default capabilities: ALL is not dropped.',
      partial: '{target} drops {dropped} but not ALL.',
      unknown: 'Whether {target} drops all capabilities cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    if (c.capDrop.some((d) => d.value === 'ALL')) return;
    const unknownDrop = c.capDrop.find((d) => isUnknown(d.value));
    if (unknownDrop && isUnknown(unknownDrop.value)) {
      // A name dockerd refuses (an unknown capability) is its input error alone: the container is never created.
      if (!unknownDrop.value.refused) ctx.report({ messageId: 'unknown', at: unknownDrop, status: 'unknown', data: { reason: unknownDrop.value.reason } });
      return;
    }
    const first = c.capDrop[0];
    if (first) ctx.report({ messageId: 'partial', at: first, data: { dropped: c.capDrop.map((d) => d.value as string).join(', ') } });
    else ctx.report({ messageId: 'missing', at: c.at });
  },
});
