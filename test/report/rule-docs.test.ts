// Generated docs must match the rules: regenerate in memory and compare with the files (STYLE.md habit 1).
// On failure run `npm run gen-docs` and commit the result.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { generateDocs } from '../../src/report/docs-gen.js';
import { RULE_EXAMPLES } from '../../src/report/rule-examples.generated.js';
import { allRuleMetas } from '../../src/rules/index.js';

const root = process.cwd();
const rulesDir = join(root, 'src', 'rules');
const testFiles = (readdirSync(rulesDir, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.test.ts'))
  .sort()
  .map((f) => ({ name: basename(f), text: readFileSync(join(rulesDir, f), 'utf8') }));
const generated = generateDocs(ts, allRuleMetas(), testFiles);

describe('generated docs do not drift (fix: npm run gen-docs)', () => {
  for (const [rel, text] of generated.files) {
    it(rel, () => {
      const path = join(root, rel);
      assert.ok(existsSync(path), `${rel} is missing`);
      assert.equal(readFileSync(path, 'utf8'), text, `${rel} drifted from the rule metadata`);
    });
  }
  it('no page of a rule that no longer exists', () => {
    const pages = readdirSync(join(root, 'docs', 'rules')).filter((f) => f.endsWith('.md'));
    assert.deepEqual(
      pages.filter((p) => !generated.files.has(`docs/rules/${p}`)),
      [],
    );
  });
  it('the examples `bulwark explain` shows are the ones in the docs', () => {
    assert.deepEqual(RULE_EXAMPLES, generated.examples);
  });
  it('most rules have examples in their docs', () => {
    const metas = allRuleMetas();
    const withExamples = metas.filter((m) => generated.examples[m.id]?.length);
    assert.ok(withExamples.length >= metas.length / 2, `${withExamples.length} of ${metas.length} rules have examples`);
  });
});
