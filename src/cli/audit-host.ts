import type { Command } from 'commander';

/** Registers `bulwark audit host` (issue: daemon and host audit). Placeholder until that source lands. */
export function registerAuditHost(_audit: Command): void {}
