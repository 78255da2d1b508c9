// A Markdown report is posted as a pull-request comment, which GitHub refuses over 65,536 characters: however many
// findings and input errors, the report stays under 60,000 and says what it left out.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-h3-md-'));
after(() => rmSync(root, { recursive: true, force: true }));
// 800 files that do not parse, each in a folder with a long name: about 200 characters per input error line.
for (let i = 0; i < 800; i++) {
  const dir = join(root, `${'project-with-a-rather-long-folder-name-'.repeat(3)}${String(i).padStart(3, '0')}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'compose.yaml'), 'services:\n  api: [\n');
}
writeFileSync(join(root, 'compose.yaml'), 'services:\n  api:\n    image: nginx:1.27\n    privileged: true\n');

describe('Markdown report size', () => {
  it('stays under 60,000 characters and says how many input errors it left out', () => {
    const r = spawnSync(process.execPath, [CLI, 'scan', '.', '-f', 'markdown'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 2, r.stderr);
    assert.ok(r.stdout.length <= 60_000, `${r.stdout.length} characters`);
    const listed = r.stdout.split('\n').filter((l) => l.startsWith('- project-with')).length;
    assert.ok(listed > 100 && listed < 800, `${listed} input errors listed`);
    assert.ok(r.stdout.includes(`\n- …and ${800 - listed} more (see the full report).\n`), 'the count of what was left out');
    // The findings table and the rule texts have the budget first, and are whole; the footer ends the report.
    assert.match(r.stdout, /\| critical \| \[BW1001\]\([^)]+\) no-privileged \| compose\.yaml:4:17 \| Service "api" runs privileged\. \|/);
    assert.match(r.stdout, /\n- \*\*BW1001 Containers do not run privileged\*\*: /);
    assert.ok(!r.stdout.includes('more rules:'), 'every rule text is there');
    assert.match(r.stdout, /<\/details>\n\n<sub>Bulwark [^,]+, [^<]+<\/sub>\n$/);
  });
});
