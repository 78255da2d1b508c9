import { createRequire } from 'node:module';
import { type BulwarkConfig, settingsFromConfig } from '../config/index.js';
import { serveScanRequests } from '../pipeline/parallel.js';
import { HANDLERS } from '../pipeline/scan.js';
import { realFs } from '../sources/fs.js';

/** What a scan worker needs to rebuild the scan's context: plain data, cloned from the main thread. */
export interface ScanWorkerContext {
  cwd: string;
  env: Record<string, string | undefined>;
  /** The configuration in force (.bulwark.yaml or --config), for rule settings; undefined for the defaults. */
  config?: BulwarkConfig;
}

/**
 * The body of a scan worker thread (started by `bulwark scan` on large inputs, see src/pipeline/parallel.ts):
 * rebuilds the scan context and answers scan requests until the main thread terminates it.
 */
export function runScanWorker(context: ScanWorkerContext): void {
  const { parentPort } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  if (!parentPort) throw new Error('runScanWorker runs in a worker thread only');
  serveScanRequests(parentPort, HANDLERS, { fs: realFs(context.cwd), env: context.env, settings: settingsFromConfig(context.config) });
}
