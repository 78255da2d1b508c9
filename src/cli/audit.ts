import type { Command } from 'commander';
import { type EngineFlags, engineCommandResult, engineSummaryText, registerAuditEngine, runEngineAudit, withEngineOptions } from './audit-engine.js';
import { registerAuditHost } from './audit-host.js';
import { checkOutputFlags, withOutputOptions, writeReport } from './report-output.js';

/**
 * `bulwark audit`: checks a machine and a running engine (as opposed to `scan`, which reads files).
 * `audit host` (the machine Docker runs on: files under --root) and `audit engine` (a live Docker Engine)
 * are registered by their own files; `audit` alone runs every part that is available, with one report,
 * one fail threshold and one exit code. The host part joins here once it exports a runner.
 */
export function registerAudit(program: Command): void {
  const audit = withOutputOptions(
    withEngineOptions(program.command('audit').description('Audit the Docker host and a running Docker Engine (alone: every part).')),
  ).action(async (flags: EngineFlags) => {
    checkOutputFlags(flags);
    const r = await runEngineAudit(flags);
    if (!r) return;
    writeReport(engineCommandResult(r), flags);
    if ((flags.format ?? 'text') === 'text' && flags.output === undefined && flags.quiet !== true) process.stdout.write(engineSummaryText(r));
  });
  registerAuditHost(audit);
  registerAuditEngine(audit);
}
