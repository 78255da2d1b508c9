import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { MessagePort, Worker } from 'node:worker_threads';
import { preparseComposeText } from '../sources/compose/load.js';
import { LIMITS } from '../sources/compose/tree.js';
import type { EncodedTree } from '../sources/compose/tree-codec.js';
import { type FileReader, withReadText } from '../sources/fs.js';
import { allowOptimisation } from './tiering.js';

/**
 * Parsing ahead: on a machine with too few CPUs for scan workers (see workerCount), a second thread reads and
 * parses the compose files of a large scan in the order the main thread will load them, while the main thread
 * builds models, runs rules and writes the report. The YAML parse is about half of a compose scan, and the two
 * halves then run side by side. Files arrive as trees before interpolation (EncodedTree: numbers in a transferred
 * buffer, no object graph to clone); the main thread uses one only when the text it reads itself is the text the
 * other thread parsed, and only for a file that read cleanly (anything else, it reads as it always does, errors
 * and all), so findings and diagnostics are the same as a scan in one thread.
 *
 * Each file is claimed once, by one thread (a shared Int32Array, compareExchange): the parsing thread claims them
 * in order; the main thread parses one it needs that the other has not reached (the first files, while that
 * thread starts), and, rather than wait for a file the other thread is still parsing, claims and parses the next
 * files itself, so neither thread idles while files are left. The main thread's scan is synchronous: it waits with
 * Atomics.wait on a counter the other thread bumps after each file, and takes the file's message with
 * receiveMessageOnPort. The other thread keeps at most WINDOW files ahead of what the main thread has taken off
 * the port, so memory stays bounded.
 */

/** The `workerData.kind` a parse-ahead thread is started with. */
export const PARSE_AHEAD_KIND = 'bulwark-parse-ahead';

/** Files the parsing thread may be ahead of what the main thread has received. */
const WINDOW = 32;
/** The longest wait for one file, in milliseconds, before the main thread gives up on the other thread. */
const GIVE_UP_MS = 60_000;
/** Slots of `counters`: files sent, files received, and the thread's state (RUNNING or STOPPED). */
const SENT = 0;
const RECEIVED = 1;
const STATE = 2;
const STOPPED = 1;
/** Values of `claims`, one slot per file: nobody's yet, the parsing thread's, the main thread's. */
const FREE = 0;
const WORKER = 1;
const MAIN = 2;

/** What a parse-ahead thread is given (workerData). */
export interface ParseAheadData {
  kind: typeof PARSE_AHEAD_KIND;
  /** Absolute paths, in the order the main thread will load them. */
  files: string[];
  /** Int32Array slots SENT, RECEIVED, STATE. */
  counters: SharedArrayBuffer;
  /** Int32Array, one slot per file of `files`: FREE, WORKER or MAIN. */
  claims: SharedArrayBuffer;
  port: MessagePort;
}

/** One file, parsed: the text read and its tree, or no tree (loadComposeFile reads it as it always does). */
interface Parsed {
  /** Index in ParseAheadData.files. */
  index: number;
  text?: string;
  tree?: EncodedTree;
}

/** A running parse-ahead thread, seen from the main thread. */
export interface ParseAhead {
  /** `fs` with `preparsed` answering from the parsed files. */
  reader(fs: FileReader): FileReader;
  /** Stops the thread; what it has not sent is dropped. */
  close(): Promise<void>;
}

/**
 * Starts a thread running `script` with `argv` (the CLI entry, which runs runParseAhead when started so) that
 * parses `files` (absolute paths) ahead of the main thread.
 */
