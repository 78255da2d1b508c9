import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultOptions, describeContainer, type Finding, formatMessage, runRules, type SettingsLookup } from '../check/index.js';
import { type ContainerSpec, describeImageSpec, type ImageSpec } from '../model/index.js';
import type { Rule, SourceKind } from '../rules/index.js';
import { CASE_LOADERS } from './sources.js';

/** One expected finding: message id and exact position (STYLE.md 2.2: tests assert line and column). */
export interface ExpectedError {
  messageId: string;
  /** 0 (with column 0) for a finding about a whole file or host fact, which has no position. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  status?: 'violation' | 'unknown';
  /** Exact message text, when the test wants to pin it. */
  message?: string;
  /** The file the finding points at, when not the case's main file. */
  source?: string;
}

/** A rule test case: exactly one source key (compose, run, dockerfile...) or `model`. */
export type RuleCase = { [K in SourceKind]?: string } & {
  name?: string;
  /** A subject built directly (parser-free). */
  model?: unknown;
  files?: Record<string, string>;
  env?: Record<string, string>;
  options?: Record<string, unknown>;
};

export type InvalidCase = RuleCase & { errors: ExpectedError[] };

function caseKind(c: RuleCase): SourceKind | 'model' {
  const keys = (Object.keys(c) as string[]).filter(
    (k) => k === 'model' || k in CASE_LOADERS || ['run', 'dockerfile', 'engine', 'proxy', 'image', 'daemon-json', 'systemd', 'host', 'swarm'].includes(k),
  );
  if (keys.length !== 1) throw new Error(`a rule case needs exactly one source key; got ${keys.join(', ') || 'none'}`);
  return keys[0] as SourceKind | 'model';
}

function targetOf(subject: unknown): { name: string; target: string } {
  const s = subject as Partial<ContainerSpec> & { name?: string; describe?: string };
  if (s.origin !== undefined && s.capAdd !== undefined) return { name: s.name as string, target: describeContainer(s as ContainerSpec) };
  const origin = (s as { origin?: string }).origin;
  if ((origin === 'dockerfile' || origin === 'image') && 'exposedPorts' in s)
    return { name: s.name as string, target: describeImageSpec(s as unknown as ImageSpec) };
  return { name: s.name ?? 'subject', target: s.describe ?? s.name ?? 'subject' };
}

function runCase<S>(rule: Rule<S>, c: RuleCase): Finding[] {
  const kind = caseKind(c);
  let subjects: unknown[];
  if (kind === 'model') subjects = [c.model];
  else {
    const loader = CASE_LOADERS[kind];
    if (!loader) throw new Error(`no case loader for source "${kind}"`);
    const input = { code: c[kind] as string, ...(c.files ? { files: c.files } : {}), ...(c.env ? { env: c.env } : {}) };
    const r = loader(input, rule.meta.scope);
    assert.deepEqual(
      r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.at.line}:${d.at.column} ${d.message}`),
      [],
      'the case itself must parse without errors',
    );
    subjects = r.subjects;
  }
  const settings: SettingsLookup = (meta) => ({ enabled: true, options: { ...defaultOptions(meta), ...c.options } });
  const out: Finding[] = [];
  for (const s of subjects) {
    const { name, target } = targetOf(s);
    out.push(...runRules([rule], s as S, name, target, settings));
  }
  return out.sort((a, b) => (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.column ?? 0) - (b.location.column ?? 0));
}

function messageIdOf<S>(rule: Rule<S>, f: Finding): string {
  for (const [id, template] of Object.entries(rule.meta.messages)) {
    const pattern = new RegExp(
      `^${formatMessage(template as string, {})
        .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\{[a-zA-Z_]+\}/g, '[\\s\\S]*')}$`,
    );
    if (pattern.test(f.message)) return id;
  }
  return '?';
}

/**
 * Runs a rule's valid and invalid cases as node:test tests, then checks the table itself (STYLE.md 2.2):
 * every registered source in `appliesTo` has a valid and an invalid case, every messageId is exercised,
 * no placeholder is left unfilled, and no case is duplicated.
 */
export function testRule<S>(rule: Rule<S>, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  const m = rule.meta;
  describe(`${m.id} ${m.name}`, () => {
    cases.valid.forEach((c, i) => {
      it(`valid ${caseKind(c)} #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const found = runCase(rule, c);
        assert.deepEqual(
          found.map((f) => `${f.location.line}:${f.location.column} ${f.message}`),
          [],
        );
      });
    });
    const exercised = new Set<string>();
    cases.invalid.forEach((c, i) => {
      for (const e of c.errors) exercised.add(e.messageId);
      it(`invalid ${caseKind(c)} #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const found = runCase(rule, c);
        const actual = found.map((f, j) => {
          const e = c.errors[j];
          const a: Record<string, unknown> = { messageId: messageIdOf(rule, f), line: f.location.line ?? 0, column: f.location.column ?? 0 };
          if (e?.endLine !== undefined) a.endLine = f.location.endLine;
          if (e?.endColumn !== undefined) a.endColumn = f.location.endColumn;
          if (e?.status !== undefined) a.status = f.status;
          if (e?.message !== undefined) a.message = f.message;
          if (e?.source !== undefined) a.source = f.location.source;
          return a;
        });
        assert.deepEqual(
          actual,
          c.errors.map((e) => ({ ...e })),
          `findings: ${found.map((f) => `${f.location.line}:${f.location.column} ${f.message}`).join(' | ')}`,
        );
        for (const f of found) assert.doesNotMatch(f.message, /(?<!\$)\{[a-zA-Z_]+\}/, 'a placeholder was left unfilled');
      });
    });
    it('table covers the rule', () => {
      const registered = m.appliesTo.filter((k) => k in CASE_LOADERS);
      for (const k of registered) {
        assert.ok(
          cases.valid.some((c) => caseKind(c) === k),
          `${m.id}: no valid ${k} case`,
        );
        assert.ok(
          cases.invalid.some((c) => caseKind(c) === k),
          `${m.id}: no invalid ${k} case`,
        );
      }
      for (const id of Object.keys(m.messages)) assert.ok(exercised.has(id), `${m.id}: messageId "${id}" is never exercised`);
      const keys = [...cases.valid, ...cases.invalid].map((c) => JSON.stringify({ ...c, errors: undefined, name: undefined }));
      assert.equal(new Set(keys).size, keys.length, `${m.id}: duplicate cases`);
    });
  });
}
