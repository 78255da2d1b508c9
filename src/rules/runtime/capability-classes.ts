/**
 * How dangerous an added capability is (seed §5.2: only NET_BIND_SERVICE by default; CHOWN and
 * DAC_OVERRIDE when strictly needed; never SYS_ADMIN). The three cap-add rules share this table.
 */
export type CapabilityClass = 'allowed' | 'low' | 'other' | 'dangerous';

/**
 * Capabilities that amount to host root or a known escape: ALL; SYS_ADMIN (mount, cgroups release_agent);
 * SYS_MODULE (kernel modules); SYS_PTRACE (other processes' memory); NET_ADMIN (host-visible network
 * changes); DAC_READ_SEARCH (the "shocker" open_by_handle_at escape); SYS_RAWIO (raw I/O ports and memory);
 * BPF (kernel programs).
 */
export const DANGEROUS_CAPABILITIES: ReadonlySet<string> = new Set([
  'ALL',
  'SYS_ADMIN',
  'SYS_MODULE',
  'SYS_PTRACE',
  'NET_ADMIN',
  'DAC_READ_SEARCH',
  'SYS_RAWIO',
  'BPF',
]);

/** File-ownership capabilities the seed tolerates when strictly needed. */
export const LOW_CAPABILITIES: ReadonlySet<string> = new Set(['CHOWN', 'DAC_OVERRIDE', 'SETUID', 'SETGID']);

/** Classifies a normalised capability name; `allowed` lists the ones a policy accepts (default NET_BIND_SERVICE). */
export function classifyCapability(cap: string, allowed: readonly string[]): CapabilityClass {
  if (DANGEROUS_CAPABILITIES.has(cap)) return 'dangerous';
  if (allowed.includes(cap)) return 'allowed';
  if (LOW_CAPABILITIES.has(cap)) return 'low';
  return 'other';
}

/** The `allowed` option shared by the three rules, read from rule options. */
export function allowedCapabilities(options: Readonly<Record<string, unknown>>): readonly string[] {
  const a = options.allowed;
  return Array.isArray(a) ? a.map((x) => String(x).toUpperCase().replace(/^CAP_/, '')) : ['NET_BIND_SERVICE'];
}

/** Option metadata shared by the three rules. */
export const ALLOWED_OPTION = {
  allowed: { description: 'Capabilities accepted in cap_add without a finding (normalised names).', default: ['NET_BIND_SERVICE'] },
};
