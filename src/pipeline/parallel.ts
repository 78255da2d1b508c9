import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { MessagePort, Worker } from 'node:worker_threads';
import { recordSuppressions } from './read-suppressions.js';
import { allowOptimisation } from './tiering.js';
import type { ScanContext, SourceHandler, SourceOutput } from './types.js';

/**
 * How `scanPathsAsync` may use worker threads. The CLI passes its own entry script, which turns into a scan
 * worker when started as one (see src/cli/scan-worker.ts), and what that worker needs to rebuild the scan's
 * context: the working directory, the environment and the configuration (plain data, cloned).
 */
export interface ParallelOptions {
  /** Absolute path of the script a worker runs (the CLI entry: dist/bulwark.js or the transpiled bin.js). */
  script: string;
  /** Cloned into each worker as `workerData.context`. */
  context: unknown;
  /** Worker threads besides the main thread; default: CPUs - 1, at most 7, none below 4 CPUs; capped at CPUs - 1 (at least 1). */
  workers?: number;
  /** Fewer files than this across the splittable handlers are scanned in the main thread alone; default 64. */
  minFiles?: number;
  /**
   * Whether a scan that starts no worker parses its compose files ahead in a second thread
   * (src/pipeline/parse-ahead.ts); default: with `workers` not given, on 2 or 3 CPUs, from PARSE_AHEAD_MIN_FILES
   * files (see parseAheadWanted).
   */
  parseAhead?: boolean;
}

/** A request to a scan worker: scan these files with that handler. */
export interface WorkRequest {
  id: number;
  handler: string;
  files: string[];
  explicit: string[];
}

/** A worker's answer: the handler's output, or the error that stopped it (the main thread then does the work). */
export type WorkReply = { id: number; output: SourceOutput } | { id: number; error: string };

/** The `workerData.kind` a scan worker is started with. */
export const SCAN_WORKER_KIND = 'bulwark-scan-worker';
/** The argument a scan worker is started with, so the entry script knows it without loading worker_threads. */
export const SCAN_WORKER_ARG = '--bulwark-scan-worker';

/**
 * Runs in a worker thread: answers each WorkRequest on `port` with the named handler's scan of those files, in
 * the one ScanContext of this worker (so per-scan caches, such as Dockerfiles already checked, hold across
 * requests). Never throws: a failure is sent back as an error.
 */
export function serveScanRequests(port: MessagePort, handlers: readonly SourceHandler[], ctx: ScanContext): void {
  // The suppression comments of what each request read go back with its output (see SourceOutput.suppressions).
  const recorder = recordSuppressions(ctx.fs);
  const recording = { ...ctx, fs: recorder.fs };
  port.on('message', (req: WorkRequest) => {
    try {
      const h = handlers.find((x) => x.name === req.handler);
      if (!h) throw new Error(`no source handler named ${req.handler}`);
      const output = h.scan(req.files, new Set(req.explicit), recording);
      output.suppressions = recorder.take();
      port.postMessage({ id: req.id, output } satisfies WorkReply);
    } catch (e) {
      port.postMessage({ id: req.id, error: (e as Error)?.stack ?? String(e) } satisfies WorkReply);
    }
  });
}

/** One handler's files, cut into groups that can be scanned apart. */
export interface SplitJob {
  h: SourceHandler;
  groups: string[][];
}

/** Fewer CPUs than this: no worker thread unless asked for (see workerCount). */
export const MIN_CPUS_FOR_DEFAULT_WORKERS = 4;

/**
 * The number of worker threads to start for `files` splittable files; 0 means scan in the main thread. Never
 * more than the CPUs less the main thread (more threads than CPUs only cost memory and switching), never more
 * than one per 16 files. By default CPUs - 1, at most 7, and none below 4 CPUs: on a 2-CPU machine a worker
 * made 1,000 compose files 6% slower and 1,000 Dockerfiles 20% slower (bench/compose.mjs, bench/dockerfile.mjs),
 * the two threads and the garbage collector competing for the same CPUs.
 */
export function workerCount(files: number, opts: ParallelOptions): number {
  if (files < (opts.minFiles ?? 64)) return 0;
  const cpus = availableParallelism();
  const byDefault = cpus < MIN_CPUS_FOR_DEFAULT_WORKERS ? 0 : Math.min(cpus - 1, 7);
  const n = opts.workers === undefined ? byDefault : Math.min(opts.workers, Math.max(1, cpus - 1));
  return Math.max(0, Math.min(n, Math.floor(files / 16)));
}

/**
 * Fewer splittable files than this: no thread parses ahead by default. The second thread starts and warms up the
 * parser on its own (about 0.3 s of CPU); on a 2-CPU machine, against one thread, it made 64 compose files of the
 * bench corpus 0.1 s slower, 200 to 400 files about even, 600 files 8% and 1,000 files 17-30% faster.
 */
export const PARSE_AHEAD_MIN_FILES = 400;

/**
 * Whether a scan of `files` splittable files that starts no worker (workerCount gave 0) parses its compose files
 * ahead in a second thread (src/pipeline/parse-ahead.ts): as `opts.parseAhead` says (from `opts.minFiles`, default
 * 64, files), else by default from PARSE_AHEAD_MIN_FILES files on 2 or 3 CPUs, where scan workers are not started;
 * not with `workers` given (`-j 0`: one thread), nor on one CPU. On a 2-CPU machine it made the 1,000-file compose
 * scan of bench/compose.mjs about 30% faster.
 */
