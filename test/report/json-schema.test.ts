// The JSON report against its published schema (docs/schema/bulwark-report.schema.json), with ajv.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { Finding } from '../../src/check/index.js';
import { renderJson } from '../../src/report/json.js';
import { ruleDocUrl } from '../../src/report/types.js';
import { allRuleMetas, type RuleMeta } from '../../src/rules/index.js';
import { FIXTURE_FINDINGS, FIXTURE_SUPPRESSED, fixtureInput } from './fixture.js';

const root = process.cwd();
/** The CLI of this build (src/bin.js transpiled beside this test). */
const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'bin.js');
const schema = JSON.parse(readFileSync(join(root, 'docs', 'schema', 'bulwark-report.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
const validate = ajv.compile(schema);

function check(doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

interface Report {
  rules: Record<
    string,
    { name: string; title: string; scope: string; rationale: string; remediation: string; checklist: string; seed: string; cis?: string[]; helpUri: string }
  >;
  findings: { ruleId: string }[];
  suppressed: { ruleId: string }[];
}

/** `rules` holds exactly the rules of the findings and suppressed findings, keys in rule id order. */
function assertRulesJoin(doc: Report): void {
  const used = new Set([...doc.findings, ...doc.suppressed].map((f) => f.ruleId));
  for (const id of used) assert.ok(doc.rules[id], `${id} has a finding but no rules entry`);
  for (const id of Object.keys(doc.rules)) assert.ok(used.has(id), `rules holds ${id}, which has no finding or suppressed finding`);
  assert.deepEqual(Object.keys(doc.rules), [...used].sort());
}

/** The rules entry a finding's own copy of its rule's texts gives (what a version 1 finding carried). */
function ruleTextsOf(f: Finding): Report['rules'][string] {
  return {
    name: f.ruleName,
    title: f.title,
    scope: f.scope,
    rationale: f.rationale,
    remediation: f.remediation,
    checklist: f.checklist,
    seed: f.seed,
    ...(f.cis ? { cis: f.cis } : {}),
    helpUri: ruleDocUrl(f.ruleName),
  };
}

describe('JSON report schema', () => {
  it('the fixture report validates', () => {
    const doc = JSON.parse(renderJson(fixtureInput()));
    assert.deepEqual(check(doc), []);
    assertRulesJoin(doc);
    assert.deepEqual(Object.keys(doc), ['version', 'tool', 'generatedAt', 'failOn', 'summary', 'checklist', 'rules', 'findings', 'suppressed', 'errors']);
  });
  it('rules hold the texts every finding of the rule carries in memory, from the metadata or, failing it, from the finding', () => {
    const fromMeta = JSON.parse(renderJson(fixtureInput())) as Report;
    for (const f of [...FIXTURE_FINDINGS, ...FIXTURE_SUPPRESSED.map((s) => s.finding)]) assert.deepEqual(fromMeta.rules[f.ruleId], ruleTextsOf(f), f.ruleId);
    const withoutMeta = JSON.parse(renderJson(fixtureInput({ rules: [] }))) as Report;
    assert.deepEqual(withoutMeta.rules, fromMeta.rules);
  });
  it("a real scan of examples/ validates, and its rules entries are the rules' metadata", () => {
    const r = spawnSync(process.execPath, [BIN, 'scan', 'examples/', '--format', 'json'], { cwd: root, encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const doc = JSON.parse(r.stdout) as Report;
    assert.deepEqual(check(doc), []);
    assert.ok(doc.findings.length > 0);
    assertRulesJoin(doc);
    const metas = new Map<string, RuleMeta>(allRuleMetas().map((m) => [m.id, m]));
    for (const [id, rule] of Object.entries(doc.rules)) {
      const m = metas.get(id);
      assert.ok(m, id);
      assert.deepEqual(rule, {
        name: m.name,
        title: m.title,
        scope: m.scope,
        rationale: m.rationale,
        remediation: m.remediation,
        checklist: m.checklist,
        seed: m.references.seed,
        ...(m.references.cis ? { cis: m.references.cis.items } : {}),
        helpUri: ruleDocUrl(m.name),
      });
    }
  });
  it('rejects a renamed key and a wrong version (the schema is strict)', () => {
    const doc = JSON.parse(renderJson(fixtureInput()));
    assert.notDeepEqual(check({ ...doc, version: 1 }), []);
    const f = { ...doc.findings[0], rule: 'x' };
    assert.notDeepEqual(check({ ...doc, findings: [f] }), []);
    const { rules: _, ...noRules } = doc;
    assert.notDeepEqual(check(noRules), []);
  });
  it('rejects the version 1 per-finding rule texts (they are in rules now)', () => {
    const doc = JSON.parse(renderJson(fixtureInput()));
    for (const key of ['title', 'rationale', 'remediation', 'seed', 'cis']) {
      assert.notDeepEqual(check({ ...doc, findings: [{ ...doc.findings[0], [key]: 'x' }] }), [], `finding with ${key}`);
      assert.notDeepEqual(check({ ...doc, suppressed: [{ ...doc.suppressed[0], [key]: 'x' }] }), [], `suppressed with ${key}`);
    }
    assert.notDeepEqual(check({ ...doc, rules: { ...doc.rules, BW1001: { ...doc.rules.BW1001, severity: 'high' } } }), []);
  });
  it('cuts a service name of 3,000 characters in messages and a key of 1,000 in location.path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-json-long-'));
    try {
      // Explicit keys (`? key`): YAML takes an implicit key of at most 1,024 characters.
      writeFileSync(
        join(dir, 'compose.yaml'),
        `services:\n  ? ${'s'.repeat(3000)}\n  : image: nginx:1.27\n    privileged: true\n    privilegd: true\n    environment:\n      ? ${'K'.repeat(1000)}\n      : ghp_1234567890abcdefghijABCDEFGHIJ123456\n`,
      );
      const r = spawnSync(process.execPath, [BIN, 'scan', 'compose.yaml', '--format', 'json', '--fail-on', 'none'], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const doc = JSON.parse(r.stdout);
      assert.deepEqual(check(doc), []);
      type Shown = { ruleId?: string; code?: string; message: string; location?: { path?: string }; at?: { path?: string } };
      const service = `"${'s'.repeat(100)}..." (3000 characters)`;
      const key = `services.${'s'.repeat(48)}...(3000 characters)`;
      const privileged = (doc.findings as Shown[]).find((f) => f.ruleId === 'BW1001');
      assert.deepEqual([privileged?.message, privileged?.location?.path], [`Service ${service} runs privileged.`, `${key}.privileged`]);
      const secret = (doc.findings as Shown[]).find((f) => f.ruleId === 'BW1024');
      assert.equal(secret?.location?.path, `${key}.environment.${'K'.repeat(48)}...(1000 characters)`);
      assert.deepEqual(
        (doc.errors as Shown[]).map((e) => [e.code, e.message, e.at?.path]),
        [
          [
            'invalid-value',
            `service ${service}: unknown key "privilegd" is not read (did you mean "privileged"?): compose refuses keys the compose-spec does not define`,
            `${key}.privilegd`,
          ],
        ],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
