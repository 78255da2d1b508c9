import { isUnknown } from '../../model/index.js';
import { imageRule } from './util.js';

/** BW3004: images that expose SSH (seed §7 "aucun port inutile"; CIS 5.7 no sshd in containers). */
export const noSshPortExposed = imageRule({
  meta: {
    id: 'BW3004',
    name: 'no-ssh-port-exposed',
    scope: 'image',
    severity: 'medium',
    title: 'Images do not expose SSH',
    rationale:
      "An image that exposes port 22 usually runs an SSH server: one more daemon with credentials to manage, patch and brute-force, and a way around the engine's access control and audit. `docker exec` already gives operators a shell when they need one.",
    remediation:
      'Remove `EXPOSE 22` and the SSH server from the image; use `docker exec` (or `kubectl exec`) for maintenance, and ship logs and metrics out of the container instead of logging in.',
    references: {
      seed: '§7',
      cis: { version: '1.6.0', items: ['5.7'] },
      docs: ['https://docs.docker.com/reference/dockerfile/#expose'],
    },
    checklist: 'network-secrets',
    appliesTo: ['dockerfile', 'image'],
    messages: {
      ssh: '{target} exposes the SSH port ({port}).',
    },
  },
  check(img, ctx) {
    for (const p of img.exposedPorts) {
      if (isUnknown(p.value)) continue;
      const m = /^(\d+)(?:-(\d+))?\/tcp$/.exec(p.value);
      if (!m) continue;
      const lo = Number(m[1]);
      const hi = m[2] === undefined ? lo : Number(m[2]);
      if (lo <= 22 && 22 <= hi) ctx.report({ messageId: 'ssh', at: p, data: { port: p.value } });
    }
  },
});
