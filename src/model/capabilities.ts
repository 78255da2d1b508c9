/**
 * Linux capability names as Docker accepts them: case-insensitive, with or without the `CAP_` prefix,
 * and `ALL`. Normalised form: upper case, no prefix (`cap_sys_admin` -> `SYS_ADMIN`). `CAP_ALL` stays as it is:
 * moby (`caps.NormalizeLegacyCapabilities`) takes `ALL` only without the prefix and refuses `CAP_ALL` as an
 * unknown capability, so it never drops or adds every capability.
 */
export function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') && upper !== 'CAP_ALL' ? upper.slice(4) : upper;
}
