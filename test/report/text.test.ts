import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarize } from '../../src/report/summary.js';
import { renderText } from '../../src/report/text.js';
import { fixtureInput } from './fixture.js';

describe('text reporter: checklist and totals', () => {
  it('says "not checked" for every section when no subject was checked, never "pass n/n"', () => {
    const text = renderText(fixtureInput({ findings: [], suppressed: [], diagnostics: [], summary: summarize([], [], 0, 0) }), { color: false });
    assert.doesNotMatch(text, /pass/);
    for (const line of text.split('\n').filter((l) => /^ {2}\S/.test(l))) assert.match(line, / {2}not checked$/);
    assert.match(text, /No findings in 0 files, 0 subjects checked\.\n$/);
  });

  it('uses the singular for one subject, and "run" for counted checks', () => {
    const one = renderText(fixtureInput({ findings: [], suppressed: [], diagnostics: [], summary: summarize([], [], 1, 1) }), { color: false });
    assert.match(one, /No findings in 1 file, 1 subject checked\.\n$/);
    const host = renderText(fixtureInput({ findings: [], suppressed: [], diagnostics: [], summary: summarize([], [], 0, 12), subjectWord: 'host checks' }), {
      color: false,
    });
    assert.match(host, /, 12 host checks run\.\n$/);
  });

  it('shows the logical path of a finding that has no line (live engine)', () => {
    assert.match(
      renderText(fixtureInput(), { color: false }),
      /\ncontainer:db\n {2}HostConfig\.Privileged critical Container "db <prod> & co" runs privileged\./,
    );
  });
});
