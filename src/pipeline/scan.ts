import { compareFindings, defaultSettings, type Finding, type SettingsLookup } from '../check/index.js';
import type { Diagnostic } from '../model/index.js';
import { type FileReader, realFs } from '../sources/fs.js';
import { walk } from '../sources/walk.js';
import { composeHandler } from './compose.js';
import { daemonHandler } from './daemon.js';
import { dockerfileHandler } from './dockerfile.js';
import { runHandler } from './run.js';
import type { ScanContext, SourceHandler, SourceOutput } from './types.js';

/** Every source handler `bulwark scan` runs, in order. */
export const HANDLERS: SourceHandler[] = [composeHandler, dockerfileHandler, runHandler, daemonHandler];

/** Options of one scan. */
export interface ScanOptions {
  /** Files and folders as the user gave them. */
  paths: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  settings?: SettingsLookup;
  /** Paths (absolute) to leave out. */
  ignore?: (absolute: string) => boolean;
  fs?: FileReader;
  handlers?: readonly SourceHandler[];
}

/** The result of a scan: findings sorted and de-duplicated, input problems, and counts. */
export interface ScanResult {
  findings: Finding[];
  diagnostics: Diagnostic[];
  stats: { files: number; subjects: number; bySource: Record<string, { files: number; subjects: number }> };
}

/**
 * Scans files and folders with every source handler. Never throws for bad input: unreadable paths and
 * unparsable files become diagnostics and the rest is still scanned.
 */
export function scanPaths(opts: ScanOptions): ScanResult {
  const p = plan(opts);
  return assemble(
    p,
    p.jobs.map((j) => j.h.scan(j.mine, p.explicit, p.ctx)),
  );
}

/** Like scanPaths, but awaits the handlers that scan asynchronously (`scanAsync`, e.g. run lines). */
export async function scanPathsAsync(opts: ScanOptions): Promise<ScanResult> {
  const p = plan(opts);
  const outputs = await Promise.all(p.jobs.map((j) => (j.h.scanAsync ? j.h.scanAsync(j.mine, p.explicit, p.ctx) : j.h.scan(j.mine, p.explicit, p.ctx))));
  return assemble(p, outputs);
}

/** What to scan: the walked files each handler claims. */
interface Plan {
  ctx: ScanContext;
  explicit: Set<string>;
  diagnostics: Diagnostic[];
  jobs: { h: SourceHandler; mine: string[] }[];
}

function plan(opts: ScanOptions): Plan {
  const fs = opts.fs ?? realFs(opts.cwd);
  const ctx = { fs, env: opts.env, settings: opts.settings ?? defaultSettings };
  const { files, missing } = walk(opts.paths, opts.cwd, opts.ignore);
  const diagnostics: Diagnostic[] = missing.map((m) => ({ code: 'unreadable', severity: 'error', message: `${m.reason}: ${m.path}`, at: { source: m.path } }));
  const explicit = new Set<string>();
  for (const p of opts.paths) {
    const abs = files.find((f) => f === p || f.endsWith(`/${p.replace(/^\.\//, '')}`));
    if (abs) explicit.add(abs);
  }
  const jobs: Plan['jobs'] = [];
  for (const h of opts.handlers ?? HANDLERS) {
    const mine = files.filter((f) => h.matches(f, explicit.has(f)));
    if (mine.length > 0) jobs.push({ h, mine });
  }
  return { ctx, explicit, diagnostics, jobs };
}

function assemble(p: Plan, outputs: SourceOutput[]): ScanResult {
  const findings: Finding[] = [];
  const diagnostics = [...p.diagnostics];
  const stats: ScanResult['stats'] = { files: 0, subjects: 0, bySource: {} };
  p.jobs.forEach((j, i) => {
    const out = outputs[i] as SourceOutput;
    // A loop, not push(...xs): a spread of 100k+ findings overflows the call stack.
    for (const f of out.findings) findings.push(f);
    for (const d of out.diagnostics) diagnostics.push(d);
    stats.files += out.files;
    stats.subjects += out.subjects;
    stats.bySource[j.h.name] = { files: out.files, subjects: out.subjects };
  });
  return { findings: dedupe(findings).sort(compareFindings), diagnostics: dedupeDiagnostics(diagnostics), stats };
}

/** The same finding reached through two projects (a main file and a variant) is reported once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.fingerprint}:${f.location.line}:${f.location.column}:${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function dedupeDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.at.source}:${d.at.line}:${d.at.column}:${d.code}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
