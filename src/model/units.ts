/**
 * Byte sizes, CPU counts and durations parsed the way Docker parses them. Each parser takes the `pieces` of an
 * interpolated value, so that its message quotes the value without secrets (`quoteValue`).
 */

import { isUnknown, type Sourced } from './location.js';
import { quoteValue, type ValuePiece } from './mask.js';

/** A value Docker would refuse; the message says what was expected. */
export class UnitError extends Error {
  readonly code = 'invalid-unit' as const;
}

const BINARY: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
const SIZE = /^(\d+(?:\.\d+)?)\s*([kmgtp]?)(i?b)?$/i;

/**
 * Parses a memory size into bytes, as go-units `RAMInBytes` does for `--memory` and compose `mem_limit`:
 * binary multiples (`512m` = 512 MiB), case-insensitive, optional `b`/`ib` suffix; a bare number is bytes.
 * Numbers (YAML integers) are taken as bytes.
 * @returns bytes (an integer)
 * @throws UnitError on anything else (`512 megs`, `-1g`).
 */
export function parseBytes(input: string | number, pieces?: readonly ValuePiece[]): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) throw new UnitError(`invalid size ${input}`);
    return Math.floor(input);
  }
  const m = SIZE.exec(input.trim());
  if (!m) throw new UnitError(`invalid size ${quoteValue(input, pieces)}: expected a number with an optional unit b, k, m, g, t or p`);
  const unit = (m[2] as string).toLowerCase();
  return Math.floor(Number(m[1]) * (BINARY[unit] as number));
}

/** The CFS period the kernel and dockerd use when none is given (`--cpu-period`, compose `cpu_period`): 100 ms, in microseconds. */
export const DEFAULT_CFS_PERIOD_US = 100_000;

/**
 * A CFS quota over its period (`--cpu-quota 50000 --cpu-period 100000`, compose `cpu_quota`/`cpu_period`, Engine
 * `HostConfig.CpuQuota`/`CpuPeriod`) as the CPU limit it is, in nano-CPUs (0.5 CPU: 500,000,000). Docker docs,
 * "Resource constraints": `--cpus 1.5` is `--cpu-period 100000 --cpu-quota 150000`.
 * @param quotaUs microseconds of CPU time per period; 0 or less is no limit (returns undefined)
 * @param periodUs microseconds; 0 or less, or undefined, is the default period (DEFAULT_CFS_PERIOD_US)
 */
export function cfsQuotaNanoCpus(quotaUs: number, periodUs?: number): number | undefined {
  if (!(quotaUs > 0)) return undefined;
  const period = periodUs !== undefined && periodUs > 0 ? periodUs : DEFAULT_CFS_PERIOD_US;
  return Math.round((quotaUs / period) * 1e9);
}

/**
 * The CPU limit a CFS quota and period as read from a source give (compose `cpu_quota`/`cpu_period`, `docker run
 * --cpu-quota`/`--cpu-period`), located at the quota: Unknown when either is; undefined when the quota is no limit
 * (0 or less, see cfsQuotaNanoCpus).
 */
export function cfsQuotaLimit(quota: Sourced<number>, period: Sourced<number> | undefined): Sourced<number> | undefined {
  if (isUnknown(quota.value)) return quota;
  if (period && isUnknown(period.value)) return { value: period.value, at: quota.at };
  const nano = cfsQuotaNanoCpus(quota.value, period?.value as number | undefined);
  return nano === undefined ? undefined : { value: nano, at: quota.at };
}

/**
 * Parses a CPU count (`--cpus 1.5`, compose `cpus: "0.5"`) into nano-CPUs (1 CPU = 1e9), as the Docker CLI's
 * `NanoCPUs` option does. Docker rejects more than 9 fractional digits.
 * @returns nano-CPUs (an integer)
 * @throws UnitError when not a non-negative decimal number.
 */
