import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { filterRules, renderExplain, renderRulesTable } from '../../src/cli/rules.js';
import { RULE_EXAMPLES } from '../../src/report/rule-examples.generated.js';
import { allRuleMetas, findRuleMeta } from '../../src/rules/index.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'bin.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('bulwark rules', () => {
  it('filters by scope, severity, source and checklist section', () => {
    const metas = allRuleMetas();
    const crit = filterRules(metas, { severity: 'critical', source: 'compose' });
    assert.ok(crit.length > 0);
    assert.ok(crit.every((m) => m.severity === 'critical' && m.appliesTo.includes('compose')));
    assert.ok(crit.some((m) => m.id === 'BW1001'));
    const both = filterRules(metas, { severity: 'critical,high', scope: 'runtime' });
    assert.ok(both.every((m) => (m.severity === 'critical' || m.severity === 'high') && m.scope === 'runtime'));
    assert.deepEqual(
      filterRules(metas, { scope: 'bulwark' }).map((m) => m.id),
      ['BW9001', 'BW9002'],
    );
    assert.ok(filterRules(metas, { checklist: 'runtime' }).every((m) => m.checklist === 'runtime'));
    assert.throws(() => filterRules(metas, { severity: 'urgent' }), /--severity must be one of critical, high, medium, low, info; got "urgent"/);
  });

  it('prints an aligned table with a count', () => {
    const m = findRuleMeta('BW1001');
    assert.ok(m);
    const text = renderRulesTable([m]);
    assert.equal(
      text,
      'ID      SEVERITY  NAME           SCOPE    CIS  TITLE\nBW1001  critical  no-privileged  runtime  5.5  Containers do not run privileged\n1 rule. `bulwark explain ID` for details.\n',
    );
  });

  it('shows at most three CIS items per row, then how many more', () => {
    const m = findRuleMeta('BW5001');
    assert.ok(m?.references.cis && m.references.cis.items.length > 3);
    const row = renderRulesTable([m]).split('\n')[1] as string;
    const [a, b, c] = m.references.cis.items;
    assert.ok(row.includes(`  ${a},${b},${c},+${m.references.cis.items.length - 3}  `), row);
  });

  it('explain shows title, why, what to do, seed and CIS references, and examples from the tests', () => {
    const m = findRuleMeta('no-privileged');
    assert.ok(m);
    const text = renderExplain(m, RULE_EXAMPLES[m.id] ?? []);
    for (const part of [
      'BW1001 no-privileged',
      m.title,
      'Why',
      m.rationale,
      'What to do',
      m.remediation,
      'Seed chapter §5.8',
      'CIS Docker Benchmark 1.6.0: 5.5',
      'Reported',
      'Not reported',
      'privileged: true',
    ])
      assert.ok(text.includes(part), part);
  });

  it('the CLI: rules --json, explain by id, unknown rule exits 2', () => {
    const r = run('rules', '--scope', 'bulwark', '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(
      JSON.parse(r.stdout).map((m: { id: string }) => m.id),
      ['BW9001', 'BW9002'],
    );
    const e = run('explain', 'BW9001');
    assert.equal(e.status, 0);
    assert.match(e.stdout, /suppression-without-reason/);
    const bad = run('explain', 'BW0000');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /no rule "BW0000"/);
  });
});
