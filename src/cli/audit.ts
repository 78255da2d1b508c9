import type { Command } from 'commander';
import { compareFindings } from '../check/index.js';
import type { Diagnostic } from '../model/index.js';
import { compareText } from '../model/index.js';
import type { EngineAuditResult } from '../pipeline/audit-engine.js';
import { auditHost } from '../pipeline/audit-host.js';
import { resolveEndpoint } from '../sources/engine/endpoint.js';
import { EngineError } from '../sources/engine/errors.js';
import {
  auditPolicy,
  type EngineFlags,
  engineCommandResult,
  engineOptions,
  engineSummaryText,
  registerAuditEngine,
  reportEngineError,
  withEngineOptions,
  withPolicy,
} from './audit-engine.js';
import { registerAuditHost } from './audit-host.js';
import { UsageError } from './output.js';
import { withPolicyOptions } from './policy.js';
import { checkOutputFlags, withOutputOptions, writeReport } from './report-output.js';

/** The parts `bulwark audit` can run. */
const PARTS = ['host', 'daemon', 'engine'] as const;
type Part = (typeof PARTS)[number];

interface AuditFlags extends EngineFlags {
  parts: string;
}

/** Parses `--parts host,engine`. @throws UsageError */
export function parseParts(text: string): Set<Part> {
  const out = new Set<Part>();
  for (const p of text.split(',').map((s) => s.trim().toLowerCase())) {
    if (!(PARTS as readonly string[]).includes(p)) throw new UsageError(`--parts takes a comma list of ${PARTS.join(', ')}; got "${p}"`);
    out.add(p as Part);
  }
  return out;
}

/**
 * `bulwark audit`: checks a machine and a running engine (as opposed to `scan`, which reads files).
 * `audit host` (the machine Docker runs on: files under --root) and `audit engine` (a live Docker Engine)
 * are registered by their own files. `audit` alone runs both parts into one report, with one fail threshold
 * and one exit code: the host below `/` (host files), the daemon (daemon.json and the systemd unit), then the
 * engine's containers and images. The daemon rules run once: on the host's configuration files, which say
 * more than `docker info`, when the engine is local (a unix socket); on `docker info` for a remote engine.
 * `--parts host,daemon,engine` selects parts.
 */
export function registerAudit(program: Command): void {
  const audit = withPolicyOptions(
    withOutputOptions(
      withEngineOptions(program.command('audit').description('Audit the Docker host and a running Docker Engine (alone: every part into one report).')).option(
        '--parts <list>',
        `parts to run, comma-separated: ${PARTS.join(', ')}`,
        PARTS.join(','),
      ),
    ),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ sudo bulwark audit                            this machine (below /) and its local engine, one report
  $ bulwark audit -H ssh://ops@db1                a remote engine, its daemon from docker info (no host part)
  $ sudo bulwark audit --parts host,daemon        the host and dockerd's configuration, no engine
  $ bulwark audit --format sarif -o audit.sarif --fail-on critical

The host part of \`bulwark audit\` always reads this machine (below /). To audit another host's files (a
mounted disk image, a copy), use the host command, which takes --root:
  $ bulwark audit host --root /mnt/image          see \`bulwark audit host --help\`
  $ bulwark audit engine --help                   the engine part alone, with its own examples

The daemon rules run once: on daemon.json and the systemd unit when the engine is local, on \`docker info\`
when it is remote. Policy: .bulwark.yaml (found upward from the working folder, or --config) switches rules
off and sets fail-on; --baseline makes CI fail only on new findings (fingerprints use container names, not ids).

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input errors (an unreachable engine
included), 3 internal error.`,
    )
    .action(async (flags: AuditFlags) => {
      checkOutputFlags(flags);
      const policy = auditPolicy(flags);
      const parts = parseParts(flags.parts);
      if (flags.containersOnly) {
        parts.delete('host');
        parts.delete('daemon');
      }
      let local: boolean;
      try {
        local =
          resolveEndpoint({ ...(flags.host ? { host: flags.host } : {}), ...(flags.context ? { context: flags.context } : {}), env: process.env }).kind ===
          'unix';
      } catch (e) {
        if (!(e instanceof EngineError)) throw e;
        reportEngineError(e);
        return;
      }
      // The daemon part reads daemon.json and the systemd unit through `audit host` when the engine is local,
      // else it is what `docker info` answers, inside the engine part.
      const hostRun = (parts.has('host') || parts.has('daemon')) && local ? auditHost({ root: '/', settings: policy.settings }) : undefined;
      const wanted = (scope: string) => (scope === 'daemon' ? parts.has('daemon') : parts.has('host'));
      const host = hostRun && {
        ...hostRun,
        findings: hostRun.findings.filter((f) => wanted(f.scope)),
        rules: hostRun.rules.filter((m) => wanted(m.scope)),
      };
      let engine: EngineAuditResult | undefined;
      const engineProblems: Diagnostic[] = [];
      if (parts.has('engine')) {
        try {
          engine = await (await import('../pipeline/audit-engine.js')).auditEngine({
            ...engineOptions(flags),
            settings: policy.settings,
            daemon: parts.has('daemon') && !hostRun,
          });
        } catch (e) {
          if (!(e instanceof EngineError)) throw e;
          if (!hostRun) {
            reportEngineError(e);
            return;
          }
          // The host part is still reported; the unreachable engine is an input error (exit 2), as a file that does not parse.
          engineProblems.push({
            code: 'unreadable',
            severity: 'error',
            message: `engine part not audited: ${e.message}${e.hint ? ` (${e.hint})` : ''}`,
            at: { source: 'engine' },
          });
        }
      }
      const findings = [...(host?.findings ?? []), ...(engine?.findings ?? [])].sort(compareFindings);
      const rules = [...(host?.rules ?? []), ...(engine?.rules ?? [])];
      const base = engine ? engineCommandResult(engine) : { findings: [], diagnostics: [], files: 0, subjects: 0, subjectWord: 'containers', rules: [] };
      writeReport(
        withPolicy(
          policy,
          {
            ...base,
            findings,
            diagnostics: [...(host?.diagnostics ?? []), ...base.diagnostics, ...engineProblems],
            files: host?.files ?? 0,
            subjects: (engine?.containers ?? 0) + (host?.rules.length ?? 0),
            subjectWord: host && engine ? 'subjects (containers and host checks)' : host ? 'host checks' : 'containers',
            rules: [...new Map(rules.map((r) => [r.id, r])).values()].sort((a, b) => compareText(a.id, b.id)),
          },
          flags.output,
          hostRun?.read,
        ),
        flags,
      );
      if (engine && (flags.format ?? 'text') === 'text' && flags.output === undefined && flags.quiet !== true) process.stdout.write(engineSummaryText(engine));
    });
  registerAuditHost(audit);
  registerAuditEngine(audit);
}
