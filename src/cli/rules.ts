import type { Command } from 'commander';
import { allRuleMetas, CHECKLIST, findRuleMeta } from '../rules/index.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './output.js';

/** `bulwark rules` and `bulwark explain ID`. */
export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('List every rule: id, severity, name and title.')
    .option('--scope <scope>', 'only rules of one scope (runtime, dockerfile, image, daemon, host, supply-chain)')
    .option('--json', 'print the rules metadata as JSON')
    .action((flags: { scope?: string; json?: boolean }) => {
      const metas = allRuleMetas().filter((m) => flags.scope === undefined || m.scope === flags.scope);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(metas, null, 2)}\n`);
        return;
      }
      for (const m of metas) process.stdout.write(`${m.id}  ${m.severity.padEnd(8)}  ${m.name.padEnd(32)}  ${m.title}\n`);
      process.stdout.write(`${metas.length} rules. \`bulwark explain ID\` for details.\n`);
    });
  program
    .command('explain')
    .description('Explain one rule: what it checks, why, how to fix, references.')
    .argument('<rule>', 'rule id (BW1001) or name (no-privileged)')
    .action((q: string) => {
      const m = findRuleMeta(q);
      if (!m) throw new UsageError(`no rule "${q}"; \`bulwark rules\` lists them`);
      const section = CHECKLIST.find((c) => c.id === m.checklist)?.title ?? m.checklist;
      const cis = m.references.cis ? `CIS Docker Benchmark ${m.references.cis.version}: ${m.references.cis.items.join(', ')}` : 'CIS: none';
      const lines = [
        `${m.id} ${m.name} (${m.severity}, ${m.scope})`,
        m.title,
        '',
        `Why: ${m.rationale}`,
        '',
        `Fix: ${m.remediation}`,
        '',
        `Checklist: ${section}. Seed: ${m.references.seed}. ${cis}.`,
        ...(m.references.docs ?? []).map((d) => `See: ${d}`),
        `Applies to: ${m.appliesTo.join(', ')}.`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      process.exitCode = EXIT.clean;
    });
}
