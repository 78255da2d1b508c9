/**
 * Linux capability names as Docker accepts them: case-insensitive, with or without the `CAP_` prefix,
 * and `ALL`. Normalised form: upper case, no prefix (`cap_sys_admin` -> `SYS_ADMIN`).
 */
export function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/**
 * Docker's default capability set (moby `oci/caps/defaults.go`): what a container has before `cap_add`/`cap_drop`.
 */
export const DEFAULT_CAPABILITIES: ReadonlySet<string> = new Set([
  'CHOWN',
  'DAC_OVERRIDE',
  'FSETID',
  'FOWNER',
  'MKNOD',
  'NET_RAW',
  'SETGID',
  'SETUID',
  'SETFCAP',
  'SETPCAP',
  'NET_BIND_SERVICE',
  'SYS_CHROOT',
  'KILL',
  'AUDIT_WRITE',
]);