export function startParseAhead(script: string, argv: string[], files: readonly string[]): ParseAhead {
  // The thread compiles the bundle with its V8 code cache, which V8 accepts only under the default flags.
  allowOptimisation();
  const wt = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  const data: ParseAheadData = {
    kind: PARSE_AHEAD_KIND,
    files: [...files],
    counters: new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT),
    claims: new SharedArrayBuffer(files.length * Int32Array.BYTES_PER_ELEMENT),
    port: undefined as unknown as MessagePort,
  };
  const counters = new Int32Array(data.counters);
  const claims = new Int32Array(data.claims);
  const { port1, port2 } = new wt.MessageChannel();
  data.port = port2;
  const worker: Worker = new wt.Worker(script, { workerData: data, transferList: [port2], stdout: true, argv });
  // A thread that fails stops sending; the main thread then parses the rest itself (see take).
  worker.on('error', () => Atomics.store(counters, STATE, STOPPED));
  const indexOf = new Map<string, number>();
  for (const [i, f] of files.entries()) indexOf.set(f, i);
  const ready = new Map<number, Parsed>();
  const taken = new Set<number>();
  /** Files before this one are claimed: where the main thread looks for a file to parse instead of waiting. */
  let unclaimed = 0;
  let gaveUp = false;
  const receive = (): boolean => {
    const m = wt.receiveMessageOnPort(port1);
    if (m === undefined) return false;
    const p = m.message as Parsed;
    ready.set(p.index, p);
    Atomics.add(counters, RECEIVED, 1);
    Atomics.notify(counters, RECEIVED);
    return true;
  };
  /** Claims file `i` for the main thread and parses it, when nobody has claimed it; else false. */
  const claimAndParse = (i: number): boolean => {
    if (Atomics.compareExchange(claims, i, FREE, MAIN) !== FREE) return false;
    ready.set(i, parseOne(files[i] as string, i));
    return true;
  };
  /** Claims and parses the next file nobody has claimed; false when there is none. */
  const parseNextFree = (): boolean => {
    for (; unclaimed < files.length; unclaimed++) {
      if (claimAndParse(unclaimed)) {
        unclaimed++;
        return true;
      }
    }
    return false;
  };
  const take = (absolute: string, text: string): EncodedTree | undefined => {
    const i = indexOf.get(absolute);
    if (i === undefined || taken.has(i)) return undefined;
    taken.add(i);
    for (;;) {
      const got = ready.get(i);
      if (got !== undefined) {
        ready.delete(i);
        return got.text === text ? got.tree : undefined;
      }
      // Not reached by the other thread (it is starting, or behind): parsed here.
      if (claimAndParse(i)) continue;
      // Claimed by this thread before (and taken), or by the other one: a claim never changes hands.
      if (Atomics.load(claims, i) === MAIN || gaveUp) return undefined;
      const sent = Atomics.load(counters, SENT);
      if (receive() || parseNextFree()) continue;
      if (Atomics.load(counters, STATE) === STOPPED || Atomics.wait(counters, SENT, sent, GIVE_UP_MS) === 'timed-out') {
        gaveUp = !receive();
        if (gaveUp) return undefined;
      }
    }
  };
  return {
    reader(fs) {
      const r = withReadText(fs, (absolute) => fs.readText(absolute));
      r.preparsed = take;
      return r;
    },
    async close() {
      gaveUp = true;
      port1.close();
      await worker.terminate();
    },
  };
}

/**
 * The body of a parse-ahead thread: claims, reads and parses each file in order (preparseComposeText), skipping
 * those the main thread claimed, sends each on the port, and waits while it is WINDOW files ahead. A file it
 * cannot read, or over the size limit, is sent without a tree. Never throws for bad input; marks itself stopped
 * when done.
 */
export function runParseAhead(data: ParseAheadData): void {
  const counters = new Int32Array(data.counters);
  const claims = new Int32Array(data.claims);
  try {
    let sent = 0;
    for (let i = 0; i < data.files.length; i++) {
      for (let received = Atomics.load(counters, RECEIVED); sent - received >= WINDOW; received = Atomics.load(counters, RECEIVED)) {
        Atomics.wait(counters, RECEIVED, received, 1000);
      }
      if (Atomics.compareExchange(claims, i, FREE, WORKER) !== FREE) continue;
      const parsed = parseOne(data.files[i] as string, i);
      data.port.postMessage(parsed, parsed.tree ? [parsed.tree.numbers.buffer as ArrayBuffer] : []);
      sent++;
      Atomics.store(counters, SENT, sent);
      Atomics.notify(counters, SENT);
    }
  } finally {
    Atomics.store(counters, STATE, STOPPED);
    Atomics.notify(counters, SENT);
  }
}

/** Reads and parses one file (`index` in the list) for parsing ahead; no tree when it cannot be, or need not be. */
function parseOne(absolute: string, index: number): Parsed {
  try {
    const st = statSync(absolute, { throwIfNoEntry: false });
    if (!st?.isFile() || st.size > LIMITS.maxFileBytes) return { index };
    const text = readFileSync(absolute, 'utf8');
    const tree = preparseComposeText(text);
    return tree ? { index, text, tree } : { index };
  } catch {
    return { index };
  }
}
