import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { applyBaseline, checkContainer } from '../../src/check/index.js';
import { makeBaseline, parseBaseline, renderBaseline } from '../../src/config/index.js';
import { RUNTIME_RULES } from '../../src/rules/index.js';
import { scanComposeProject } from '../../src/sources/compose/index.js';
import { memoryFs } from '../../src/sources/fs.js';

function findings(text: string) {
  const r = scanComposeProject(['/mem/compose.yaml'], memoryFs({ 'compose.yaml': text }), {});
  return r.specs.flatMap((s) => checkContainer(RUNTIME_RULES, s));
}

const before = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
const moved = '# a comment added on top\nname: shop\n\nservices:\n  web:\n    image: nginx:1.27\n    privileged: true\n';

describe('baseline', () => {
  it('a baseline hit: accepted findings are hidden, fingerprints survive line moves', () => {
    const base = parseBaseline(renderBaseline(makeBaseline(findings(before))), 'b.json');
    assert.deepEqual(base.diagnostics, []);
    assert.ok(base.baseline);
    const now = findings(moved);
    const r = applyBaseline(now, base.baseline, 'b.json');
    const priv = now.find((f) => f.ruleId === 'BW1001');
    assert.equal(priv?.location.line, 7);
    assert.ok(r.suppressed.some((s) => s.finding.ruleId === 'BW1001' && s.kind === 'baseline'));
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      [],
    );
    assert.equal(r.stale, 0);
  });

  it('a new finding is not hidden by the baseline', () => {
    const base = makeBaseline(findings(before));
    const r = applyBaseline(findings(`${before}    pid: host\n`), base, 'b.json');
    assert.deepEqual(
      r.findings.map((f) => `${f.ruleId} ${f.location.line}`),
      ['BW1017 5'],
    );
  });

  it('duplicates are counted: one baseline entry hides one finding', () => {
    const fs = findings(before);
    const f = fs[0];
    assert.ok(f);
    const r = applyBaseline([f, f], makeBaseline([f]), 'b.json');
    assert.equal(r.findings.length, 1);
    assert.equal(r.suppressed.length, 1);
  });

  it('a written baseline validates against docs/schema/bulwark-baseline.schema.json', () => {
    const schema = JSON.parse(readFileSync(join(process.cwd(), 'docs', 'schema', 'bulwark-baseline.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    assert.equal(validate(JSON.parse(renderBaseline(makeBaseline(findings(before))))), true, JSON.stringify(validate.errors));
    assert.equal(validate({ version: 1, findings: [{ fingerprint: 'xyz' }] }), false);
  });

  it('fixed findings leave stale entries, counted', () => {
    const r = applyBaseline([], makeBaseline(findings(before)), 'b.json');
    assert.ok(r.stale > 0);
  });

  it('the file is sorted, versioned JSON; a broken file is a located error', () => {
    const text = renderBaseline(makeBaseline(findings(before)));
    const doc = JSON.parse(text);
    assert.equal(doc.version, 1);
    assert.deepEqual(Object.keys(doc.findings[0]).sort(), ['fingerprint', 'message', 'ruleId', 'source']);
    const bad = parseBaseline('{\n  "version": 1,\n  "findings": [\n}\n', 'b.json');
    assert.equal(bad.baseline, undefined);
    assert.deepEqual(
      bad.diagnostics.map((d) => `${d.at.line}:${d.at.column} ${d.code}`),
      ['4:1 json-syntax'],
    );
    assert.match(parseBaseline('{"version": 2, "findings": []}', 'b.json').diagnostics[0]?.message ?? '', /version must be 1/);
  });
});
