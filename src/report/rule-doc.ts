import { CHECKLIST, type RuleMeta } from '../rules/index.js';

/** Example cases shown on a rule's doc page (from the rule's tests). */
export interface RuleDocExample {
  kind: 'valid' | 'invalid';
  /** Source format: compose, run, dockerfile... */
  format: string;
  code: string;
  /** One line said before the code: the case's name, and for reported cases where the findings are. */
  caption?: string;
}

/** The Markdown fence language of a source format. */
export function fenceLanguage(format: string): string {
  return (
    ({ compose: 'yaml', run: 'sh', dockerfile: 'dockerfile', 'daemon-json': 'json', systemd: 'ini', engine: 'json', host: 'text' } as Record<string, string>)[
      format
    ] ?? 'text'
  );
}

/** Renders one rule's doc page (docs/rules/<name>.md) from its metadata only (STYLE.md habit 1). */
export function renderRuleDoc(m: RuleMeta, examples: readonly RuleDocExample[] = []): string {
  const section = CHECKLIST.find((c) => c.id === m.checklist);
  const lines = [
    `# ${m.id} ${m.name}`,
    '',
    `<!-- Generated from the rule's metadata by \`npm run gen-docs\`; do not edit. -->`,
    '',
    `**${m.title}**`,
    '',
    '| | |',
    '|---|---|',
    `| Severity | ${m.severity} |`,
    `| Scope | ${m.scope} |`,
    `| Applies to | ${m.appliesTo.join(', ')} |`,
    `| Seed chapter | ${m.references.seed} |`,
    `| Checklist (§14) | ${section ? `${section.title} (${section.seedHeading})` : m.checklist} |`,
    `| CIS Docker Benchmark | ${m.references.cis ? `${m.references.cis.version}: ${m.references.cis.items.join(', ')}` : 'none'} |`,
    `| Fix | ${m.fix ?? 'none'} |`,
    '',
    '## Why',
    '',
    m.rationale,
    '',
    '## What to do',
    '',
    m.remediation,
    '',
    '## Messages',
    '',
    ...Object.entries(m.messages).map(([id, t]) => `- \`${id}\`: ${t as string}`),
  ];
  if (m.options && Object.keys(m.options).length > 0) {
    lines.push('', '## Options', '', '| option | default | meaning |', '|---|---|---|');
    for (const [k, o] of Object.entries(m.options)) lines.push(`| \`${k}\` | \`${JSON.stringify(o.default)}\` | ${o.description} |`);
  }
  for (const kind of ['invalid', 'valid'] as const) {
    const ex = examples.filter((e) => e.kind === kind);
    if (ex.length === 0) continue;
    lines.push('', kind === 'invalid' ? '## Reported' : '## Not reported');
    for (const e of ex) {
      lines.push('', `${e.format}${e.caption ? `, ${e.caption}` : ''}:`, '', `\`\`\`${fenceLanguage(e.format)}`, e.code.trimEnd(), '```');
    }
  }
  if (m.references.docs?.length) lines.push('', '## References', '', ...m.references.docs.map((d) => `- ${d}`));
  return `${lines.join('\n')}\n`;
}

/** Renders docs/rules/README.md: the table of every rule. */
export function renderRuleIndex(metas: readonly RuleMeta[]): string {
  const lines = [
    '# Rules',
    '',
    "<!-- Generated from the rules' metadata by `npm run gen-docs`; do not edit. -->",
    '',
    '| id | name | severity | applies to | seed | CIS 1.6.0 |',
    '|---|---|---|---|---|---|',
    ...metas.map(
      (m) =>
        `| ${m.id} | [${m.name}](${m.name}.md) | ${m.severity} | ${m.appliesTo.join(', ')} | ${m.references.seed} | ${m.references.cis?.items.join(', ') ?? ''} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
