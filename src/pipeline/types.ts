import type { Finding, SettingsLookup } from '../check/index.js';
import type { Diagnostic } from '../model/index.js';
import type { SourceKind } from '../rules/index.js';
import type { FileReader } from '../sources/fs.js';
import type { ReadSuppressions } from './read-suppressions.js';

/** What every source handler gets for one scan. */
export interface ScanContext {
  fs: FileReader;
  /** The process environment compose interpolation sees. */
  env: Readonly<Record<string, string | undefined>>;
  settings: SettingsLookup;
}

/** What a source handler returns: findings after rules, input problems, and counts for the summary. */
export interface SourceOutput {
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** Files read by this handler. */
  files: number;
  /**
   * The files counted in `files`, when the handler can say: chunks scanned in different threads may read the
   * same file (a base file two projects extend), and the pipeline counts the union.
   */
  read?: string[];
  /** Subjects checked: containers, Dockerfiles, daemon configs. */
  subjects: number;
  /**
   * Files this handler checked for a later handler (the Dockerfile a compose `build:` names, checked with the
   * context compose gives), which later handlers must skip, with the subjects that check counted (1 when it
   * was checked and counted in `files`, 0 when already checked or not parsable). In one thread the shared
   * ScanContext already skips them; across worker threads the pipeline uses this list, and counts a file
   * checked in two threads once.
   */
  claimed?: { file: string; subjects: number }[];
  /**
   * Inline suppression comments of the files this output's scan read. Filled by the pipeline, not by handlers:
   * by a worker thread for its chunks (the main thread notes its own reads itself).
   */
  suppressions?: ReadSuppressions;
}

/**
 * One kind of input (compose, Dockerfile, shell script...): which files it reads, and how to scan them.
 * Handlers are independent; the pipeline runs each on the files it claims.
 */
export interface SourceHandler {
  /** Short name for summaries: `compose`. */
  name: string;
  /**
   * The rule source kinds (RuleMeta.appliesTo) its subjects are checked as: `daemon` reads daemon.json and systemd
   * units, so its rules are those of `daemon-json` and `systemd`. The checklist counts the rules of these kinds.
   */
  kinds: readonly SourceKind[];
  /**
   * True for a file this handler reads. `explicit` is true when the user named the file, so a handler may
   * accept names it would skip while walking a folder (any `*.yml` named on the command line is compose).
   */
  matches(absolute: string, explicit: boolean): boolean;
  scan(files: readonly string[], explicit: ReadonlySet<string>, ctx: ScanContext): SourceOutput;
  /**
   * Optional asynchronous scan (a WASM parser, for instance), preferred over `scan` by scanPathsAsync; `scan`
   * stays the synchronous fallback that scanPaths uses.
   */
  scanAsync?(files: readonly string[], explicit: ReadonlySet<string>, ctx: ScanContext): Promise<SourceOutput>;
  /**
   * Optional: cuts this handler's files into groups that may be scanned apart (in worker threads) and give,
   * joined in order, what one `scan` of all of them gives. Handlers without it run in the main thread only.
   */
  split?(files: readonly string[], explicit: ReadonlySet<string>): string[][];
}
