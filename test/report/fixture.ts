// The one findings fixture every reporter renders into test/golden/ (STYLE.md habit 6). It is written by hand,
// rule metadata included, so that golden files change only when a reporter changes, never when a rule's text does.

import type { Finding, SuppressedFinding } from '../../src/check/index.js';
import { compareFindings, fingerprint } from '../../src/check/index.js';
import type { Diagnostic, Location } from '../../src/model/index.js';
import { summarize } from '../../src/report/summary.js';
import type { ReportInput } from '../../src/report/types.js';
import type { RuleMeta } from '../../src/rules/index.js';

/** Four rules of the fixture: two runtime ones (one with CIS items), one Dockerfile rule, one Bulwark rule. */
export const FIXTURE_RULES: RuleMeta[] = [
  {
    id: 'BW1001',
    name: 'no-privileged',
    scope: 'runtime',
    severity: 'critical',
    title: 'Containers do not run privileged',
    rationale: 'A privileged container gets every capability and every host device; root in it is root on the host.',
    remediation: 'Remove `privileged: true` (`--privileged`) and add single capabilities after `cap_drop: [ALL]`.',
    references: { seed: '§5.8', cis: { version: '1.6.0', items: ['5.5'] } },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine'],
    messages: { privileged: '{target} runs privileged.' },
  },
  {
    id: 'BW1024',
    name: 'no-secrets-in-environment',
    scope: 'runtime',
    severity: 'high',
    title: 'Secrets are not passed in environment variables',
    rationale: 'Environment variables show in `docker inspect`, in /proc and in crash reports | logs.',
    remediation: 'Use compose `secrets:` mounted as files under /run/secrets.',
    references: { seed: '§6.2', cis: { version: '1.6.0', items: ['5.x <none>'] } },
    checklist: 'network-secrets',
    appliesTo: ['compose', 'run'],
    messages: { secret: '{target} sets {name} to a secret value ({masked}).' },
  },
  {
    id: 'BW2001',
    name: 'require-user-instruction',
    scope: 'dockerfile',
    severity: 'medium',
    title: 'The final stage sets a non-root USER',
    rationale: 'Without USER the process runs as root, and an escape starts with root.',
    remediation: 'Add `USER 10001:10001` to the final stage.',
    references: { seed: '§3.1', cis: { version: '1.6.0', items: ['4.1'] } },
    checklist: 'images-build',
    appliesTo: ['dockerfile'],
    messages: { noUser: 'The final stage of {target} has no USER.' },
  },
  {
    id: 'BW1029',
    name: 'require-log-rotation',
    scope: 'runtime',
    severity: 'low',
    title: 'Container logs are rotated',
    rationale: 'Unrotated json-file logs fill the disk.',
    remediation: 'Set `max-size` and `max-file` log options.',
    references: { seed: '§9.1' },
    checklist: 'observability-audit',
    appliesTo: ['compose'],
    messages: { unknown: '{target} leaves its log driver to the daemon.' },
  },
];

function meta(id: string): RuleMeta {
  const m = FIXTURE_RULES.find((r) => r.id === id);
  if (!m) throw new Error(`no fixture rule ${id}`);
  return m;
}

function finding(id: string, message: string, at: Location, subject: string, extra: Partial<Finding> = {}): Finding {
  const m = meta(id);
  const f: Finding = {
    ruleId: m.id,
    ruleName: m.name,
    scope: m.scope,
    severity: m.severity,
    status: 'violation',
    title: m.title,
    message,
    rationale: m.rationale,
    remediation: m.remediation,
    location: at,
    subject,
    checklist: m.checklist,
    seed: m.references.seed,
    fingerprint: fingerprint(m.id, at, subject, message),
    ...extra,
  };
  if (m.references.cis) f.cis = m.references.cis.items;
  return f;
}

const compose = 'stack/compose.yaml';

/** The fixture's findings, sorted as the pipeline sorts them. */
export const FIXTURE_FINDINGS: Finding[] = [
  finding(
    'BW1001',
    'Service "api" runs privileged.',
    { source: compose, line: 7, column: 17, endLine: 7, endColumn: 21, path: 'services.api.privileged' },
    'api',
  ),
  finding(
    'BW1024',
    'Service "api" sets STRIPE_KEY to a secret value (sk_l...(32 chars)).',
    { source: compose, line: 10, column: 7, endLine: 10, endColumn: 17, path: 'services.api.environment.STRIPE_KEY' },
    'api',
  ),
  finding(
    'BW1029',
    'Service "web" leaves its log driver to the daemon.',
    { source: compose, line: 12, column: 3, endLine: 12, endColumn: 6, path: 'services.web' },
    'web',
    { status: 'unknown', severity: 'info' },
  ),
  finding('BW1001', 'Container "db <prod> & co" runs privileged.', { source: 'container:db', path: 'HostConfig.Privileged' }, 'db <prod> & co'),
  finding('BW2001', 'The final stage of Dockerfile has no USER.', { source: 'stack/Dockerfile', line: 4, column: 1, endLine: 4, endColumn: 18 }, 'Dockerfile'),
].sort(compareFindings);

/** One finding hidden by an inline comment. */
export const FIXTURE_SUPPRESSED: SuppressedFinding[] = [
  {
    finding: finding('BW1001', 'Service "debug" runs privileged.', { source: compose, line: 20, column: 17, path: 'services.debug.privileged' }, 'debug'),
    kind: 'inline',
    reason: 'debug profile only, never deployed',
    at: { source: compose, line: 19, column: 5 },
  },
];

/** One input error. */
export const FIXTURE_DIAGNOSTICS: Diagnostic[] = [
  { code: 'yaml-syntax', severity: 'error', message: 'Unexpected flow-map end: "}"', at: { source: 'broken/compose.yaml', line: 3, column: 9 } },
];

/** The whole report input, clock, cwd and version injected. */
export function fixtureInput(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    findings: FIXTURE_FINDINGS,
    suppressed: FIXTURE_SUPPRESSED,
    diagnostics: FIXTURE_DIAGNOSTICS,
    summary: summarize(FIXTURE_FINDINGS, FIXTURE_DIAGNOSTICS, 3, 4, FIXTURE_SUPPRESSED),
    rules: FIXTURE_RULES,
    tool: { name: 'bulwark', version: '1.2.3-test' },
    generatedAt: '2026-01-02T03:04:05.000Z',
    cwd: '/project',
    failOn: 'high',
    subjectWord: 'subjects',
    ...overrides,
  };
}
