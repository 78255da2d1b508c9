// Golden-file tests: every reporter renders the same fixture; the output must match test/golden/ byte for byte.
// Refresh after an intended change with: BULWARK_UPDATE_GOLDEN=1 node scripts/run-tests.mjs test/report/golden
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderHtml } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { fixtureInput } from './fixture.js';

const GOLDEN = join(process.cwd(), 'test', 'golden');
const update = process.env.BULWARK_UPDATE_GOLDEN === '1';

const cases: [string, () => string][] = [
  ['report.txt', () => renderText(fixtureInput(), { color: false })],
  ['report-quiet.txt', () => renderText(fixtureInput(), { color: false, quiet: true })],
  ['report-color.txt', () => renderText(fixtureInput(), { color: true })],
  ['report.json', () => renderJson(fixtureInput())],
  ['report.sarif', () => renderSarif(fixtureInput())],
  ['report.junit.xml', () => renderJunit(fixtureInput())],
  ['report.md', () => renderMarkdown(fixtureInput())],
  ['report.html', () => renderHtml(fixtureInput())],
];

describe('reporters match their golden files', () => {
  for (const [file, render] of cases) {
    it(file, () => {
      const actual = render();
      const path = join(GOLDEN, file);
      if (update) writeFileSync(path, actual);
      assert.equal(actual, readFileSync(path, 'utf8'), `${file} drifted; if intended, refresh with BULWARK_UPDATE_GOLDEN=1`);
    });
  }
  it('rendering twice gives the same bytes (no clock, no randomness)', () => {
    for (const [, render] of cases) assert.equal(render(), render());
  });
});
