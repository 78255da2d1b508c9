import type { Command } from 'commander';
import { compareText } from '../model/index.js';
import type { EngineAuditOptions, EngineAuditResult } from '../pipeline/audit-engine.js';
import { resolveEndpoint } from '../sources/engine/endpoint.js';
import { EngineError } from '../sources/engine/errors.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './output.js';
import { refuseOverwrites } from './overwrite.js';
import { applyPolicy, loadPolicy, type Policy, type PolicyFlags, policyFiles, withPolicyOptions, wroteBaselineLine } from './policy.js';
import { progressLine } from './progress.js';
import { type CommandResult, checkOutputFlags, type OutputFlags, withOutputOptions, writeReport } from './report-output.js';

/** Flags of `bulwark audit engine` (and of `bulwark audit`, which passes them on). */
export interface EngineFlags extends OutputFlags, PolicyFlags {
  host?: string;
  context?: string;
  all?: boolean;
  filter?: string[];
  containersOnly?: boolean;
  concurrency?: string;
}

/** Containers above which a progress line is drawn (on a TTY only). */
const PROGRESS_THRESHOLD = 50;

/** Parses repeated `--filter key=value` into the engine's filter map. @throws UsageError */
export function parseFilters(list: readonly string[] = []): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of list) {
    const eq = f.indexOf('=');
    if (eq <= 0) throw new UsageError(`--filter must be KEY=VALUE (label=env=prod, name=api, status=running); got "${f}"`);
    const key = f.slice(0, eq);
    (out[key] ??= []).push(f.slice(eq + 1));
  }
  return out;
}

/** Turns flags into audit options. @throws UsageError, EngineError (`bad-endpoint`) */
export function engineOptions(flags: EngineFlags): EngineAuditOptions {
  const conc = flags.concurrency === undefined ? 16 : Number(flags.concurrency);
  if (!Number.isInteger(conc) || conc < 1 || conc > 256) throw new UsageError(`--concurrency must be a whole number from 1 to 256; got "${flags.concurrency}"`);
  const timeout = process.env.DOCKER_CLIENT_TIMEOUT;
  const opts: EngineAuditOptions = {
    endpoint: resolveEndpoint({ ...(flags.host ? { host: flags.host } : {}), ...(flags.context ? { context: flags.context } : {}), env: process.env }),
    all: flags.all === true,
    filters: parseFilters(flags.filter),
    concurrency: conc,
    containersOnly: flags.containersOnly === true,
  };
  if (timeout && /^\d+$/.test(timeout)) opts.timeoutMs = Number(timeout) * 1000;
  const progress = progressLine('inspecting containers', PROGRESS_THRESHOLD);
  if (progress) opts.onProgress = progress;
  return opts;
}

/** Prints an engine error for users (what failed, and what to do), with exit code 2: never a stack trace. */
export function reportEngineError(e: EngineError): void {
  process.stderr.write(`bulwark: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ''}`);
  process.exitCode = EXIT.input;
}

/** The report part of an engine audit, for writeReport. */
export function engineCommandResult(r: EngineAuditResult): CommandResult {
  return { findings: r.findings, diagnostics: r.diagnostics, files: 0, subjects: r.containers, subjectWord: 'containers', rules: r.rules };
}

/** The configuration (`.bulwark.yaml` upward from the working folder, or --config) and baseline flags in force. */
export function auditPolicy(flags: EngineFlags): Policy {
  return loadPolicy(flags, ['.'], process.cwd());
}

/**
 * Applies the policy to audit results: rules the configuration disables are left out of the dashboards, and
 * --baseline / --write-baseline work on the findings' fingerprints (container name and JSON path, never line
 * numbers), so accepted live findings stay accepted while the containers keep their names. Refuses (UsageError) to
 * write the report (`output`) or the baseline over the configuration, the baseline or a host file it `read`.
 */
export function withPolicy(policy: Policy, result: CommandResult, output: string | undefined, read: readonly string[] = []): CommandResult {
  const cwd = process.cwd();
  const planned = policyFiles(policy, output, cwd);
  refuseOverwrites(planned.writes, [...planned.reads, ...read], cwd);
  const out = applyPolicy(policy, result.findings, cwd);
  if (out.wroteBaseline) process.stderr.write(wroteBaselineLine(out.wroteBaseline));
  const merged: CommandResult = {
    ...result,
    findings: out.findings,
    suppressed: out.suppressed,
    diagnostics: [...policy.diagnostics, ...result.diagnostics, ...out.diagnostics],
    rules: (result.rules ?? []).filter((m) => policy.settings(m).enabled),
  };
  if (policy.failOn !== undefined) merged.configFailOn = policy.failOn;
  if (policy.configUsed) merged.config = policy.configUsed;
  return merged;
}

