// Writes the docs generated from rule metadata (bundled to dist/gen-docs.mjs by scripts/build.mjs):
// docs/rules/*.md with examples from each rule's test table, docs/rules/README.md, the config JSON Schema
// docs/schema/bulwark-config.schema.json, and src/report/rule-examples.generated.ts (examples for `bulwark explain`).
// `npm run gen-docs` regenerates them; test/report/rule-docs.test.ts fails when they drift.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EXAMPLES_MODULE, generateDocs, renderExamplesModule } from '../src/report/docs-gen.js';
import { allRuleMetas } from '../src/rules/index.js';

const root = process.cwd();
// typescript stays out of the bundle (a dev dependency, loaded from node_modules).
const tsName = 'typescript';
const ts = ((await import(tsName)) as { default: unknown }).default;
const rulesDir = join(root, 'src', 'rules');
const testFiles = (readdirSync(rulesDir, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.test.ts'))
  .sort()
  .map((f) => ({ name: basename(f), text: readFileSync(join(rulesDir, f), 'utf8') }));
const metas = allRuleMetas();
const { files, examples } = generateDocs(ts, metas, testFiles);
const dir = join(root, 'docs', 'rules');
mkdirSync(dir, { recursive: true });
const wanted = new Set([...files.keys()].filter((k) => k.startsWith('docs/rules/')).map((k) => basename(k)));
for (const f of readdirSync(dir)) if (f.endsWith('.md') && !wanted.has(f)) rmSync(join(dir, f));
for (const [rel, text] of files) {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}
writeFileSync(join(root, EXAMPLES_MODULE), renderExamplesModule(examples));
spawnSync(join(root, 'node_modules', '.bin', 'biome'), ['format', '--write', EXAMPLES_MODULE], { cwd: root, stdio: 'ignore' });
process.stdout.write(`wrote ${metas.length} rule pages to docs/rules/, the config schema, and ${Object.keys(examples).length} rules' examples\n`);
