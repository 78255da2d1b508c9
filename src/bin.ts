import { createRequire } from 'node:module';
import { main } from './cli/main.js';
import { runScanWorker } from './cli/scan-worker.js';
import { SCAN_WORKER_ARG, SCAN_WORKER_KIND } from './pipeline/parallel.js';

// The same script is the CLI and, started by `bulwark scan` as a worker thread, a scan worker (which it knows by
// an argument first, so that the CLI does not load node:worker_threads at start-up).
const worker = process.argv.includes(SCAN_WORKER_ARG)
  ? (createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads'))
  : undefined;
if (worker && !worker.isMainThread && (worker.workerData as { kind?: string } | null)?.kind === SCAN_WORKER_KIND) {
  runScanWorker((worker.workerData as { context: never }).context);
} else void main(process.argv);
