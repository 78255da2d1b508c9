import type { Command } from 'commander';
import { RULE_EXAMPLES } from '../report/rule-examples.generated.js';
import { ruleDocUrl } from '../report/types.js';
import { allRuleMetas, CHECKLIST, findRuleMeta, type RuleMeta, SEVERITIES } from '../rules/index.js';
import { EXIT } from './exit-codes.js';
import { guardStdout, UsageError } from './output.js';

/** Filters of `bulwark rules`. Each takes a comma-separated list; a rule passes when it matches one value of each. */
export interface RuleFilters {
  scope?: string;
  severity?: string;
  source?: string;
  checklist?: string;
}

function list(v: string | undefined): string[] | undefined {
  return v === undefined
    ? undefined
    : v
        .split(',')
        .map((x) => x.trim().toLowerCase())
        .filter((x) => x !== '');
}

/** Applies the filters. @throws UsageError on a value no rule could have (a typo), naming the valid ones. */
export function filterRules(metas: readonly RuleMeta[], f: RuleFilters): RuleMeta[] {
  const check = (flag: string, values: string[] | undefined, known: readonly string[]) => {
    for (const v of values ?? []) if (!known.includes(v)) throw new UsageError(`--${flag} must be one of ${known.join(', ')}; got "${v}"`);
    return values;
  };
  const scopes = check('scope', list(f.scope), ['runtime', 'dockerfile', 'image', 'daemon', 'host', 'supply-chain', 'bulwark']);
  const sevs = check('severity', list(f.severity), SEVERITIES);
  const sources = check('source', list(f.source), ['compose', 'run', 'engine', 'proxy', 'swarm', 'dockerfile', 'image', 'daemon-json', 'systemd', 'host']);
  const sections = check(
    'checklist',
    list(f.checklist),
    CHECKLIST.map((c) => c.id),
  );
  return metas.filter(
    (m) =>
      (!scopes || scopes.includes(m.scope)) &&
      (!sevs || sevs.includes(m.severity)) &&
      (!sources || m.appliesTo.some((k) => sources.includes(k))) &&
      (!sections || sections.includes(m.checklist)),
  );
}

/** Renders the rules as an aligned text table: id, severity, name, scope, CIS items, title. */
export function renderRulesTable(metas: readonly RuleMeta[]): string {
  const rows = metas.map((m) => [m.id, m.severity, m.name, m.scope, cisCell(m.references.cis?.items ?? []), m.title]);
  const head = ['ID', 'SEVERITY', 'NAME', 'SCOPE', 'CIS', 'TITLE'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return `${[line(head), ...rows.map(line)].join('\n')}\n${metas.length} rule${metas.length === 1 ? '' : 's'}. \`bulwark explain ID\` for details.\n`;
}

/** Renders `bulwark explain`: title, why, what to do, references, options, messages and examples from its tests. */
export function renderExplain(m: RuleMeta): string {
  const section = CHECKLIST.find((c) => c.id === m.checklist);
  const cis = m.references.cis ? `CIS Docker Benchmark ${m.references.cis.version}: ${m.references.cis.items.join(', ')}` : 'CIS Docker Benchmark: none';
  const lines = [
    `${m.id} ${m.name} (${m.severity}, ${m.scope})`,
    m.title,
    '',
    `Severity: ${m.severity}. Scope: ${m.scope}. Applies to: ${m.appliesTo.join(', ')}.${m.fix ? ` Fix: ${m.fix}.` : ''}`,
    '',
    'Why',
    `  ${m.rationale}`,
    '',
    'What to do',
    `  ${m.remediation}`,
    '',
    'References',
    `  Seed chapter ${m.references.seed}; checklist (§14): ${section ? `${section.title} (${section.seedHeading})` : m.checklist}`,
    `  ${cis}`,
    ...(m.references.docs ?? []).map((d) => `  ${d}`),
    `  ${ruleDocUrl(m.name)}`,
  ];
  const options = Object.entries(m.options ?? {});
  if (options.length > 0) {
    lines.push('', 'Options (.bulwark.yaml: rules.<id>.options)');
    for (const [k, o] of options) lines.push(`  ${k} (default ${JSON.stringify(o.default)}): ${o.description}`);
  }
  lines.push('', 'Messages');
  for (const [id, t] of Object.entries(m.messages)) lines.push(`  ${id}: ${t as string}`);
  const examples = RULE_EXAMPLES[m.id] ?? [];
  for (const kind of ['invalid', 'valid'] as const) {
    const ex = examples.filter((e) => e.kind === kind);
    if (ex.length === 0) continue;
    lines.push('', kind === 'invalid' ? 'Reported' : 'Not reported');
    for (const e of ex) {
      lines.push(`  ${e.format}${e.caption ? `, ${e.caption}` : ''}:`);
      for (const l of e.code.trimEnd().split('\n')) lines.push(`    ${l}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `bulwark rules` and `bulwark explain ID`. */
export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('List the rules: id, severity, name, scope, CIS items and title.')
    .option('--scope <scopes>', 'only these scopes: runtime, dockerfile, image, daemon, host, supply-chain, bulwark (comma-separated)')
    .option('--severity <severities>', 'only these severities: critical, high, medium, low, info (comma-separated)')
    .option('--source <kinds>', 'only rules that apply to these sources: compose, run, dockerfile, daemon-json, systemd, host, engine... (comma-separated)')
    .option('--checklist <sections>', `only these seed §14 sections: ${CHECKLIST.map((c) => c.id).join(', ')}`)
    .option('--json', 'print the rules metadata as JSON')
    .action((flags: RuleFilters & { json?: boolean }) => {
      const metas = filterRules(allRuleMetas(), flags);
      guardStdout();
      process.stdout.write(flags.json ? `${JSON.stringify(metas, null, 2)}\n` : renderRulesTable(metas));
      process.exitCode = EXIT.clean;
    });
  program
    .command('explain')
    .description('Explain one rule: what it checks, why, how to fix, references, options and examples.')
    .argument('<rule>', 'rule id (BW1001) or name (no-privileged)')
    .option('--json', 'print the rule metadata and examples as JSON')
    .action((q: string, flags: { json?: boolean }) => {
      const m = findRuleMeta(q);
      if (!m) throw new UsageError(`no rule "${q}"; \`bulwark rules\` lists them`);
      guardStdout();
      process.stdout.write(flags.json ? `${JSON.stringify({ ...m, examples: RULE_EXAMPLES[m.id] ?? [] }, null, 2)}\n` : renderExplain(m));
      process.exitCode = EXIT.clean;
    });
}

/**
 * The CIS column of the rules table: up to three items, then how many more (BW5001 cites a dozen host items,
 * which made every row of the table 250 columns wide); `bulwark explain` lists them all.
 */
function cisCell(items: readonly string[]): string {
  return items.length <= 3 ? items.join(',') : `${items.slice(0, 3).join(',')},+${items.length - 3}`;
}
