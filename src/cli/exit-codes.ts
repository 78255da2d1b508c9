/**
 * Exit codes (DESIGN.md "Findings and output"): the same for every command.
 * - 0: nothing at or above the fail threshold
 * - 1: findings at or above the threshold
 * - 2: usage, configuration or input errors (a file that does not parse; the rest is still scanned)
 * - 3: internal error (a bug in Bulwark)
 */
export const EXIT = { clean: 0, findings: 1, input: 2, internal: 3 } as const;
