import { compareFindings, defaultSettings, type Finding, runRules, type SettingsLookup } from '../check/index.js';
import type { DaemonSpec, Diagnostic, HostSpec } from '../model/index.js';
import { compareText } from '../model/index.js';
import { DAEMON_RULES, HOST_RULES, type RuleMeta } from '../rules/index.js';
import { type CommandRunner, loadHost, type RootFs, realCommandRunner, realRootFs, resolveUnderRoot } from '../sources/host/index.js';

/** Options of one `audit host` run. */
export interface AuditHostOptions {
  /** Folder the host is read from: `/` (the live machine), a mounted image, a fixture tree. */
  root: string;
  /** daemon.json path on the audited host (dockerd's --config-file). */
  configFile?: string;
  settings?: SettingsLookup;
  /** Runs the optional query commands; default: the real runner when `root` is `/`, none otherwise. */
  run?: CommandRunner | null;
  /** Reads the host; default: the real filesystem below `root`. */
  fs?: RootFs;
  /** Base for relative paths shown in findings when root is not `/`. */
  cwd?: string;
}

/** The result of `audit host`: findings, input problems, what was checked, and the host as read. */
export interface AuditHostResult {
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** Host files read or examined. */
  files: number;
  /** The host files read, as paths on the machine running Bulwark (below the root folder). */
  read: string[];
  /** Rules run (each rule is one check over the host). */
  checks: number;
  rules: RuleMeta[];
  host: HostSpec;
}

/** Describes the daemon for messages. */
function daemonTarget(d: DaemonSpec): string {
  return `dockerd (${d.name})`;
}

/**
 * Audits a Docker host below one root folder: reads it (sources/host), runs the daemon rules on its dockerd
 * configuration (unless daemon.json cannot be read) and the host rules on the rest. Never throws for host
 * problems: unreadable files are unknown findings or diagnostics.
 */
export function auditHost(opts: AuditHostOptions): AuditHostResult {
  const { fs, read } = recordReads(opts.fs ?? realRootFs(opts.root, opts.cwd ?? process.cwd()));
  const run = opts.run === null ? undefined : (opts.run ?? (opts.root === '/' ? realCommandRunner : undefined));
  const load = loadHost(fs, { ...(opts.configFile !== undefined ? { configFile: opts.configFile } : {}), ...(run ? { run } : {}) });
  const settings = opts.settings ?? defaultSettings;
  const findings: Finding[] = [];
  const rules: RuleMeta[] = HOST_RULES.map((r) => r.meta);
  if (load.daemon.known) {
    findings.push(...runRules(DAEMON_RULES, load.spec.daemon, load.spec.daemon.name, daemonTarget(load.spec.daemon), settings));
    rules.push(...DAEMON_RULES.filter((r) => r.meta.id !== 'BW4016' || load.daemon.service !== undefined).map((r) => r.meta));
  }
  findings.push(...runRules(HOST_RULES, load.spec, load.spec.name, load.spec.name, settings));
  rules.sort((a, b) => compareText(a.id, b.id));
  return {
    findings: findings.sort(compareFindings),
    diagnostics: load.diagnostics,
    files: load.files,
    read: read(),
    checks: rules.length,
    rules,
    host: load.spec,
  };
}

/** Wraps a RootFs to note the files read (so that a report is never written over one), as local paths. */
function recordReads(inner: RootFs): { fs: RootFs; read: () => string[] } {
  const read = new Set<string>();
  const fs: RootFs = {
    root: inner.root,
    read(path) {
      const r = inner.read(path);
      if (r.kind !== 'missing') read.add(resolveUnderRoot(inner.root, path));
      return r;
    },
    list: (path) => inner.list(path),
    stat: (path) => inner.stat(path),
    usage: (path) => inner.usage(path),
    display: (path) => inner.display(path),
  };
  return { fs, read: () => [...read].sort() };
}
