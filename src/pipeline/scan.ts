import { basename, dirname, resolve } from 'node:path';
import { compareFindings, defaultSettings, type Finding, type SettingsLookup } from '../check/index.js';
import { CONFIG_FILE_NAMES } from '../config/schema.js';
import type { Diagnostic } from '../model/index.js';
import { type FileReader, realFs } from '../sources/fs.js';
import { runFileKind } from '../sources/run/index.js';
import { walk } from '../sources/walk.js';
import { composeHandler } from './compose.js';
import { daemonHandler } from './daemon.js';
import { dockerfileHandler } from './dockerfile.js';
import { mergeOutputs, type ParallelOptions, parseAheadWanted, SCAN_WORKER_ARG, scanSplit, startWorkers, workerCount } from './parallel.js';
import { startParseAhead } from './parse-ahead.js';
import { type ReadSuppressions, recordSuppressions, type SuppressionRecorder } from './read-suppressions.js';
import { runHandler } from './run.js';
import { allowOptimisationFor } from './tiering.js';
import type { ScanContext, SourceHandler, SourceOutput } from './types.js';

/** The kinds a file named on the command line can be declared as (`bulwark scan --as KIND FILE`): handler names. */
export const EXPLICIT_KINDS = ['compose', 'dockerfile'] as const;
export type ExplicitKind = (typeof EXPLICIT_KINDS)[number];

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
  /** The file `ignore` comes from (`.bulwark.yaml`), named when it left out everything in a folder given. */
  ignoreSource?: string;
  fs?: FileReader;
  handlers?: readonly SourceHandler[];
  /** Worker threads for large scans (scanPathsAsync only); without it everything runs in the calling thread. */
  parallel?: ParallelOptions;
  /**
   * `--as`: the handler (by name: `compose`, `dockerfile`) that reads every file named in `paths`, whatever its
   * name (`my-stack`, `build-spec`); files found by walking a folder are still chosen by name.
   */
  as?: ExplicitKind;
  /**
   * Set to report the configuration files met while walking that do not apply (a `.bulwark.yaml` in a subfolder:
   * one configuration applies to a whole scan). `inForce`: the configuration that applies (absolute), if any.
   */
  unusedConfigs?: { inForce?: string };
  /**
   * Files (absolute) that are not inputs whatever their name, and are left out without a word: the report that
   * `--output` is about to replace (a Markdown report would otherwise be scanned for docker run lines).
   */
  skip?: readonly string[];
  /**
   * Called as compose projects and Dockerfiles are scanned (scanPathsAsync only): files done so far and in all,
   * counting the files of handlers that `split`. The last call has done === total.
   */
  onProgress?: (done: number, total: number) => void;
}

