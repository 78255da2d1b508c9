import type { RuleMeta } from '../rules/index.js';
import type { RuleDocExample } from './rule-doc.js';

/** The part of the TypeScript compiler API the extractor uses (passed in: `typescript` is a dev dependency only). */
// biome-ignore lint/suspicious/noExplicitAny: the compiler API is used structurally, without its types at run time
type Ts = any;

/** Source keys of rule cases (testing/rule-tester.ts RuleCase), in the order examples are shown when appliesTo is silent. */
const SOURCE_KEYS = ['compose', 'run', 'dockerfile', 'daemon-json', 'systemd', 'host', 'engine', 'proxy', 'image', 'swarm'];

/** Removes the common indentation and the first and last blank lines (as testing/dedent.ts does). */
function dedent(raw: string): string {
  const lines = raw
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => (/^[ \t]*/.exec(l) as RegExpExecArray)[0].length));
  return `${lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n')}\n`;
}

/** The string a case property holds, when it is written literally; undefined for computed values. */
function literalText(ts: Ts, node: Ts): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTaggedTemplateExpression(node) && ts.isNoSubstitutionTemplateLiteral(node.template) && ts.isIdentifier(node.tag)) {
    const tag = node.tag.text;
    if (tag === 'yaml' || tag === 'dedent') return dedent(node.template.text);
    if (tag === 'df') return dedent((node.template.rawText ?? node.template.text).replace(/\\\$\{/g, '${'));
  }
  return undefined;
}

interface LiteralCase {
  kind: string;
  code: string;
  name?: string;
  plain: boolean;
  errors: { messageId: string; line: number; column: number }[];
}

function propName(ts: Ts, p: Ts): string | undefined {
  if (!ts.isPropertyAssignment(p)) return undefined;
  const n = p.name;
  return ts.isIdentifier(n) || ts.isStringLiteral(n) ? n.text : undefined;
}

function readCase(ts: Ts, obj: Ts): LiteralCase | undefined {
  if (!ts.isObjectLiteralExpression(obj)) return undefined;
  let kind: string | undefined;
  let code: string | undefined;
  let name: string | undefined;
  let plain = true;
  const errors: LiteralCase['errors'] = [];
  for (const p of obj.properties) {
    const key = propName(ts, p);
    if (key === undefined) {
      plain = false;
      continue;
    }
    if (SOURCE_KEYS.includes(key)) {
      kind = key;
      code = literalText(ts, p.initializer);
    } else if (key === 'name') name = literalText(ts, p.initializer);
    else if (key === 'errors' && ts.isArrayLiteralExpression(p.initializer)) {
      for (const e of p.initializer.elements) {
        if (!ts.isObjectLiteralExpression(e)) continue;
        const get = (k: string) => e.properties.find((q: Ts) => propName(ts, q) === k)?.initializer;
        const id = get('messageId');
        const line = get('line');
        const col = get('column');
        if (id && ts.isStringLiteral(id) && line && ts.isNumericLiteral(line) && col && ts.isNumericLiteral(col))
          errors.push({ messageId: id.text, line: Number(line.text), column: Number(col.text) });
      }
    } else if (key === 'model') return undefined;
    else plain = false; // files, env, options: the case needs more than its text
  }
  if (kind === undefined || code === undefined) return undefined;
  const c: LiteralCase = { kind, code, plain, errors };
  if (name !== undefined) c.name = name;
  return c;
}

/**
 * Reads the `testRule(rule, { valid, invalid })` table of one rule test file with the TypeScript parser (never
 * running it) and returns its cases written as literal text: the source of every rule's doc examples, so examples
 * are always cases the test suite proves. Cases with extra files, environment or options, and model cases, are
 * skipped.
 */
export function readRuleCases(ts: Ts, fileName: string, text: string): { valid: LiteralCase[]; invalid: LiteralCase[] } {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out = { valid: [] as LiteralCase[], invalid: [] as LiteralCase[] };
  const visit = (node: Ts): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'testRule' && node.arguments.length >= 2) {
      const table = node.arguments[1];
      if (ts.isObjectLiteralExpression(table)) {
        for (const p of table.properties) {
          const key = propName(ts, p);
          if ((key === 'valid' || key === 'invalid') && ts.isArrayLiteralExpression(p.initializer)) {
            for (const e of p.initializer.elements) {
              const c = readCase(ts, e);
              if (c) out[key].push(c);
            }
          }
        }
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const MAX_LINES = 24;

/**
 * Picks a rule's doc examples from its cases: per source format (in appliesTo order), the first reported
 * (invalid) case and the first not-reported (valid) case written as plain text and at most 24 lines long.
 */
export function pickExamples(meta: RuleMeta, cases: { valid: LiteralCase[]; invalid: LiteralCase[] }): RuleDocExample[] {
  const kinds = [...meta.appliesTo.filter((k) => SOURCE_KEYS.includes(k)), ...SOURCE_KEYS.filter((k) => !meta.appliesTo.includes(k as never))];
  const fits = (c: LiteralCase) => c.plain && c.code.trim() !== '' && c.code.split('\n').length <= MAX_LINES;
  const out: RuleDocExample[] = [];
  for (const kind of kinds) {
    const bad = cases.invalid.find((c) => c.kind === kind && fits(c));
    const good = cases.valid.find((c) => c.kind === kind && fits(c));
    if (bad) {
      const at = bad.errors.map((e) => (e.line > 0 ? `line ${e.line}, column ${e.column} (${e.messageId})` : e.messageId)).join('; ');
      out.push({ kind: 'invalid', format: kind, code: bad.code, caption: `${bad.name ? `${bad.name}: ` : ''}reported at ${at || 'the subject'}` });
    }
    if (good) {
      const e: RuleDocExample = { kind: 'valid', format: kind, code: good.code };
      if (good.name) e.caption = good.name;
      out.push(e);
    }
  }
  return out;
}
