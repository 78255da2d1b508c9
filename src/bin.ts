import { createRequire } from 'node:module';
import { main } from './cli/main.js';
import { runScanWorker } from './cli/scan-worker.js';
import { SCAN_WORKER_ARG, SCAN_WORKER_KIND } from './pipeline/parallel.js';
import { PARSE_AHEAD_KIND, type ParseAheadData, runParseAhead } from './pipeline/parse-ahead.js';

// The same script is the CLI and, started by `bulwark scan` as a worker thread, a scan worker or a thread that
// parses compose files ahead (which it knows by an argument first, so that the CLI does not load
// node:worker_threads at start-up).
const worker = process.argv.includes(SCAN_WORKER_ARG)
  ? (createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads'))
  : undefined;
const data = worker && !worker.isMainThread ? (worker.workerData as { kind?: string; context?: never } | null) : undefined;
if (data?.kind === SCAN_WORKER_KIND) runScanWorker(data.context as never);
else if (data?.kind === PARSE_AHEAD_KIND) runParseAhead(data as ParseAheadData);
else void main(process.argv);
