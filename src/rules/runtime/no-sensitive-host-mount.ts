import { isUnknown, normalizeHostPath } from '../../model/index.js';
import { runtimeRule } from '../types.js';

/** Host folders whose bind mount, read-only or not, exposes the host (CIS 5.6 list, plus /lib64 from 1.7, /var/lib/docker and /root). */
const SENSITIVE_DIRS = new Set(['/', '/boot', '/dev', '/etc', '/lib', '/lib64', '/proc', '/sys', '/usr', '/var/lib/docker', '/root']);
/** Below these folders every path is sensitive. */
const SENSITIVE_TREES = ['/root/', '/var/lib/docker/', '/boot/', '/etc/ssh/', '/etc/sudoers.d/', '/etc/docker/'];
/** Single host files that hold credentials or grant root. */
const SENSITIVE_FILES = new Set(['/etc/shadow', '/etc/gshadow', '/etc/sudoers']);
/** World-readable account files: mounting them read-only (to run as the host user) is common and safe; read-write is not. */
const WRITE_SENSITIVE_FILES = new Set(['/etc/passwd', '/etc/group']);

/** BW1015: bind mounts of host system folders (seed §1 "volumes spécifiques RO/RW"; CIS 5.6). */
export const noSensitiveHostMount = runtimeRule({
  meta: {
    id: 'BW1015',
    name: 'no-sensitive-host-mount',
    scope: 'runtime',
    severity: 'high',
    title: 'Host system folders are not bind-mounted',
    rationale:
      "Mounting /, /etc, /usr, /boot, /dev, /proc, /sys, /root or /var/lib/docker into a container lets it read host secrets (shadow, SSH keys, other containers' data) and, read-write, change host binaries and configuration. Common narrow mounts such as /etc/localtime are not reported.",
    remediation:
      'Mount only the specific file or folder the service needs, read-only (`:ro`), or use a named volume. Monitoring agents that must read the host should run on dedicated, reviewed hosts.',
    references: {
      seed: '§1',
      cis: { version: '1.6.0', items: ['5.6'] },
      docs: ['https://docs.docker.com/engine/storage/bind-mounts/'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      sensitive: '{target} bind-mounts host path {source} {mode}.',
    },
  },
  check(c, ctx) {
    for (const m of c.mounts) {
      if (isUnknown(m.value) || m.value.type !== 'bind' || m.value.source === undefined) continue;
      const src = m.value.source;
      if (!src.startsWith('/')) continue;
      const p = normalizeHostPath(src);
      const writable = !m.value.readOnly && WRITE_SENSITIVE_FILES.has(p);
      if (SENSITIVE_DIRS.has(p) || SENSITIVE_FILES.has(p) || writable || SENSITIVE_TREES.some((t) => p.startsWith(t))) {
        ctx.report({ messageId: 'sensitive', at: m, data: { source: src, mode: m.value.readOnly ? 'read-only' : 'read-write' } });
      }
    }
  },
});