export function parseCpus(input: string | number, pieces?: readonly ValuePiece[]): number {
  const text = typeof input === 'number' ? String(input) : input.trim();
  if (!/^\d+(?:\.\d{1,9})?$|^\.\d{1,9}$/.test(text)) throw new UnitError(`invalid CPU count ${quoteValue(String(input), pieces)}`);
  return Math.round(Number(text) * 1e9);
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/**
 * Parses a Go duration (`time.ParseDuration`, used by compose `healthcheck.interval` and `--health-interval`):
 * a sequence of decimal numbers with units ns, us, ms, s, m, h, e.g. `1m30s`, `1.5s`. `0` alone is allowed.
 * @returns seconds (may be fractional)
 * @throws UnitError when the text is not a Go duration (a bare `30` is refused, as Go does).
 */
export function parseDuration(input: string | number, pieces?: readonly ValuePiece[]): number {
  const text = typeof input === 'number' ? String(input) : input.trim();
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  let sign = 1;
  if (text.startsWith('-') || text.startsWith('+')) {
    sign = text.startsWith('-') ? -1 : 1;
    pos = 1;
  }
  if (pos >= text.length) throw new UnitError(`invalid duration ${quoteValue(String(input), pieces)}`);
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw new UnitError(`invalid duration ${quoteValue(String(input), pieces)}: expected a number with a unit (ns, us, ms, s, m, h), e.g. 30s`);
    total += Number(m[1]) * (DURATION_UNITS[m[2] as string] as number);
    pos = re.lastIndex;
  }
  return sign * total;
}

/**
 * Whether `text` is an integer literal (decimal with an optional sign, or YAML's `0o17` and `0x1f`) within int64,
 * -2^63 to 2^63 - 1: the range of Go's strconv.ParseInt and Atoi on 64-bit hosts, and of go-yaml's int (a larger
 * YAML integer is read as a float). False for any other text.
 */
export function isInt64(text: string): boolean {
  // Nearly every number met (a port, a count): up to 18 digits always fits, without a BigInt.
  if (SHORT_DECIMAL.test(text)) return true;
  const m = /^([-+]?)(\d+|0o[0-7]+|0x[0-9a-fA-F]+)$/.exec(text);
  if (!m) return false;
  const n = BigInt(m[2] as string);
  return m[1] === '-' ? n <= INT64_LIMIT : n < INT64_LIMIT;
}

/** A decimal integer of at most 18 digits: within int64 whatever its digits. */
const SHORT_DECIMAL = /^[-+]?\d{1,18}$/;
/** 2^63: int64 holds -2^63 to 2^63 - 1. */
const INT64_LIMIT = 2n ** 63n;

/**
 * Why Docker refuses a restart policy's retry count written as a decimal integer (`on-failure:N`, compose
 * `max_attempts`), or undefined when it takes it. The Engine's count is an int64 (docker/cli's strconv.Atoi refuses a
 * larger one: "maximum retry count must be an integer"), and dockerd refuses a negative one ("maximum retry count
 * cannot be negative"; moby's ValidateRestartPolicy). The reasons are RETRY_COUNT_OUT_OF_RANGE and RETRY_COUNT_NEGATIVE.
 */
export function retryCountRefused(text: string): string | undefined {
  return !isInt64(text) ? RETRY_COUNT_OUT_OF_RANGE : Number(text) < 0 ? RETRY_COUNT_NEGATIVE : undefined;
}

/**
 * Why Docker refuses the retry count written after the colon of a restart policy (`on-failure:5`, `always:0`), or
 * undefined when it takes it. `count` is the text after the colon, optional sign and decimal digits, or empty: an
 * empty count (`on-failure:`, `always:`) is no count, as docker/cli's ParseRestartPolicy (it reads a count only when one
 * is written) and docker compose (strconv.Atoi's error is dropped: 0) read it. A count of 0 (`always:0`, `no:+0`) is
 * taken with any policy; another count is taken with on-failure only: dockerd refuses it with `no`, `always` and
 * `unless-stopped` when it creates the container (moby's ValidateRestartPolicy). A count beyond int64, or a negative
 * one with on-failure: retryCountRefused.
 */
export function restartCountRefused(policy: string, count: string): string | undefined {
  if (count === '') return undefined;
  if (policy === 'on-failure' || !isInt64(count) || Number(count) === 0) return retryCountRefused(count);
  const negative = Number(count) < 0 ? ' and cannot be negative' : '';
  return `only on-failure takes a retry count other than 0 (dockerd refuses the container: "invalid restart policy: maximum retry count can only be used with 'on-failure'${negative}")`;
}

/**
 * A retry count Docker takes (sign and decimal digits within int64, as retryCountRefused checks), kept exact: a
 * number, or a bigint beyond Number.MAX_SAFE_INTEGER. The Engine's MaximumRetryCount is a Go int (64 bits on the
 * hosts Docker runs on), so `on-failure:9223372036854775807` is that count, not the double 9223372036854775808.
 */
export function retryCountValue(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

/** retryCountRefused's reason for a count beyond int64. */
export const RETRY_COUNT_OUT_OF_RANGE = 'the retry count is out of range (Docker takes 0 to 9223372036854775807)';
/** retryCountRefused's reason for a count below 0. */
export const RETRY_COUNT_NEGATIVE = 'the retry count cannot be negative (dockerd refuses it)';
