import type { Command } from 'commander';

/** Registers `bulwark audit engine` (issue: live audit through the Engine API). Placeholder until that source lands. */
export function registerAuditEngine(_audit: Command): void {}
