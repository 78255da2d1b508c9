// Writes docs/rules/*.md from the rules' metadata (bundled to dist/gen-docs.js by scripts/build.mjs).
// `npm run gen-docs` regenerates them; test/docs/rule-docs.test.ts fails when they drift.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRuleDoc, renderRuleIndex } from '../src/report/rule-doc.js';
import { allRuleMetas } from '../src/rules/index.js';

const dir = join(process.cwd(), 'docs', 'rules');
mkdirSync(dir, { recursive: true });
const metas = allRuleMetas();
const wanted = new Set(metas.map((m) => `${m.name}.md`).concat('README.md'));
for (const f of readdirSync(dir)) if (f.endsWith('.md') && !wanted.has(f)) rmSync(join(dir, f));
for (const m of metas) writeFileSync(join(dir, `${m.name}.md`), renderRuleDoc(m));
writeFileSync(join(dir, 'README.md'), renderRuleIndex(metas));
process.stdout.write(`wrote ${metas.length} rule pages to docs/rules/\n`);
