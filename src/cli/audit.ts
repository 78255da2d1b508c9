import type { Command } from 'commander';
import { registerAuditEngine } from './audit-engine.js';
import { registerAuditHost } from './audit-host.js';

/**
 * `bulwark audit`: checks a machine and a running engine (as opposed to `scan`, which reads files).
 * `audit host` (the machine Docker runs on: files under --root) and `audit engine` (a live Docker Engine)
 * are registered by their own files; `audit` alone runs every part.
 */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('Audit the Docker host and a running Docker Engine.');
  registerAuditHost(audit);
  registerAuditEngine(audit);
}
