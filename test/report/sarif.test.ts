// SARIF output validated against the official SARIF 2.1.0 schema and Microsoft's rules, with the real
// validator (`sarif-multitool validate`, a dev dependency): its errors print as `error JSON…` / `error SARIF…`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fingerprint } from '../../src/check/index.js';
import { renderSarif, SARIF_FINGERPRINT_KEY } from '../../src/report/sarif.js';
import { fixtureInput } from './fixture.js';

const root = process.cwd();
/** The CLI of this build (src/bin.js transpiled beside this test). */
const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'bin.js');
const tmp = mkdtempSync(join(tmpdir(), 'bulwark-sarif-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the validator on a file; returns its error and warning lines. */
export function validateSarif(file: string): { errors: string[]; warnings: string[]; output: string } {
  const bin = join(root, 'node_modules', '.bin', 'sarif-multitool');
  const r = spawnSync(bin, ['validate', file], { encoding: 'utf8', timeout: 120_000 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  assert.match(output, /Analysis completed successfully|Done\./, `the validator did not run: ${output} ${r.error ?? ''}`);
  const lines = output.split('\n');
  return { errors: lines.filter((l) => /: error (SARIF|JSON)\d+/.test(l)), warnings: lines.filter((l) => /: warning (SARIF|JSON)\d+/.test(l)), output };
}

describe('SARIF reporter', () => {
  it('the fixture report is valid SARIF 2.1.0 (schema and validator rules, no warnings)', () => {
    const file = join(tmp, 'fixture.sarif');
    writeFileSync(file, renderSarif(fixtureInput()));
    const v = validateSarif(file);
    assert.deepEqual(v.errors, []);
    assert.deepEqual(v.warnings, []);
  });

  it('the validator does catch an invalid log (control)', () => {
    const file = join(tmp, 'bad.sarif');
    writeFileSync(file, JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 1 } }, results: [{ message: {} }] }] }));
    assert.ok(validateSarif(file).errors.length > 0);
  });

  it('a real scan of examples/ is valid SARIF', () => {
    const r = spawnSync(process.execPath, [BIN, 'scan', 'examples/', '--format', 'sarif', '--fail-on', 'none'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const file = join(tmp, 'examples.sarif');
    writeFileSync(file, r.stdout);
    const log = JSON.parse(r.stdout);
    assert.ok(log.runs[0].results.length > 0);
    assert.deepEqual(validateSarif(file).errors, []);
  });

  it('every result names an artifact, as GitHub code scanning requires (GH1001), also for a run line and a container', () => {
    const r = spawnSync(process.execPath, [BIN, 'scan', '--command', 'docker run --privileged nginx:1.27', '--format', 'sarif', '--fail-on', 'none'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    type Located = { physicalLocation?: { artifactLocation?: { uri?: string } } };
    const results = JSON.parse(r.stdout).runs[0].results as { ruleId: string; locations: Located[] }[];
    const privileged = results.find((x) => x.ruleId === 'BW1001');
    assert.deepEqual(privileged?.locations, [
      {
        physicalLocation: {
          artifactLocation: { uri: '%3Ccommand%3E', uriBaseId: '%SRCROOT%' },
          region: { startLine: 1, startColumn: 12, endLine: 1, endColumn: 24 },
        },
        logicalLocations: [{ name: 'run@1', fullyQualifiedName: '<command>/docker run.--privileged', kind: 'object' }],
      },
    ]);
    const fixture = JSON.parse(renderSarif(fixtureInput())).runs[0].results as { locations: Located[] }[];
    for (const x of [...results, ...fixture]) for (const l of x.locations) assert.ok(l.physicalLocation?.artifactLocation?.uri, JSON.stringify(x));
    assert.ok(fixture.some((x) => x.locations[0]?.physicalLocation?.artifactLocation?.uri === 'container%3Adb'));
    const file = join(tmp, 'command.sarif');
    writeFileSync(file, r.stdout);
    assert.deepEqual(validateSarif(file).errors, []);
  });

  it('rules carry full descriptions, help, helpUri and CIS/seed properties; results carry regions', () => {
    const log = JSON.parse(renderSarif(fixtureInput()));
    const run = log.runs[0];
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'BW1001');
    assert.equal(rule.fullDescription.text.length > 20, true);
    assert.match(rule.help.markdown, /What to do/);
    assert.equal(rule.helpUri.endsWith('/docs/rules/no-privileged.md'), true);
    assert.deepEqual(rule.properties.cis, { version: '1.6.0', items: ['5.5'] });
    assert.equal(rule.properties.seed, '§5.8');
    const res = run.results.find((r: { message: { text: string } }) => r.message.text === 'Service "api" runs privileged.');
    assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 7, startColumn: 17, endLine: 7, endColumn: 21 });
    assert.equal(run.tool.driver.rules[res.ruleIndex].id, 'BW1001');
    const sup = run.results.find((r: { suppressions?: unknown[] }) => r.suppressions);
    assert.deepEqual(sup.suppressions[0].kind, 'inSource');
  });

  it('partialFingerprints stay the same when unrelated lines move', () => {
    const at = { source: 'compose.yaml', line: 7, column: 17, path: 'services.api.privileged' };
    const moved = { ...at, line: 12 };
    const a = fingerprint('BW1001', at, 'api', 'Service "api" runs privileged.');
    const b = fingerprint('BW1001', moved, 'api', 'Service "api" runs privileged.');
    assert.equal(a, b);
    const base = fixtureInput();
    const f0 = base.findings[0];
    assert.ok(f0);
    const shifted = { ...f0, location: { ...f0.location, line: (f0.location.line ?? 0) + 5 } };
    const one = JSON.parse(renderSarif(fixtureInput({ findings: [f0] }))).runs[0].results[0];
    const two = JSON.parse(renderSarif(fixtureInput({ findings: [shifted] }))).runs[0].results[0];
    assert.deepEqual(one.partialFingerprints, two.partialFingerprints);
    assert.ok(one.partialFingerprints[SARIF_FINGERPRINT_KEY]);
  });

  it('cuts a service name of 3,000 characters in messages and a key of 1,000 in fullyQualifiedName', () => {
    // Explicit keys (`? key`): YAML takes an implicit key of at most 1,024 characters.
    writeFileSync(
      join(tmp, 'compose.yaml'),
      `services:\n  ? ${'s'.repeat(3000)}\n  : image: nginx:1.27\n    privileged: true\n    environment:\n      ? ${'K'.repeat(1000)}\n      : ghp_1234567890abcdefghijABCDEFGHIJ123456\n`,
    );
    const r = spawnSync(process.execPath, [BIN, 'scan', 'compose.yaml', '--format', 'sarif', '--fail-on', 'none'], { cwd: tmp, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    type Result = { ruleId: string; message: { text: string }; locations: { logicalLocations?: unknown[] }[] };
    const results = JSON.parse(r.stdout).runs[0].results as Result[];
    const key = `services.${'s'.repeat(48)}...(3000 characters)`;
    const privileged = results.find((x) => x.ruleId === 'BW1001');
    assert.equal(privileged?.message.text, `Service "${'s'.repeat(100)}..." (3000 characters) runs privileged.`);
    assert.deepEqual(privileged?.locations[0]?.logicalLocations, [{ fullyQualifiedName: `${key}.privileged`, kind: 'member' }]);
    const secret = results.find((x) => x.ruleId === 'BW1024');
    assert.deepEqual(secret?.locations[0]?.logicalLocations, [
      { fullyQualifiedName: `${key}.environment.${'K'.repeat(48)}...(1000 characters)`, kind: 'member' },
    ]);
    const file = join(tmp, 'long.sarif');
    writeFileSync(file, r.stdout);
    assert.deepEqual(validateSarif(file).errors, []);
  });
});