/** The result of a scan: findings sorted and de-duplicated, input problems, and counts. */
export interface ScanResult {
  findings: Finding[];
  diagnostics: Diagnostic[];
  stats: {
    files: number;
    subjects: number;
    bySource: Record<string, { files: number; subjects: number }>;
    /** Threads that scanned: 1, 1 + the worker threads of a parallel scan, or 2 when a second thread parsed ahead. */
    threads: number;
  };
  /** The files some handler read from the paths walked, as findings name them (display paths), sorted. */
  claimed: string[];
  /** The inline suppression comments of every file the scan read, noted while it was read. */
  suppressions: ReadSuppressions;
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

/**
 * Like scanPaths, but awaits the handlers that scan asynchronously (`scanAsync`, e.g. run lines) and, with
 * `opts.parallel` and enough files, spreads the handlers that can `split` their files over worker threads.
 * The result is the same as a scan in one thread.
 */
export async function scanPathsAsync(opts: ScanOptions): Promise<ScanResult> {
  const p = plan(opts);
  allowOptimisationFor(p.jobs.flatMap((j) => j.mine));
  const splittable = p.jobs.reduce((n, j) => n + (j.h.split ? j.mine.length : 0), 0);
  const n = opts.parallel ? workerCount(splittable, opts.parallel) : 0;
  let done = 0;
  const progress = opts.onProgress;
  const onChunk = progress ? (files: number) => progress((done += files), splittable) : undefined;
  if (n === 0 || !opts.parallel) {
    const compose = p.jobs.find((j) => j.h === composeHandler);
    const ahead =
      opts.parallel && compose?.h.split && parseAheadWanted(splittable, opts.parallel)
        ? startParseAhead(opts.parallel.script, [SCAN_WORKER_ARG], compose.h.split(compose.mine, p.explicit).flat())
        : undefined;
    const q: Plan = ahead ? { ...p, ctx: { ...p.ctx, fs: ahead.reader(p.ctx.fs) } } : p;
    try {
      const outputs: SourceOutput[] = [];
      for (const j of q.jobs) {
        if (j.h.split && onChunk) outputs.push(mergeOutputs(scanInChunks(j.h, j.h.split(j.mine, q.explicit), q, onChunk)));
        else outputs.push(await (j.h.scanAsync ? j.h.scanAsync(j.mine, q.explicit, q.ctx) : j.h.scan(j.mine, q.explicit, q.ctx)));
      }
      progress?.(splittable, splittable);
      return assemble(q, outputs, ahead ? 2 : 1);
    } finally {
      await ahead?.close();
    }
  }
  const workers = startWorkers(n, opts.parallel);
  try {
    const outputs: SourceOutput[] = [];
    const claimed = new Set<string>();
    for (const j of p.jobs) {
      // What an earlier handler checked in another thread is skipped here, as one thread's context would.
      const mine = j.mine.filter((f) => !claimed.has(f));
      if (mine.length < j.mine.length) onChunk?.(j.mine.length - mine.length);
      let out: SourceOutput;
      if (j.h.split) out = mergeOutputs(await scanSplit({ h: j.h, groups: j.h.split(mine, p.explicit) }, p.explicit, p.ctx, workers, onChunk));
      else out = await (j.h.scanAsync ? j.h.scanAsync(mine, p.explicit, p.ctx) : j.h.scan(mine, p.explicit, p.ctx));
      for (const c of out.claimed ?? []) claimed.add(c.file);
      outputs.push(out);
    }
    progress?.(splittable, splittable);
    return assemble(p, outputs, 1 + workers.length);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * One thread, in about 100 chunks so that progress can be shown between them: the same result as one `scan`
 * of all the groups (that is what `split` promises; the parallel path relies on it too).
 */
function scanInChunks(h: SourceHandler, groups: string[][], p: Plan, onChunk: (files: number) => void): SourceOutput[] {
  const size = Math.max(1, Math.ceil(groups.length / 100));
  const outputs: SourceOutput[] = [];
  for (let i = 0; i < groups.length; i += size) {
    const files = groups.slice(i, i + size).flat();
    outputs.push(h.scan(files, p.explicit, p.ctx));
    onChunk(files.length);
  }
  return outputs;
}

/** What to scan: the walked files each handler claims. */
interface Plan {
  ctx: ScanContext;
  recorder: SuppressionRecorder;
  claimed: string[];
  explicit: Set<string>;
  diagnostics: Diagnostic[];
  /**
   * `alone`: a file named on the command line that only the run handler's guess claims (a name without an
   * extension, read when it starts with a shell `#!` line), scanned as a job of its own so that its output says
   * whether it was read.
   */
  jobs: { h: SourceHandler; mine: string[]; alone?: string }[];
}

function plan(opts: ScanOptions): Plan {
  const found = walk(opts.paths, opts.cwd, opts.ignore);
  const fs = opts.fs ?? realFs(opts.cwd, found.stats);
  const recorder = recordSuppressions(fs);
  const ctx = { fs: recorder.fs, env: opts.env, settings: opts.settings ?? defaultSettings };
  const { missing, skipped, excluded, folders } = found;
  const files = opts.skip && opts.skip.length > 0 ? found.files.filter((f) => !opts.skip?.includes(f)) : found.files;
  const diagnostics: Diagnostic[] = missing.map((m) => ({
    code: 'unreadable',
    severity: 'error',
    // `-` is standard input for many tools: say where standard input is read, and how to scan a file from it.
    message:
      m.path === '-' && m.reason === 'no such file or folder'
        ? 'no such file or folder: - (standard input is read by --command - for docker run lines; a compose file or Dockerfile on standard input: save it to a file and name that file, with --as compose or --as dockerfile when its name says nothing)'
        : `${m.reason}: ${m.path}`,
    at: { source: m.path },
  }));
  const explicit = new Set<string>();
  const walked = new Set(files);
  // Only a file given as such is named explicitly: a folder's name is no file's (`scan deploy` does not make
  // deploy/bin/deploy, a file of the same name below it, a file the user named).
  for (const p of opts.paths) {
    const direct = resolve(opts.cwd, p);
    if (walked.has(direct)) explicit.add(direct);
  }
  // `ignore` leaves out what walking meets; a file named on the command line is scanned anyway, and the report says
  // so, since a list of files from a script (`git diff --name-only`) would otherwise pass the ignore list by.
  if (opts.ignore) {
    for (const f of explicit)
      if (opts.ignore(f))
        diagnostics.push({
          code: 'config',
          severity: 'warning',
          message: `scanned although \`ignore\` in ${opts.ignoreSource ?? 'the configuration'} leaves it out: it was named on the command line`,
          at: { source: fs.display(f) },
        });
  }
  const handlers = opts.handlers ?? HANDLERS;
  const jobs: Plan['jobs'] = [];
  const claimed = new Set<string>();
  const as = opts.as;
  const claims = (h: SourceHandler, f: string) => (as !== undefined && explicit.has(f) ? h.name === as : h.matches(f, explicit.has(f)));
  for (const h of handlers) {
    const mine = files.filter((f) => claims(h, f));
    for (const f of mine) claimed.add(f);
    // Files named on the command line that only the run handler's guess claims: a job each (see Plan.jobs).
    const guessed =
      h === runHandler ? mine.filter((f) => explicit.has(f) && runFileKind(f) === undefined && !handlers.some((o) => o !== h && claims(o, f))) : [];
    const rest = guessed.length > 0 ? mine.filter((f) => !guessed.includes(f)) : mine;
    if (rest.length > 0) jobs.push({ h, mine: rest });
    for (const f of guessed) jobs.push({ h, mine: [f], alone: f });
  }
  for (const s of skipped) {
    if (s.kind === 'folder') {
      // A folder named on the command line that cannot be listed is an error: nothing that was asked for was seen.
      // One met while walking is a warning: compose projects often hold a database's data folder that the
      // container's user owns (postgres: uid 999, mode 700), and a scan of the project must not fail on it.
      const named = folders.has(s.path);
      diagnostics.push({
        code: 'unreadable',
        severity: named ? 'error' : 'warning',
        message: `cannot read the folder: ${s.reason}${named ? '' : ' (list it under `ignore:` in .bulwark.yaml if that is meant)'}`,
        at: { source: fs.display(s.path) },
      });
      continue;
    }
    // A FIFO, a device or a link that leads nowhere is worth a word only where a handler would read the name.
    if (s.kind !== 'name' && !handlers.some((h) => h.matches(s.path, false))) continue;
    const severity = s.kind === 'unreadable' ? 'error' : 'warning';
    diagnostics.push({ code: 'unreadable', severity, message: `not scanned: ${s.reason}`, at: { source: fs.display(s.path) } });
  }
  if (opts.unusedConfigs) diagnostics.push(...unusedConfigs(files, opts.unusedConfigs.inForce, fs.display));
  const unlisted = skipped.filter((s) => s.kind === 'folder').map((s) => s.path);
  diagnostics.push(...nothingFound(opts, claimed, walked, folders, unlisted, excluded));
  return { ctx, recorder, claimed: [...claimed].map((f) => fs.display(f)).sort(), explicit, diagnostics, jobs };
}

/**
 * A warning for each configuration file among the walked files that does not apply: only one configuration applies
 * to a scan (the one found upward from the first path, or --config), so a `.bulwark.yaml` in a subfolder of a
 * monorepo would otherwise switch nothing off, in silence. The folder of the configuration in force is left out
 * (a `.bulwark.yml` beside it is reported where the configuration is found).
 */
function unusedConfigs(files: readonly string[], inForce: string | undefined, display: (abs: string) => string): Diagnostic[] {
  const names: readonly string[] = CONFIG_FILE_NAMES;
  const home = inForce === undefined ? undefined : dirname(inForce);
  const applies = inForce === undefined ? 'none was found upward from the first path' : `${display(inForce)} is the one in force`;
  return files
    .filter((f) => names.includes(basename(f)) && dirname(f) !== home)
    .map((f) => ({
      code: 'config',
      severity: 'warning',
      message: `configuration not used: one configuration applies to a scan, and ${applies}; scan this folder on its own to apply this file, or name it with --config`,
      at: { source: display(f) },
    }));
}

/**
 * A warning for each file given that no handler reads, and for each folder given that holds no file any handler
 * reads (and no folder it could not list, reported already), so that a CI gate pointed at the wrong place (or at
 * `compose-*.yaml` files, which are not compose names) does not pass silently.
 */
function nothingFound(
  opts: ScanOptions,
  claimed: ReadonlySet<string>,
  walked: ReadonlySet<string>,
  folders: ReadonlySet<string>,
  unlisted: readonly string[],
  excluded: readonly string[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of opts.paths) {
    const abs = resolve(opts.cwd, p);
    if (claimed.has(abs)) continue;
    if (walked.has(abs)) {
      out.push({
        code: 'unreadable',
        severity: 'warning',
        message: `not scanned: ${p} is not a file Bulwark reads (YAML for compose, a Dockerfile or Containerfile, a shell script, a Makefile, a CI file, daemon.json); if it is a compose file or a Dockerfile, say so with --as compose or --as dockerfile`,
        at: { source: p },
      });
      continue;
    }
    const prefix = abs.endsWith('/') ? abs : `${abs}/`;
    let any = false;
    for (const f of claimed) {
      if (f.startsWith(prefix)) {
        any = true;
        break;
      }
    }
    // A folder that could not be listed, or holds one, is reported already: "nothing to scan" would be a guess.
    if (!any && unlisted.some((u) => u === abs || u.startsWith(prefix))) any = true;
    if (!any && folders.has(abs)) {
      // What the configuration's `ignore` left out is said, with the file: it may not be the user's (a parent folder's).
      const left = excluded.filter((e) => e.startsWith(prefix)).length;
      const why =
        left > 0
          ? `${left} ${left === 1 ? 'entry' : 'entries'} in it ${left === 1 ? 'is' : 'are'} excluded by \`ignore\` in ${opts.ignoreSource ?? 'the configuration'}, and no compose file, Dockerfile, shell script, Makefile, CI file or daemon.json was found by name in the rest`
          : 'no compose file, Dockerfile, shell script, Makefile, CI file or daemon.json found by name (other YAML files are read when named one by one)';
      out.push({ code: 'unreadable', severity: 'warning', message: `nothing to scan in ${p}: ${why}`, at: { source: p } });
    }
  }
  return out;
}

function assemble(p: Plan, outputs: SourceOutput[], threads = 1): ScanResult {
  const findings: Finding[] = [];
  const diagnostics = [...p.diagnostics];
  const stats: ScanResult['stats'] = { files: 0, subjects: 0, bySource: {}, threads };
  const suppressions = p.recorder.take();
  p.jobs.forEach((j, i) => {
    const out = outputs[i] as SourceOutput;
    if (out.suppressions) Object.assign(suppressions, out.suppressions);
    // A loop, not push(...xs): a spread of 100k+ findings overflows the call stack.
    for (const f of out.findings) findings.push(f);
    for (const d of out.diagnostics) diagnostics.push(d);
    if (j.alone !== undefined && out.files === 0 && out.diagnostics.length === 0) diagnostics.push(notRead(p.ctx.fs.display(j.alone)));
    stats.files += out.files;
    stats.subjects += out.subjects;
    // A handler may run as several jobs (Plan.jobs `alone`): its counts add up.
    const before = stats.bySource[j.h.name];
    stats.bySource[j.h.name] = { files: (before?.files ?? 0) + out.files, subjects: (before?.subjects ?? 0) + out.subjects };
  });
  return {
    findings: dedupeSorted(findings.sort(compareFindings)),
    // Secret-shaped words are masked where every command's report is written (cli/report-output.ts writeReport).
    diagnostics: dedupeDiagnostics(diagnostics),
    stats,
    claimed: p.claimed,
    suppressions,
  };
}

/**
 * The warning for a file named on the command line that was not read: its name is none Bulwark reads (no
 * extension) and it does not start with a shell `#!` line, so the run handler, the only one that looked at it,
 * found no shell in it. Says how to name the file's kind (`--as`) so that a CI gate does not pass on "0 files".
 */
function notRead(shown: string): Diagnostic {
  return {
    code: 'unreadable',
    severity: 'warning',
    message: `not scanned: ${shown} has no name Bulwark reads and is not a shell script (no #! line); say what it is with --as compose or --as dockerfile, or rename it (compose.yaml, *.yaml, Dockerfile, *.Dockerfile)`,
    at: { source: shown },
  };
}

/**
 * The same finding reached through two projects (a main file and a variant) is reported once: same fingerprint,
 * line, column and message; the first one is kept. `sorted` is in compareFindings order, which (a stable sort)
 * puts such findings in one run of equal source, line, column, rule and subject, in the order they were found:
 * each is compared with the findings kept from its run only, with no map or key built per finding. A run longer
 * than RUN_SCAN (many messages of one rule at one place) keeps a set of keys instead, so this stays linear.
 */
export function dedupeSorted(sorted: Finding[]): Finding[] {
  const out: Finding[] = [];
  let runStart = 0;
  let keys: Set<string> | undefined;
  const keyOf = (f: Finding) => `${f.fingerprint}\0${f.message}`;
  for (const f of sorted) {
    const prev = out[out.length - 1];
    if (prev === undefined || compareFindings(prev, f) !== 0) {
      runStart = out.length;
      keys = undefined;
    }
    let dup = false;
    if (keys) dup = keys.has(keyOf(f));
    else {
      for (let k = runStart; k < out.length && !dup; k++) {
        const g = out[k] as Finding;
        dup = g.fingerprint === f.fingerprint && g.message === f.message;
      }
      if (!dup && out.length - runStart >= RUN_SCAN) keys = new Set(out.slice(runStart).map(keyOf));
    }
    if (dup) continue;
    out.push(f);
    keys?.add(keyOf(f));
  }
  return out;
}

/** Findings of a run compared one by one before dedupeSorted keeps a set of keys for it. */
const RUN_SCAN = 16;

function dedupeDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.at.source}:${d.at.line}:${d.at.column}:${d.code}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
