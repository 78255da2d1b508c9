import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { knownValue } from '../model/index.js';
import { auditHost } from '../pipeline/audit-host.js';
import { auditPolicy, withPolicy } from './audit-engine.js';
import { UsageError } from './output.js';
import { type PolicyFlags, withPolicyOptions } from './policy.js';
import { checkOutputFlags, type OutputFlags, withOutputOptions, writeReport } from './report-output.js';

interface AuditHostFlags extends OutputFlags, PolicyFlags {
  root: string;
  configFile?: string;
}

/**
 * The `audit` group has the same output options as `audit host`, and commander gives an option written after
 * `host` to the group when both define it. Takes every option the user set on the group over this command's defaults.
 */
function withParentFlags(local: AuditHostFlags, cmd: Command): AuditHostFlags {
  const parent = cmd.parent;
  if (!parent) return local;
  const merged: Record<string, unknown> = { ...local };
  for (const [k, v] of Object.entries(parent.opts())) {
    const src = parent.getOptionValueSource(k);
    if ((src === 'cli' || src === 'env') && cmd.getOptionValueSource(k) !== 'cli') merged[k] = v;
  }
  return merged as unknown as AuditHostFlags;
}

/** Registers `bulwark audit host`: the machine Docker runs on, read below --root (seed §2, §3, §4, §9, §10; CIS sections 1-3). */
export function registerAuditHost(audit: Command): void {
  withPolicyOptions(
    withOutputOptions(
      audit
        .command('host')
        .description(
          'Audit the Docker host: dockerd configuration (daemon.json, systemd unit and drop-ins), Docker file permissions, docker group, sudoers, audit rules, data root, time sync, firewall, sshd.',
        )
        .option('--root <dir>', 'read the host below this folder (a mounted image or a copy of its files)', '/')
        .option(
          '--config-file <path>',
          'daemon.json path on the audited host (as dockerd --config-file); default: from the unit, else /etc/docker/daemon.json',
        ),
    ),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ sudo bulwark audit host                     audit this machine
  $ bulwark audit host --root /mnt/image        audit a mounted disk image (no commands are run)
  $ bulwark audit host --format json --fail-on critical
  $ bulwark audit host --write-baseline host.baseline.json   accept today's findings once...
  $ bulwark audit host --baseline host.baseline.json         ...then fail only on new ones

Every file is read below --root. On / only, Bulwark also runs these read-only queries when they are
installed: auditctl -l, iptables -S INPUT, nft list ruleset; a missing one is reported as unknown.
Files that cannot be read are reported as unknown, never guessed. Run as root to read everything.

Policy: .bulwark.yaml (found upward from the working folder, or -c/--config; --config-file is daemon.json)
switches rules off and sets severities and fail-on; see docs/configuration.md.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input errors (for example a
daemon.json that dockerd would refuse), 3 internal error.`,
    )
    .action((local: AuditHostFlags, cmd: Command) => {
      const flags = withParentFlags(local, cmd);
      checkOutputFlags(flags);
      const root = resolve(flags.root);
      let isDir = false;
      try {
        isDir = statSync(root).isDirectory();
      } catch {
        isDir = false;
      }
      if (!isDir) throw new UsageError(`--root must be a folder; got "${flags.root}"`);
      if (flags.configFile !== undefined && !flags.configFile.startsWith('/'))
        throw new UsageError(`--config-file is a path on the audited host and must be absolute; got "${flags.configFile}"`);
      const policy = auditPolicy(flags);
      const r = auditHost({ root, settings: policy.settings, ...(flags.configFile !== undefined ? { configFile: flags.configFile } : {}) });
      if (flags.format === 'text' && !flags.quiet && flags.output === undefined) {
        const kernel = knownValue(r.host.kernel);
        const ran = r.host.commands.filter((c) => c.ran).map((c) => c.command);
        process.stderr.write(`Host: ${root}${kernel ? `, kernel ${kernel}` : ''}; queries run: ${ran.length > 0 ? ran.join(', ') : 'none'}\n`);
      }
      writeReport(
        withPolicy(
          policy,
          { findings: r.findings, diagnostics: r.diagnostics, files: r.files, subjects: r.checks, subjectWord: 'rules', rules: r.rules },
          flags.output,
          r.read,
        ),
        flags,
      );
    });
}
