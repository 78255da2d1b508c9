import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ValuePiece } from './mask.js';
import {
  cfsQuotaNanoCpus,
  isInt64,
  parseBytes,
  parseCpus,
  parseDuration,
  RETRY_COUNT_NEGATIVE,
  RETRY_COUNT_OUT_OF_RANGE,
  restartCountRefused,
  UnitError,
} from './units.js';

describe('parseBytes (go-units RAMInBytes)', () => {
  const table: [string | number, number][] = [
    ['512m', 512 * 1024 ** 2],
    ['512M', 512 * 1024 ** 2],
    ['1g', 1024 ** 3],
    ['1GB', 1024 ** 3],
    ['1.5g', 1.5 * 1024 ** 3],
    ['64k', 64 * 1024],
    ['100', 100],
    ['100b', 100],
    [536870912, 536870912],
    ['0', 0],
  ];
  for (const [input, want] of table) it(String(input), () => assert.equal(parseBytes(input), want));
  for (const bad of ['512 megs', '-1g', 'g', '1x']) it(`refuses ${bad}`, () => assert.throws(() => parseBytes(bad), UnitError));
});

describe('parseCpus (NanoCPUs)', () => {
  const table: [string | number, number][] = [
    ['1.0', 1e9],
    ['0.5', 5e8],
    [2, 2e9],
    ['.25', 2.5e8],
    ['1.000000001', 1000000001],
  ];
  for (const [input, want] of table) it(String(input), () => assert.equal(parseCpus(input), want));
  for (const bad of ['one', '-1', '1.0000000001']) it(`refuses ${bad}`, () => assert.throws(() => parseCpus(bad), UnitError));
});

describe('parseDuration (Go time.ParseDuration), seconds', () => {
  const table: [string, number][] = [
    ['30s', 30],
    ['1m30s', 90],
    ['1h', 3600],
    ['1.5s', 1.5],
    ['300ms', 0.3],
    ['0', 0],
    ['2h45m', 9900],
  ];
  for (const [input, want] of table) it(input, () => assert.ok(Math.abs(parseDuration(input) - want) < 1e-9));
  for (const bad of ['30', 's', '1d', '']) it(`refuses ${JSON.stringify(bad)}`, () => assert.throws(() => parseDuration(bad), UnitError));
});

describe('unit messages quote values through quoteValue', () => {
  const message = (parse: () => number) => {
    try {
      parse();
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };
  const key: ValuePiece[] = [{ text: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', variable: '${AWS_SECRET_ACCESS_KEY}' }];
  it('quotes a value written in the file', () => {
    assert.equal(
      message(() => parseBytes('512 megs')),
      'invalid size "512 megs": expected a number with an optional unit b, k, m, g, t or p',
    );
    assert.equal(
      message(() => parseCpus('one')),
      'invalid CPU count "one"',
    );
    assert.equal(
      message(() => parseDuration('30')),
      'invalid duration "30": expected a number with a unit (ns, us, ms, s, m, h), e.g. 30s',
    );
  });
  it('shows a value from the environment by its variable', () => {
    const value = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    assert.equal(
      message(() => parseBytes(value, key)),
      'invalid size "${AWS_SECRET_ACCESS_KEY}" (from the environment, 40 characters): expected a number with an optional unit b, k, m, g, t or p',
    );
    assert.equal(
      message(() => parseCpus(value, key)),
      'invalid CPU count "${AWS_SECRET_ACCESS_KEY}" (from the environment, 40 characters)',
    );
    assert.equal(
      message(() => parseDuration('-', [{ text: '-', variable: '$D' }])),
      'invalid duration "$D" (from the environment, 1 character)',
    );
  });
  it('masks a value shaped like a secret', () => {
    assert.equal(
      message(() => parseCpus('ghp_abcdefghijklmnopqrstuvwxyz0123456789')),
      'invalid CPU count "ghp_...(40 chars)" (a GitHub token)',
    );
  });
});

describe('cfsQuotaNanoCpus (CFS quota over period, microseconds)', () => {
  it('is the CPU share in nano-CPUs; the period defaults to 100 ms; a quota of 0 or less is no limit', () => {
    assert.equal(cfsQuotaNanoCpus(50_000, 100_000), 500_000_000);
    assert.equal(cfsQuotaNanoCpus(150_000), 1_500_000_000);
    assert.equal(cfsQuotaNanoCpus(25_000, 0), 250_000_000);
    assert.equal(cfsQuotaNanoCpus(10_000, 50_000), 200_000_000);
    assert.equal(cfsQuotaNanoCpus(0), undefined);
    assert.equal(cfsQuotaNanoCpus(-1, 100_000), undefined);
  });
});

describe('isInt64', () => {
  it('takes integer literals from -2^63 to 2^63 - 1, decimal, 0o and 0x', () => {
    for (const t of ['0', '-1', '+5', '01', '123456789012345678', '9223372036854775807', '-9223372036854775808', '0o17', '0x1f', '0x7fffffffffffffff'])
      assert.equal(isInt64(t), true, t);
    for (const t of ['9223372036854775808', '-9223372036854775809', '99999999999999999999', '0x8000000000000000', '1e3', '1.0', '', '-', ' 1', 'all'])
      assert.equal(isInt64(t), false, t);
  });
});

describe('restartCountRefused (docker/cli ParseRestartPolicy, moby ValidateRestartPolicy)', () => {
  // model/ imports nothing of ours but model/ (src/testing/restart-forms.ts has the same text for the sources' tests).
  const ONLY_ON_FAILURE =
    "only on-failure takes a retry count other than 0 (dockerd refuses the container: \"invalid restart policy: maximum retry count can only be used with 'on-failure'";
  it('takes an empty count and a count of 0 with every policy, and a count from 0 to int64 with on-failure', () => {
    for (const policy of ['no', 'always', 'unless-stopped', 'on-failure'])
      for (const count of ['', '0', '+0', '-0', '00']) assert.equal(restartCountRefused(policy, count), undefined, `${policy}:${count}`);
    for (const count of ['1', '+5', '007', '9223372036854775807']) assert.equal(restartCountRefused('on-failure', count), undefined, count);
  });
  it('refuses another count with no, always and unless-stopped, as dockerd does; a negative or out-of-range one with any policy', () => {
    for (const policy of ['no', 'always', 'unless-stopped']) {
      assert.equal(restartCountRefused(policy, '3'), `${ONLY_ON_FAILURE}")`, policy);
      assert.equal(restartCountRefused(policy, '-3'), `${ONLY_ON_FAILURE} and cannot be negative")`, policy);
      assert.equal(restartCountRefused(policy, '9223372036854775808'), RETRY_COUNT_OUT_OF_RANGE, policy);
    }
    assert.equal(restartCountRefused('on-failure', '-1'), RETRY_COUNT_NEGATIVE);
    assert.equal(restartCountRefused('on-failure', '99999999999999999999'), RETRY_COUNT_OUT_OF_RANGE);
  });
});