export function parseAheadWanted(files: number, opts: ParallelOptions): boolean {
  if (files < (opts.minFiles ?? 64)) return false;
  if (opts.parseAhead !== undefined) return opts.parseAhead;
  const cpus = availableParallelism();
  return opts.workers === undefined && files >= PARSE_AHEAD_MIN_FILES && cpus >= 2 && cpus < MIN_CPUS_FOR_DEFAULT_WORKERS;
}

/**
 * Scans the groups of one handler with the main thread and `workers` already-started threads pulling from one
 * queue of chunks (about 8 per thread, so a slow chunk does not leave the others idle). Chunks keep their order
 * in the result, so the output is the same as one sequential scan of the groups in order. A worker that fails
 * gives its chunk back to the main thread. `onChunk` hears the number of files of each chunk done.
 * @returns one SourceOutput per chunk, in chunk order
 */
export async function scanSplit(
  job: SplitJob,
  explicit: ReadonlySet<string>,
  ctx: ScanContext,
  workers: readonly Worker[],
  onChunk?: (files: number) => void,
): Promise<SourceOutput[]> {
  const size = Math.max(1, Math.ceil(job.groups.length / ((workers.length + 1) * 8)));
  const chunks: string[][] = [];
  for (let i = 0; i < job.groups.length; i += size) chunks.push(job.groups.slice(i, i + size).flat());
  const results: (SourceOutput | undefined)[] = new Array(chunks.length);
  let next = 0;
  const request = (i: number): WorkRequest => {
    const files = chunks[i] as string[];
    return { id: i, handler: job.h.name, files, explicit: files.filter((f) => explicit.has(f)) };
  };
  const scanHere = (i: number) => {
    const r = request(i);
    results[i] = job.h.scan(r.files, new Set(r.explicit), ctx);
    onChunk?.(r.files.length);
  };
  // Each worker keeps two chunks in hand, so it never waits for the main thread to finish its own chunk. A
  // worker that already ended (threadId -1, after an earlier failure) gets nothing.
  const served = workers
    .filter((w) => w.threadId !== -1)
    .map(
      (w) =>
        new Promise<void>((resolveWorker) => {
          const held = new Set<number>();
          const give = () => {
            while (held.size < 2 && next < chunks.length) {
              held.add(next);
              w.postMessage(request(next++));
            }
            if (held.size === 0) finish();
          };
          const onMessage = (m: WorkReply) => {
            held.delete(m.id);
            if ('output' in m) {
              results[m.id] = m.output;
              onChunk?.((chunks[m.id] as string[]).length);
            } else scanHere(m.id);
            give();
          };
          const onGone = () => {
            // The thread failed or ended: the chunks it held are scanned here.
            finish();
            for (const i of held) scanHere(i);
            held.clear();
          };
          const finish = () => {
            w.off('message', onMessage);
            w.off('error', onGone);
            w.off('exit', onGone);
            resolveWorker();
          };
          w.on('message', onMessage);
          w.on('error', onGone);
          w.on('exit', onGone);
          give();
        }),
    );
  while (next < chunks.length) {
    scanHere(next++);
    // Let the workers' replies in, so that they get their next chunks.
    await new Promise<void>((r) => setImmediate(r));
  }
  await Promise.all(served);
  return results.map((r, i) => {
    if (r === undefined) throw new Error(`chunk ${i} of ${job.h.name} was not scanned`);
    return r;
  });
}

/**
 * Starts `n` scan workers running `opts.script`; they end when the main thread terminates them. Their standard
 * output is not forwarded (a stray print must not corrupt a JSON report); their errors reach `scanSplit`.
 */
export function startWorkers(n: number, opts: ParallelOptions): Worker[] {
  // A worker compiles the bundle with its V8 code cache, which V8 accepts only under the default flags.
  allowOptimisation();
  // Loaded here, not at start-up: most scans start no thread.
  const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  return Array.from(
    { length: n },
    () => new Worker(opts.script, { workerData: { kind: SCAN_WORKER_KIND, context: opts.context }, stdout: true, argv: [SCAN_WORKER_ARG] }),
  );
}

/**
 * Joins the outputs of one handler's chunks: findings and diagnostics in chunk order, counts added. A file
 * claimed (checked) in several chunks, which one thread would have checked once, is counted once, and so is a
 * file two chunks read (when they list what they read).
 */
export function mergeOutputs(parts: readonly SourceOutput[]): SourceOutput {
  const claimed: { file: string; subjects: number }[] = [];
  const out: SourceOutput = { findings: [], diagnostics: [], files: 0, subjects: 0, claimed };
  // Subjects each claimed file was counted for so far: one thread would have counted it once, in the first
  // chunk that checked it (a chunk scanned after another in the same thread counts 0 for it).
  const counted = new Map<string, number>();
  // With the files each chunk read, the count is their union; without, chunks' counts add up.
  const read = parts.every((p) => p.read !== undefined) ? new Set<string>() : undefined;
  for (const p of parts) {
    for (const f of p.findings) out.findings.push(f);
    for (const d of p.diagnostics) out.diagnostics.push(d);
    out.files += p.files;
    out.subjects += p.subjects;
    for (const f of p.read ?? []) read?.add(f);
    if (p.suppressions) Object.assign((out.suppressions ??= {}), p.suppressions);
    for (const c of p.claimed ?? []) {
      const before = counted.get(c.file);
      if (before === undefined) claimed.push(c);
      if (before !== undefined && before > 0 && c.subjects > 0) {
        out.subjects -= c.subjects;
        if (!read) out.files -= 1;
      } else counted.set(c.file, Math.max(before ?? 0, c.subjects));
    }
  }
  if (read) {
    out.files = read.size;
    out.read = [...read];
  }
  return out;
}
