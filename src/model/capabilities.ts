/**
 * Linux capability names as Docker accepts them: case-insensitive, with or without the `CAP_` prefix,
 * and `ALL`. Normalised form: upper case, no prefix (`cap_sys_admin` -> `SYS_ADMIN`).
 */
export function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}
