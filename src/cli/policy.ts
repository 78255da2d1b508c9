import { lstatSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { applyBaseline, applySuppressions, baselineOf, compareFindings, type Finding, type SettingsLookup, type SuppressedFinding } from '../check/index.js';
import {
  type Baseline,
  type BulwarkConfig,
  findConfigFile,
  ignoreMatcher,
  type PathInfo,
  parseBaseline,
  parseConfig,
  renderBaseline,
  settingsFromConfig,
} from '../config/index.js';
import type { Diagnostic } from '../model/index.js';
import type { ScanResult } from '../pipeline/scan.js';
import { allRuleMetas, type RuleMeta, type Severity } from '../rules/index.js';
import { readProblem } from '../sources/fs.js';
import { UsageError, writeFileOrFail } from './output.js';
import type { PlannedWrite } from './overwrite.js';

/** The policy flags of `scan` (configuration, baseline). */
export interface PolicyFlags {
  /** `--config FILE`; `false` with `--no-config`. */
  config?: string | false;
  baseline?: string;
  writeBaseline?: string;
}

/** The policy in force for one command: from `.bulwark.yaml` and the flags. */
export interface Policy {
  config?: BulwarkConfig;
  /** The configuration file read (found upward or named with --config), absolute; set even when it has errors. */
  configFile?: string;
  /** The configuration in force, for reports (ReportInput.config): set when the file was read without errors. */
  configUsed?: { file: string; found: boolean };
  /** Config file problems (exit 2). */
  diagnostics: Diagnostic[];
  settings: SettingsLookup;
  ignore: (absolute: string) => boolean;
  failOn?: Severity | 'none';
  /** The rules that will run (enabled by the configuration). */
  rules: RuleMeta[];
  baselineFile?: string;
  writeBaselineFile?: string;
}

/**
 * Why a policy file (--config, the baseline) cannot be read, or undefined when it is a regular file: `file not found`
 * when nothing is there (or a link leads nowhere), else readProblem's words for the stat error (`permission denied`
 * for a file in a folder the user cannot enter), or `not a regular file`.
 */
function fileProblem(p: string): string | undefined {
  try {
    return statSync(p).isFile() ? undefined : 'not a regular file';
  } catch (e) {
    return readProblem(e);
  }
}
/** What the configuration search needs to know about a path (following links). */
function pathInfo(p: string): PathInfo | undefined {
  try {
    const st = statSync(p);
    return { kind: st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other', uid: st.uid, mode: st.mode & 0o7777 };
  } catch {
    // A symbolic link that leads nowhere (its target is gone, or a loop) is there, and is not a configuration the
    // search may step over: a parent folder's file would then apply in its place.
    try {
      const link = lstatSync(p);
      return link.isSymbolicLink() ? { kind: 'broken-link', uid: link.uid, mode: link.mode & 0o7777 } : undefined;
    } catch {
      return undefined;
    }
  }
}

/** Shows an absolute path relative to cwd when it is below it. */
function display(abs: string, cwd: string): string {
  const r = abs.startsWith(`${cwd}/`) ? abs.slice(cwd.length + 1) : abs;
  return r;
}

/**
 * Finds and reads the configuration (--config FILE, else `.bulwark.yaml` upward from the first scanned path),
 * and resolves the baseline flags. Configuration problems, a file that cannot be read included, are returned as
 * diagnostics (the command reports them and exits 2) and the defaults apply.
 * @throws UsageError when --config names a file that does not exist.
 */
export function loadPolicy(flags: PolicyFlags, paths: readonly string[], cwd: string): Policy {
  const metas = allRuleMetas();
  let file: string | undefined;
  if (typeof flags.config === 'string') {
    file = resolve(cwd, flags.config);
    const problem = fileProblem(file);
    if (problem !== undefined) throw new UsageError(`--config: ${problem === 'file not found' ? 'no such file' : problem}: ${flags.config}`);
  }
  const policy: Policy = { diagnostics: [], settings: settingsFromConfig(undefined), ignore: () => false, rules: metas };
  if (flags.config === undefined) {
    const found = findConfigFile(resolve(cwd, paths[0] ?? '.'), pathInfo, { uid: process.getuid?.(), home: homedir() });
    file = found.file;
    if (found.file !== undefined && found.shadowed !== undefined) {
      // Two files, one read: edits to the other would change nothing, in silence.
      policy.diagnostics.push({
        code: 'config',
        severity: 'warning',
        message: `configuration not used: ${display(found.file, cwd)} is read instead (one configuration per folder); merge the two files, or delete one`,
        at: { source: display(found.shadowed, cwd) },
      });
    }
    if (found.skipped) {
      const s = found.skipped;
      policy.diagnostics.push({
        code: s.error ? 'config' : 'unreadable',
        severity: s.error ? 'error' : 'warning',
        message: `configuration not used: ${s.reason}`,
        at: { source: display(s.file, cwd) },
      });
    }
  }
  if (file !== undefined) {
    policy.configFile = file;
    const source = display(file, cwd);
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      // As any configuration error: located, exit 2, and the scan still runs with the defaults.
      policy.diagnostics.push({
        code: 'unreadable',
        severity: 'error',
        message: `cannot read the configuration: ${readProblem(e)}; the scan ran with the defaults`,
        at: { source },
      });
    }
    const { config, diagnostics } = text === undefined ? { diagnostics: [] } : parseConfig(text, source, metas);
    policy.diagnostics.push(...diagnostics);
    if (config) {
      policy.config = config;
      policy.configUsed = { file: source, found: flags.config === undefined };
      policy.settings = settingsFromConfig(config);
      policy.ignore = ignoreMatcher(config.ignore, dirname(file));
      if (config.failOn !== undefined) policy.failOn = config.failOn;
      policy.rules = metas.filter((m) => policy.settings(m).enabled);
      if (config.baseline !== undefined) policy.baselineFile = resolve(dirname(file), config.baseline);
    }
  }
  if (flags.baseline !== undefined) policy.baselineFile = resolve(cwd, flags.baseline);
  if (flags.writeBaseline !== undefined) policy.writeBaselineFile = resolve(cwd, flags.writeBaseline);
  const baselineProblem = policy.baselineFile !== undefined && policy.writeBaselineFile === undefined ? fileProblem(policy.baselineFile) : undefined;
  if (policy.baselineFile !== undefined && baselineProblem !== undefined) {
    const shown = display(policy.baselineFile, cwd);
    const missing = baselineProblem === 'file not found';
    const problem = `${baselineProblem}: ${shown}`;
    if (flags.baseline !== undefined || !policy.config) {
      // Only a missing baseline is one --write-baseline creates; one that is there but cannot be read is not.
      if (!missing) throw new UsageError(`baseline: ${problem}`);
      throw new UsageError(`baseline ${problem} (create it with --write-baseline)`);
    }
    // From `baseline:` in the configuration: a mistake in that file, located there, as its other mistakes are
    // (exit 2, and the scan still runs and reports every finding), not a stop without a report.
    policy.diagnostics.push({
      code: 'config',
      severity: 'error',
      message: `baseline ${problem} (create it with --write-baseline ${shown}, or remove \`baseline:\`); no finding is hidden by a baseline`,
      at: policy.config.baselineAt ?? { source: policy.configUsed?.file ?? shown },
    });
    delete policy.baselineFile;
  }
  return policy;
}

/**
 * The files the policy makes a command write, and the policy files it reads, for refuseOverwrites: `--output`
 * (from `output`), `--write-baseline`; the configuration and the baseline that will be read.
 */
export function policyFiles(policy: Policy, output: string | undefined, cwd: string): { writes: PlannedWrite[]; reads: string[] } {
  const writes: PlannedWrite[] = [];
  if (output !== undefined) writes.push({ flag: '--output', file: output });
  if (policy.writeBaselineFile !== undefined) writes.push({ flag: '--write-baseline', file: display(policy.writeBaselineFile, cwd) });
  const reads: string[] = [];
  if (policy.configFile !== undefined) reads.push(display(policy.configFile, cwd));
  if (policy.baselineFile !== undefined && policy.writeBaselineFile === undefined) reads.push(display(policy.baselineFile, cwd));
  return { writes, reads };
}

/**
 * The enabled rules that apply to the source kinds a scan read (`compose`, `dockerfile`, `daemon-json`...: see
 * SourceHandler.kinds), plus Bulwark's own BW9xxx rules: what dashboards count as passed or failed.
 */
export function rulesRun(policy: Policy, kinds: readonly string[]): RuleMeta[] {
  // With nothing checked, Bulwark's own rules checked nothing either: no checklist row claims a check.
  if (kinds.length === 0) return [];
  return policy.rules.filter((m) => m.scope === 'bulwark' || m.appliesTo.some((k) => kinds.includes(k)));
}

/**
 * The line `--write-baseline` prints on standard error: `bulwark: wrote 1 finding to b.json`, `wrote 72 findings`,
 * with a newline.
 */
export function wroteBaselineLine(w: { file: string; count: number }): string {
  return `bulwark: wrote ${w.count} ${w.count === 1 ? 'finding' : 'findings'} to ${w.file}\n`;
}

/** Findings after inline suppressions and the baseline. */
export interface PolicyOutcome {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  diagnostics: Diagnostic[];
  /** Set when --write-baseline wrote a file: how many findings it holds. */
  wroteBaseline?: { file: string; count: number };
}

/**
 * Applies inline suppressions, then writes (--write-baseline) or applies (--baseline) the baseline. Writing a
 * baseline accepts every current finding, so that run then passes. The comments come from `scanned` for the files
 * a scan read (every file a source handler claimed is searched, so a stale comment in a clean file is found); a
 * file a finding points at that the scan did not read is read here.
 */
export function applyPolicy(
  policy: Policy,
  findings: readonly Finding[],
  cwd: string,
  scanned: Pick<ScanResult, 'claimed' | 'suppressions'> = { claimed: [], suppressions: {} },
): PolicyOutcome {
  const readText = (source: string): string | undefined => {
    const abs = resolve(cwd, source);
    return fileProblem(abs) === undefined ? readFileSync(abs, 'utf8') : undefined;
  };
  const inline = applySuppressions(findings, readText, allRuleMetas(), policy.settings, scanned.claimed, scanned.suppressions);
  const out: PolicyOutcome = { findings: inline.findings.sort(compareFindings), suppressed: inline.suppressed, diagnostics: [] };
  if (policy.writeBaselineFile !== undefined) {
    const b = baselineOf(out.findings, { cwd, dir: dirname(policy.writeBaselineFile) });
    writeFileOrFail(policy.writeBaselineFile, renderBaseline(b), 'the baseline');
    out.wroteBaseline = { file: display(policy.writeBaselineFile, cwd), count: b.findings.length };
    const applied = applyBaseline(out.findings, b, out.wroteBaseline.file, { cwd, dir: dirname(policy.writeBaselineFile) });
    out.findings = applied.findings;
    out.suppressed.push(...applied.suppressed);
  } else if (policy.baselineFile !== undefined) {
    const source = display(policy.baselineFile, cwd);
    let text = '';
    try {
      text = readFileSync(policy.baselineFile, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read the baseline ${source}: ${readProblem(e)}`);
    }
    const parsed = parseBaseline(text, source);
    out.diagnostics.push(...parsed.diagnostics);
    const baseline: Baseline | undefined = parsed.baseline;
    if (baseline) {
      const applied = applyBaseline(out.findings, baseline, source, { cwd, dir: dirname(policy.baselineFile) });
      out.findings = applied.findings;
      out.suppressed.push(...applied.suppressed);
    }
  }
  return out;
}

/**
 * Adds the policy options (configuration file, baseline) to a command. `--config FILE` and `--no-config` set one
 * value, so the last would win in silence: given together they are a usage error.
 * @throws UsageError (while the command line is parsed) for `--config` with `--no-config`
 */
export function withPolicyOptions<
  T extends { option: (flags: string, description: string, defaultValue?: string) => T; on: (event: string, listener: () => void) => unknown },
>(cmd: T): T {
  const seen = new Set<string>();
  const conflict = (flag: string) => () => {
    seen.add(flag);
    if (seen.size === 2) throw new UsageError('--config and --no-config contradict each other: give one of them');
  };
  cmd.on('option:config', conflict('--config'));
  cmd.on('option:no-config', conflict('--no-config'));
  return cmd
    .option('-c, --config <file>', 'configuration file (default: .bulwark.yaml found upward from the first path)')
    .option('--no-config', 'ignore any .bulwark.yaml')
    .option('--baseline <file>', 'hide the findings recorded in this baseline file; fail only on new ones')
    .option('--write-baseline <file>', 'record every current finding in this baseline file (this run then passes)');
}
