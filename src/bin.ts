import { isMainThread, workerData } from 'node:worker_threads';
import { main } from './cli/main.js';
import { runScanWorker } from './cli/scan-worker.js';
import { SCAN_WORKER_KIND } from './pipeline/parallel.js';

// The same script is the CLI and, started by `bulwark scan` as a worker thread, a scan worker.
if (!isMainThread && (workerData as { kind?: string } | null)?.kind === SCAN_WORKER_KIND) runScanWorker((workerData as { context: never }).context);
else void main(process.argv);
