import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { atOrAbove, FORMATS, parseFailOn, useColor } from '../../src/cli/output.js';
import { renderReport, renderReportPieces, reportTime } from '../../src/cli/report-output.js';
import { fixtureInput } from './fixture.js';

const tty = { isTTY: true } as NodeJS.WriteStream;
const pipe = { isTTY: false } as NodeJS.WriteStream;

function withEnv(env: Record<string, string | undefined>, fn: () => void): void {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  try {
    fn();
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

describe('shared output options', () => {
  it('colours only on a TTY, never with --no-color or NO_COLOR, always with FORCE_COLOR', () => {
    withEnv({ NO_COLOR: undefined, FORCE_COLOR: undefined }, () => {
      assert.equal(useColor(undefined, tty), true);
      assert.equal(useColor(undefined, pipe), false);
      assert.equal(useColor(false, tty), false);
    });
    withEnv({ NO_COLOR: '1', FORCE_COLOR: undefined }, () => assert.equal(useColor(undefined, tty), false));
    withEnv({ NO_COLOR: undefined, FORCE_COLOR: '1' }, () => assert.equal(useColor(undefined, pipe), true));
  });

  it('every format renders the same findings', () => {
    assert.deepEqual([...FORMATS], ['text', 'json', 'sarif', 'junit', 'markdown', 'html']);
    for (const f of FORMATS) {
      const out = renderReport(f, fixtureInput(), { color: false, quiet: false });
      assert.ok(out.includes('runs privileged'), f);
    }
  });

  it('the pieces the CLI writes join into the same text as the whole report, in every format', () => {
    for (const f of FORMATS) {
      const pieces = renderReportPieces(f, fixtureInput(), { color: false, quiet: false });
      const whole = renderReport(f, fixtureInput(), { color: false, quiet: false });
      assert.equal(typeof pieces === 'string' ? pieces : [...pieces].join(''), whole, f);
    }
  });

  it('fail thresholds', () => {
    assert.equal(parseFailOn('HIGH'), 'high');
    assert.throws(() => parseFailOn('severe'), /--fail-on must be one of/);
    assert.equal(atOrAbove('critical', 'high'), true);
    assert.equal(atOrAbove('medium', 'high'), false);
    assert.equal(atOrAbove('critical', 'none'), false);
  });

  it('the report clock follows SOURCE_DATE_EPOCH', () => {
    assert.equal(reportTime({ SOURCE_DATE_EPOCH: '1767225600' }), '2026-01-01T00:00:00.000Z');
    assert.match(reportTime({}), /^\d{4}-\d{2}-\d{2}T/);
  });
});