/** The per-rule failure counts and engine facts shown under a text report. */
export function engineSummaryText(r: EngineAuditResult): string {
  const lines = [
    `Engine ${r.endpoint} (API ${r.apiVersion}${r.serverVersion ? `, Docker ${r.serverVersion}` : ''}): ${r.containers} containers checked${r.images > 0 ? `, ${r.images} images` : ''}${r.vanished > 0 ? `, ${r.vanished} removed while auditing` : ''}.`,
  ];
  if (r.security) {
    const s = r.security;
    const on = (b: boolean) => (b ? 'on' : 'off');
    lines.push(
      `Engine security: seccomp ${on(s.seccomp)}, AppArmor ${on(s.apparmor)}, SELinux ${on(s.selinux)}, userns ${on(s.userns)}, rootless ${on(s.rootless)}.`,
    );
  }
  const byRule = Object.entries(r.failuresByRule).sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
  if (byRule.length > 0) {
    lines.push('Failures per rule:');
    const names = new Map<string, string>(r.rules.map((m) => [m.id, m.name]));
    for (const [id, n] of byRule) lines.push(`  ${String(n).padStart(5)}  ${id} ${names.get(id) ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs the engine audit for `audit engine` and `audit`; returns undefined after reporting an engine error. */
export async function runEngineAudit(flags: EngineFlags, extra: Partial<EngineAuditOptions> = {}): Promise<EngineAuditResult | undefined> {
  try {
    return await (await import('../pipeline/audit-engine.js')).auditEngine({ ...engineOptions(flags), ...extra });
  } catch (e) {
    if (e instanceof EngineError) {
      reportEngineError(e);
      return undefined;
    }
    throw e;
  }
}

/** Adds the engine selection and listing flags to a command. */
export function withEngineOptions(cmd: Command): Command {
  return cmd
    .option(
      '-H, --host <host>',
      'engine to audit: unix:///path, tcp://host:port, ssh://user@host (default: DOCKER_HOST, the docker context, /var/run/docker.sock)',
    )
    .option('--context <name>', 'docker CLI context to audit (~/.docker/contexts)')
    .option('-a, --all', 'include stopped containers')
    .option('--filter <key=value>', 'engine filter, repeatable: label=env=prod, name=api, status=running', (v: string, prev: string[] = []) => [...prev, v])
    .option('--containers-only', 'check containers only (no image rules, no daemon rules)')
    .option('--concurrency <n>', 'API requests in flight at once (default 16)');
}

/**
 * The options of a subcommand of `audit`, which declares the same options (it runs every part): an option the
 * user wrote on the group (`bulwark audit --format json engine`) counts unless the subcommand also got it.
 * Neither commander's `opts()` (local only) nor `optsWithGlobals()` (the group's defaults win) does that.
 */
export function mergedFlags<T>(cmd: Command): T {
  const merged: Record<string, unknown> = { ...cmd.opts() };
  for (let parent = cmd.parent; parent; parent = parent.parent) {
    for (const [k, v] of Object.entries(parent.opts())) {
      const src = parent.getOptionValueSource(k);
      if ((src === 'cli' || src === 'env') && cmd.getOptionValueSource(k) !== 'cli') merged[k] = v;
    }
  }
  return merged as T;
}

/** Registers `bulwark audit engine`: a live Docker Engine through its API, read-only. */
export function registerAuditEngine(audit: Command): void {
  withPolicyOptions(
    withOutputOptions(
      withEngineOptions(audit.command('engine').description('Audit a running Docker Engine through its API: containers, images, daemon facts.')),
    ),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ bulwark audit engine                             the local engine (DOCKER_HOST or /var/run/docker.sock)
  $ bulwark audit engine --all --filter label=env=prod
  $ DOCKER_HOST=tcp://10.0.0.5:2376 DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=~/.docker/prod bulwark audit engine
  $ bulwark audit engine --context prod --format json --fail-on critical
  $ bulwark audit engine --write-baseline live.baseline.json   accept what runs today; --baseline then fails only on new findings

Only GET requests are sent: the audit never changes the engine. Every runtime rule of \`scan\` runs
on each live container, plus live-only rules (health, restarts, OOM kills, image age...).
Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage error or engine unreachable, 3 internal error.`,
    )
    .action(async (_flags: EngineFlags, cmd: Command) => {
      const flags = mergedFlags<EngineFlags>(cmd);
      checkOutputFlags(flags);
      const policy = auditPolicy(flags);
      const r = await runEngineAudit(flags, { settings: policy.settings });
      if (!r) return;
      writeReport(withPolicy(policy, engineCommandResult(r), flags.output), flags);
      if ((flags.format ?? 'text') === 'text' && flags.output === undefined && flags.quiet !== true) {
        process.stdout.write(engineSummaryText(r));
      }
    });
}
