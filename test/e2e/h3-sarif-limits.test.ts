// SARIF within GitHub code scanning's hard limits, over which it refuses the whole upload: results per run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderSarif, SARIF_MAX_RESULTS } from '../../src/report/sarif.js';
import { fixtureInput } from '../report/fixture.js';

interface Log {
  runs: {
    results: { ruleId: string; level: string; suppressions?: unknown[]; properties: { status: string } }[];
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string; message: { text: string }; descriptor: { id: string } }[] }[];
  }[];
}

describe('SARIF results limit', () => {
  it('is GitHub code scanning limit, 25,000', () => {
    assert.equal(SARIF_MAX_RESULTS, 25_000);
  });

  it('keeps the most serious results in report order, and a warning notification counts the rest', () => {
    const input = fixtureInput();
    const brief = (log: Log) => log.runs[0]?.results.map((r) => `${r.ruleId} ${r.level} ${r.properties.status}${r.suppressions ? ' suppressed' : ''}`) ?? [];
    const all = JSON.parse(renderSarif(input)) as Log;
    assert.deepEqual(brief(all), [
      'BW1001 error violation',
      'BW1001 error violation',
      'BW1024 error violation',
      'BW1029 note unknown',
      'BW2001 warning violation',
      'BW1001 error violation suppressed',
    ]);
    assert.equal(
      all.runs[0]?.invocations[0]?.toolExecutionNotifications?.some((n) => n.descriptor.id === 'too-many-results'),
      false,
    );
    // Four kept: the critical and high violations, then the medium one; the unknown and the suppressed one go.
    const cut = JSON.parse(renderSarif(input, { maxResults: 4 })) as Log;
    assert.deepEqual(brief(cut), ['BW1001 error violation', 'BW1001 error violation', 'BW1024 error violation', 'BW2001 warning violation']);
    const notes = cut.runs[0]?.invocations[0]?.toolExecutionNotifications?.filter((n) => n.descriptor.id === 'too-many-results');
    assert.deepEqual(
      notes?.map((n) => [n.level, n.message.text]),
      [
        [
          'warning',
          '2 of 6 results left out: GitHub code scanning refuses a run of more than 4; the most serious are kept (the JSON report has every finding)',
        ],
      ],
    );
  });
});
