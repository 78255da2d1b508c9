import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { applyBaseline, baselineOf, checkContainer, type Finding } from '../../src/check/index.js';
import { type Baseline, parseBaseline, renderBaseline } from '../../src/config/index.js';
import { RUNTIME_RULES } from '../../src/rules/index.js';
import { scanComposeProject } from '../../src/sources/compose/index.js';
import { memoryFs } from '../../src/sources/fs.js';

function findings(text: string) {
  const r = scanComposeProject(['/mem/compose.yaml'], memoryFs({ 'compose.yaml': text }), {});
  return r.specs.flatMap((s) => checkContainer(RUNTIME_RULES, s));
}

/** The baseline file is in /mem, the scan runs there (sources are shown relative to it). */
const here = { cwd: '/mem', dir: '/mem' };
const makeBaseline = (fs: readonly Finding[]): Baseline => baselineOf(fs, here);

const before = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
const moved = '# a comment added on top\nname: shop\n\nservices:\n  web:\n    image: nginx:1.27\n    privileged: true\n';

describe('baseline', () => {
  it('a baseline hit: accepted findings are hidden, fingerprints survive line moves', () => {
    const base = parseBaseline(renderBaseline(makeBaseline(findings(before))), 'b.json');
    assert.deepEqual(base.diagnostics, []);
    assert.ok(base.baseline);
    const now = findings(moved);
    const r = applyBaseline(now, base.baseline, 'b.json', here);
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
    const r = applyBaseline(findings(`${before}    pid: host\n`), base, 'b.json', here);
    assert.deepEqual(
      r.findings.map((f) => `${f.ruleId} ${f.location.line}`),
      ['BW1017 5'],
    );
  });

  it('duplicates are counted: one baseline entry hides one finding', () => {
    const fs = findings(before);
    const f = fs[0];
    assert.ok(f);
    const r = applyBaseline([f, f], makeBaseline([f]), 'b.json', here);
    assert.equal(r.findings.length, 1);
    assert.equal(r.suppressed.length, 1);
  });

  it('a written baseline validates against docs/schema/bulwark-baseline.schema.json', () => {
    const schema = JSON.parse(readFileSync(join(process.cwd(), 'docs', 'schema', 'bulwark-baseline.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    assert.equal(validate(JSON.parse(renderBaseline(makeBaseline(findings(before))))), true, JSON.stringify(validate.errors));
    assert.equal(validate({ version: 1, findings: [{ fingerprint: 'xyz' }] }), false);
  });

  it('a list item is matched by its value, not its position: a new capability or mount first in the list is new', () => {
    const accepted = 'services:\n  a:\n    image: nginx:1.27\n    cap_add: [SYS_ADMIN]\n    volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"]\n';
    const edited =
      'services:\n  a:\n    image: nginx:1.27\n    cap_add: [SYS_PTRACE, SYS_ADMIN]\n    volumes: ["/:/host", "/var/run/docker.sock:/var/run/docker.sock:ro"]\n';
    const base = makeBaseline(findings(accepted));
    const r = applyBaseline(findings(edited), base, 'b.json', here);
    assert.deepEqual(
      r.findings.map((f) => `${f.ruleId} ${f.location.path}`),
      ['BW1003 services.a.cap_add[0]', 'BW1014 services.a.volumes[0]', 'BW1015 services.a.volumes[0]'],
    );
    assert.deepEqual(
      r.suppressed.filter((s) => s.finding.location.path?.includes('[')).map((s) => `${s.finding.ruleId} ${s.finding.location.path}`),
      ['BW1003 services.a.cap_add[1]', 'BW1014 services.a.volumes[1]'],
    );
  });

  it('sources are stored relative to the baseline file, so the working directory does not matter', () => {
    const fromRepo = findings(before);
    const base = baselineOf(fromRepo, { cwd: '/repo', dir: '/repo' });
    assert.deepEqual([...new Set(base.findings.map((e) => e.source))], ['compose.yaml']);
    // The same findings seen from the parent folder: their sources read repo/compose.yaml.
    const fromParent = fromRepo.map((f) => ({ ...f, location: { ...f.location, source: `repo/${f.location.source}` } }));
    const r = applyBaseline(fromParent, base, 'repo/b.json', { cwd: '/', dir: '/repo' });
    assert.deepEqual(r.findings, []);
    assert.equal(r.stale, 0);
  });

  it('a version 1 file is still matched by the findings fingerprints, as it was written', () => {
    const now = findings(before);
    const v1: Baseline = {
      version: 1,
      findings: now.map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, source: f.location.source, message: f.message })),
    };
    const parsed = parseBaseline(JSON.stringify(v1), 'old.json');
    assert.ok(parsed.baseline);
    const r = applyBaseline(now, parsed.baseline, 'old.json', { cwd: '/elsewhere', dir: '/elsewhere' });
    assert.deepEqual(r.findings, []);
    assert.equal(r.suppressed.length, now.length);
  });

  it('fixed findings leave stale entries, counted', () => {
    const r = applyBaseline([], makeBaseline(findings(before)), 'b.json', here);
    assert.ok(r.stale > 0);
  });

  it('the file is sorted, versioned JSON; a broken file is a located error', () => {
    const text = renderBaseline(makeBaseline(findings(before)));
    const doc = JSON.parse(text);
    assert.equal(doc.version, 2);
    assert.deepEqual(Object.keys(doc.findings[0]).sort(), ['fingerprint', 'message', 'ruleId', 'source']);
    const bad = parseBaseline('{\n  "version": 1,\n  "findings": [\n}\n', 'b.json');
    assert.equal(bad.baseline, undefined);
    assert.deepEqual(
      bad.diagnostics.map((d) => `${d.at.line}:${d.at.column} ${d.code}`),
      ['4:1 json-syntax'],
    );
    assert.equal(parseBaseline('{"version": 3, "findings": []}', 'b.json').diagnostics[0]?.message, 'baseline version must be 2 (or 1, an older file); got 3');
  });
});
