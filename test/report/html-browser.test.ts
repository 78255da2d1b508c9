// The HTML report in a real headless Chromium (Debian's `chromium`, driven by playwright-core): the page shows
// the checklist sections and counts, a severity filter and a source filter hide rows, and the page loads
// nothing from the network. Skips visibly without /usr/bin/chromium unless BULWARK_REQUIRE_BROWSER=1.
// A screenshot is saved to a temporary folder (path printed) for people to look at.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderHtml } from '../../src/report/html.js';
import { fixtureInput } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

if (!existsSync(CHROMIUM)) {
  if (process.env.BULWARK_REQUIRE_BROWSER === '1') {
    it('HTML report in Chromium: a browser is required', () =>
      assert.fail(`BULWARK_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing (apt-get install -y chromium)`));
  } else {
    it('HTML report in Chromium', { skip: `no ${CHROMIUM}: apt-get install -y chromium to run this test` }, () => {});
  }
} else {
  describe('HTML report in headless Chromium', () => {
    it('shows sections and counts, filters rows, loads nothing from the network', async () => {
      const { chromium } = await import('playwright-core');
      const dir = mkdtempSync(join(tmpdir(), 'bulwark-html-'));
      const file = join(dir, 'report.html');
      writeFileSync(file, renderHtml(fixtureInput()));
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
        const requests: string[] = [];
        page.on('request', (r) => {
          if (!r.url().startsWith('file://')) requests.push(r.url());
        });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        await page.goto(`file://${file}`);

        // Checklist dashboard: one card per seed §14 section, in the seed's order, with pass/fail counts.
        const sections = await page.$$eval('.section-card', (els) =>
          els.map((e) => ({
            id: e.getAttribute('data-section'),
            title: e.querySelector('h3')?.textContent,
            passed: e.getAttribute('data-passed'),
            failed: e.getAttribute('data-failed'),
          })),
        );
        assert.deepEqual(
          sections.map((s) => s.title),
          ['Host & daemon', 'Images & build', 'Registry & deployment', 'Runtime', 'Network & secrets', 'Observability & audit'],
        );
        assert.deepEqual(
          sections.find((s) => s.id === 'runtime'),
          { id: 'runtime', title: 'Runtime', passed: '0', failed: '1' },
        );
        assert.deepEqual(sections.find((s) => s.id === 'observability-audit')?.passed, '1');
        const failBar = await page.$eval('[data-section="runtime"] .bar .fail', (e) => (e as unknown as { style: { width: string } }).style.width);
        assert.equal(failBar, '100%');

        // Totals and rows.
        assert.equal(await page.textContent('[data-testid="total"]'), '4 findings');
        const visible = () => page.$$eval('#findings tbody tr', (rows) => rows.filter((r) => !(r as unknown as { hidden: boolean }).hidden).length);
        assert.equal(await visible(), 5);
        assert.equal(await page.textContent('#shown-count'), '5');

        // Each finding shows its location, rationale and remediation.
        const first = page.locator('#findings tbody tr', { hasText: 'Service "api" runs privileged.' });
        assert.match((await first.locator('td.loc').textContent()) ?? '', /stack\/compose\.yaml:7:17/);
        await first.locator('summary').click();
        assert.match((await first.locator('details').textContent()) ?? '', /Why:.*root on the host.*What to do:.*cap_drop: \[ALL\]/s);

        // A hostile subject name is text, not markup.
        assert.equal(await page.locator('#findings tbody tr', { hasText: 'db <prod> & co' }).count(), 1);

        // Severity filter: untick critical, two rows disappear.
        await page.uncheck('input[name="severity"][value="critical"]');
        assert.equal(await visible(), 3);
        assert.equal(await page.textContent('#shown-count'), '3');
        const sevs = await page.$$eval('#findings tbody tr', (rows) =>
          rows.filter((r) => !(r as unknown as { hidden: boolean }).hidden).map((r) => r.getAttribute('data-severity')),
        );
        assert.ok(!sevs.includes('critical'));
        await page.check('input[name="severity"][value="critical"]');

        // Source filter: only the Dockerfile.
        await page.selectOption('#filter-source', 'stack/Dockerfile');
        assert.equal(await visible(), 1);
        await page.selectOption('#filter-source', '');
        assert.equal(await visible(), 5);

        // Scope filter: only the Dockerfile rule.
        await page.selectOption('#filter-scope', 'dockerfile');
        assert.equal(await visible(), 1);
        await page.selectOption('#filter-scope', '');

        // Suppressed findings and input errors are listed apart.
        assert.match((await page.textContent('#suppressed')) ?? '', /debug profile only/);
        assert.match((await page.textContent('#errors')) ?? '', /yaml-syntax/);

        const shot = join(dir, 'report.png');
        await page.screenshot({ path: shot, fullPage: true });
        process.stdout.write(`# HTML report screenshot: ${shot}\n`);
        assert.deepEqual(requests, [], 'the report must load nothing from the network');
        assert.deepEqual(errors, []);
      } finally {
        await browser.close();
      }
    });

    it('a real `bulwark scan examples/ --format html` opens offline and filters', async () => {
      const { chromium } = await import('playwright-core');
      const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'bin.js');
      const dir = mkdtempSync(join(tmpdir(), 'bulwark-html-'));
      const file = join(dir, 'examples.html');
      const r = spawnSync(process.execPath, [bin, 'scan', 'examples/', '--format', 'html', '--output', file, '--fail-on', 'none'], {
        cwd: process.cwd(),
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, r.stderr);
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
        const requests: string[] = [];
        page.on('request', (q) => {
          if (!q.url().startsWith('file://')) requests.push(q.url());
        });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(`file://${file}`);
        const rows = await page.locator('#findings tbody tr').count();
        assert.ok(rows > 10, `${rows} rows`);
        assert.equal(await page.locator('.section-card').count(), 6);
        const critical = Number(await page.textContent('[data-count="critical"]'));
        assert.ok(critical > 0);
        await page.uncheck('input[name="severity"][value="critical"]');
        assert.equal(Number(await page.textContent('#shown-count')), rows - critical);
        await page.screenshot({ path: join(dir, 'examples.png'), fullPage: false });
        process.stdout.write(`# examples report screenshot: ${join(dir, 'examples.png')}\n`);
        assert.deepEqual(requests, []);
        assert.deepEqual(errors, []);
      } finally {
        await browser.close();
      }
    });
  });
}
