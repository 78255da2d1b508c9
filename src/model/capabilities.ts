/**
 * Linux capability names as Docker accepts them: case-insensitive, with or without the `CAP_` prefix,
 * and `ALL`. Normalised form: upper case, no prefix (`cap_sys_admin` -> `SYS_ADMIN`). `CAP_ALL` stays as it is:
 * moby (`caps.NormalizeLegacyCapabilities`) takes `ALL` only without the prefix and refuses `CAP_ALL` as an
 * unknown capability, so it never drops or adds every capability. Blanks are not trimmed: moby upper-cases, adds the
 * prefix and looks the name up as given, so `"ALL "` or `" SYS_ADMIN"` is unknown and refused (capabilityRefused).
 * Neither compose (pkg/compose/create.go passes `service.CapAdd` on) nor `docker run` (cli/command/container/opts.go
 * `strslice.StrSlice(copts.capAdd.GetAll())`, a list option with no validator) trims or splits a name; only
 * `docker service create` and `docker stack deploy` trim (docker/cli opts/capabilities.go `NormalizeCapability`).
 */
export function normalizeCapability(name: string): string {
  const upper = name.toUpperCase();
  return upper.startsWith('CAP_') && upper !== 'CAP_ALL' ? upper.slice(4) : upper;
}

/**
 * Every capability a dockerd may know, normalised: Linux's 41, CHOWN (0) to CHECKPOINT_RESTORE (40, Linux 5.9). moby
 * lists those of its capability package up to the host kernel's last one (oci/caps/utils.go `capabilityList`), so
 * an older kernel's dockerd knows fewer (no PERFMON, BPF or CHECKPOINT_RESTORE before 5.8): only a name outside this
 * list is refused on every host.
 */
const KNOWN_CAPABILITIES: ReadonlySet<string> = new Set([
  'CHOWN',
  'DAC_OVERRIDE',
  'DAC_READ_SEARCH',
  'FOWNER',
  'FSETID',
  'KILL',
  'SETGID',
  'SETUID',
  'SETPCAP',
  'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE',
  'NET_BROADCAST',
  'NET_ADMIN',
  'NET_RAW',
  'IPC_LOCK',
  'IPC_OWNER',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_CHROOT',
  'SYS_PTRACE',
  'SYS_PACCT',
  'SYS_ADMIN',
  'SYS_BOOT',
  'SYS_NICE',
  'SYS_RESOURCE',
  'SYS_TIME',
  'SYS_TTY_CONFIG',
  'MKNOD',
  'LEASE',
  'AUDIT_WRITE',
  'AUDIT_CONTROL',
  'SETFCAP',
  'MAC_OVERRIDE',
  'MAC_ADMIN',
  'SYSLOG',
  'WAKE_ALARM',
  'BLOCK_SUSPEND',
  'AUDIT_READ',
  'PERFMON',
  'BPF',
  'CHECKPOINT_RESTORE',
]);

/**
 * Why dockerd refuses a capability name (normalised by normalizeCapability), or undefined when it may take it: `ALL`
 * or a name of KNOWN_CAPABILITIES. dockerd refuses any other when it creates the container (moby
 * NormalizeLegacyCapabilities: "unknown capability"), `CAP_ALL` included. The reason does not repeat the name: the
 * message that gives it quotes the name once, as written, through quoteValue (masked, and cut after 100 characters
 * with its length: a name of 1.2 million characters is not printed whole).
 */
export function capabilityRefused(normalised: string): string | undefined {
  if (normalised === 'ALL' || KNOWN_CAPABILITIES.has(normalised)) return undefined;
  return 'unknown capability (dockerd refuses the container)';
}
