import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applySuppressions, checkContainer } from '../../src/check/index.js';
import { parseConfig, parseSuppressions, settingsFromConfig } from '../../src/config/index.js';
import { allRuleMetas, RUNTIME_RULES } from '../../src/rules/index.js';
import { scanComposeProject } from '../../src/sources/compose/index.js';
import { memoryFs } from '../../src/sources/fs.js';

/** Scans one compose text with the runtime rules, then applies its suppression comments. */
function scan(text: string, configText?: string) {
  const fs = memoryFs({ 'compose.yaml': text });
  const settings = settingsFromConfig(configText ? parseConfig(configText, '.bulwark.yaml', allRuleMetas()).config : undefined);
  const r = scanComposeProject(['/mem/compose.yaml'], fs, {});
  const findings = r.specs.flatMap((s) => checkContainer(RUNTIME_RULES, s, settings));
  return applySuppressions(findings, (s) => (s === 'compose.yaml' ? text : undefined), allRuleMetas(), settings);
}
const show = (fs: { ruleId: string; location: { line?: number; column?: number }; message: string }[]) =>
  fs.map((f) => `${f.location.line}:${f.location.column} ${f.ruleId} ${f.message}`);

describe('inline suppressions', () => {
  it('reads the marker in any case', () => {
    const text =
      'services:\n  web:\n    image: nginx:1.27\n    privileged: true # BULWARK-IGNORE BW1001: lab machine\n    ipc: host # Bulwark-Ignore no-host-ipc\n';
    assert.deepEqual(
      parseSuppressions(text, 'c.yaml').map((s) => [s.at.line, s.at.column, s.rules.map((r) => r.written), s.reason]),
      [
        [4, 22, ['BW1001'], 'lab machine'],
        [5, 15, ['no-host-ipc'], undefined],
      ],
    );
  });

  it('parses ids, names, reasons, own-line and trailing comments', () => {
    const text = [
      'services:',
      '  web:',
      '    # bulwark-ignore BW1001, no-host-network: lab machine',
      '    # bulwark-ignore BW1013: reason two',
      '',
      '    privileged: true',
      '    image: x#notacomment',
      '    ipc: host  # bulwark-ignore BW1018',
      '    pid: host  #bulwark-ignore BW1017:   ',
    ].join('\n');
    const p = parseSuppressions(text, 'c.yaml');
    assert.deepEqual(
      p.map((s) => [s.at.line, s.at.column, s.targetLine, s.rules.map((r) => `${r.written}@${r.at.line}:${r.at.column}`), s.reason]),
      [
        [3, 5, 6, ['BW1001@3:22', 'no-host-network@3:30'], 'lab machine'],
        [4, 5, 6, ['BW1013@4:22'], 'reason two'],
        [8, 16, 8, ['BW1018@8:33'], undefined],
        [9, 16, 9, ['BW1017@9:32'], undefined],
      ],
    );
  });

  it('in YAML, reads only real comments: not lines inside block or quoted scalars', () => {
    const text = [
      'services:',
      '  e:',
      '    command: >',
      '      echo hi',
      '      # bulwark-ignore BW1001: inside a block scalar',
      '    entrypoint: "sh -c \'x',
      '      # bulwark-ignore BW1001: inside a quoted scalar\'"',
      '    privileged: true # bulwark-ignore BW1024: a real comment',
    ].join('\n');
    assert.deepEqual(
      parseSuppressions(text, 'compose.yaml').map((s) => [s.at.line, s.at.column, s.targetLine]),
      [[8, 22, 8]],
    );
    // A Dockerfile has no such scalars: its lines are read as they are.
    assert.deepEqual(
      parseSuppressions('FROM x\n# bulwark-ignore BW2001: r\nUSER root\n', 'Dockerfile').map((s) => s.targetLine),
      [3],
    );
    // Alone after the last code line: it hides nothing (target 0).
    assert.deepEqual(
      parseSuppressions('services: {}\n# bulwark-ignore BW1001: r\n\n', 'compose.yaml').map((s) => s.targetLine),
      [0],
    );
    const out = scan('services:\n  e:\n    image: nginx:1.27\n    command: >\n      echo hi\n      # bulwark-ignore BW1001: inside\n    privileged: true\n');
    assert.deepEqual(out.suppressed, []);
    assert.deepEqual(
      out.findings.filter((f) => f.ruleId === 'BW1001').map((f) => f.location.line),
      [7],
    );
  });

  it('a comment with a reason hides the finding on the next line or its own line', () => {
    const out = scan(
      'services:\n  web:\n    image: nginx:1.27\n    # bulwark-ignore BW1001: CI runner needs it\n    privileged: true\n    pid: host  # bulwark-ignore no-host-pid: debugging sidecar\n',
    );
    assert.deepEqual(
      out.suppressed.map((s) => [s.finding.ruleId, s.finding.location.line, s.reason, s.at?.line]),
      [
        ['BW1001', 5, 'CI runner needs it', 4],
        ['BW1017', 6, 'debugging sidecar', 6],
      ],
    );
    assert.equal(
      out.findings.some((f) => f.ruleId === 'BW1001' || f.ruleId === 'BW1017' || f.ruleId.startsWith('BW9')),
      false,
    );
  });

  it('a suppression without a reason hides nothing and is a BW9001 finding at the comment', () => {
    const out = scan('services:\n  web:\n    image: nginx:1.27\n    privileged: true  # bulwark-ignore BW1001\n');
    assert.deepEqual(out.suppressed, []);
    assert.ok(out.findings.some((f) => f.ruleId === 'BW1001'));
    assert.deepEqual(show(out.findings.filter((f) => f.ruleId.startsWith('BW9'))), [
      '4:23 BW9001 The suppression of BW1001 in compose.yaml gives no reason, so it is ignored.',
    ]);
  });

  it('a stale suppression (nothing on its line) is a BW9002 finding at the rule id', () => {
    const out = scan('services:\n  web:\n    # bulwark-ignore BW1001: was privileged once\n    image: nginx:1.27\n');
    assert.deepEqual(show(out.findings.filter((f) => f.ruleId.startsWith('BW9'))), [
      '3:22 BW9002 The suppression of BW1001 in compose.yaml hides no finding on line 4.',
    ]);
    assert.equal(out.findings.find((f) => f.ruleId === 'BW9002')?.severity, 'low');
  });

  it('an unknown rule id is a BW9002 finding', () => {
    const out = scan('services:\n  web:\n    image: nginx:1.27\n    privileged: true  # bulwark-ignore BW1O01: typo\n');
    assert.deepEqual(show(out.findings.filter((f) => f.ruleId.startsWith('BW9'))), [
      '4:40 BW9002 The suppression in compose.yaml names BW1O01, which is not a Bulwark rule.',
    ]);
  });

  it('a suppression of a rule switched off in the configuration is not reported as unused', () => {
    const out = scan('services:\n  web:\n    image: nginx:1.27\n    privileged: true  # bulwark-ignore BW1001: lab\n', 'rules:\n  BW1001: off\n');
    assert.deepEqual(show(out.findings.filter((f) => f.ruleId.startsWith('BW9'))), []);
  });

  it('the BW9xxx rules can be switched off too', () => {
    const out = scan(
      'services:\n  web:\n    image: nginx:1.27\n    # bulwark-ignore BW1001: old\n    read_only: true\n',
      'rules:\n  unused-suppression: off\n',
    );
    assert.deepEqual(show(out.findings.filter((f) => f.ruleId.startsWith('BW9'))), []);
  });

  it('a file without comments is left alone and never re-read needlessly', () => {
    let reads = 0;
    const out = applySuppressions(
      [],
      () => {
        reads++;
        return 'services: {}\n';
      },
      allRuleMetas(),
    );
    assert.equal(reads, 0);
    assert.deepEqual(out, { findings: [], suppressed: [] });
  });
});

describe('suppressions after a byte order mark', () => {
  it('reads a comment on the first line of a file that starts with a BOM', () => {
    const parsed = parseSuppressions('\uFEFF# bulwark-ignore BW2004: testing the BOM\nFROM ubuntu:latest\n', 'Dockerfile');
    assert.deepEqual(
      parsed.map((p) => [p.targetLine, p.rules.map((r) => r.written), p.reason]),
      [[2, ['BW2004'], 'testing the BOM']],
    );
  });
});

describe('findings in a block scalar and the comments that hide them', () => {
  const text = [
    'services:', // 1
    '  a:', // 2
    '    image: ghcr.io/acme/app:1.0', // 3
    '    command: |-', // 4
    '      mysql --password=Sup3rS3cretPw', // 5
    '    healthcheck:', // 6
    '      test:', // 7
    '        - CMD-SHELL', // 8
    '        - |', // 9
    '', // 10
    '          curl -u admin:Sup3rS3cretPw http://localhost/', // 11
    '    labels:', // 12
    '      com.example.token: >-', // 13
    '        ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789', // 14
  ];
  const secrets = (out: ReturnType<typeof scan>) => show(out.findings.filter((f) => f.ruleId === 'BW1032'));

  it('are located at the text of the value, at the word found in it, not at its | or > indicator', () => {
    assert.deepEqual(secrets(scan(`${text.join('\n')}\n`)), [
      '5:13 BW1032 Service "a" passes a literal secret to --password in its command (...(13 chars)).',
      '11:16 BW1032 Service "a" passes a literal secret to -u in its health check (...(13 chars)).',
      '14:9 BW1032 Service "a" sets label com.example.token to a GitHub token (ghp_...(40 chars)).',
    ]);
  });

  it('a comment on the line of the indicator, or alone above it, hides them (no comment can be written in the text)', () => {
    const commented = [...text];
    commented[3] = '    command: |-  # bulwark-ignore BW1032: a test database';
    commented.splice(8, 0, '        # bulwark-ignore BW1032: a test health check');
    const out = scan(`${commented.join('\n')}\n`);
    assert.deepEqual(
      out.suppressed.map((s) => [s.finding.location.line, s.finding.ruleId, s.reason, s.at?.line]),
      [
        [5, 'BW1032', 'a test database', 4],
        [12, 'BW1032', 'a test health check', 9],
      ],
    );
    assert.deepEqual(secrets(out), ['15:9 BW1032 Service "a" sets label com.example.token to a GitHub token (ghp_...(40 chars)).']);
    assert.deepEqual(
      out.findings.filter((f) => f.ruleId === 'BW9002'),
      [],
    );
    assert.deepEqual(
      parseSuppressions(commented.join('\n'), 'compose.yaml').map((s) => [s.targetLine, s.targetEndLine]),
      [
        [4, 5],
        [10, 12],
      ],
    );
  });

  it('a comment aimed at another line does not reach into a block scalar', () => {
    const commented = [...text];
    commented[2] = '    image: ghcr.io/acme/app:1.0  # bulwark-ignore BW1032: aimed at the image';
    commented.splice(5, 0, '    # bulwark-ignore BW1032: aimed at the healthcheck key');
    const out = scan(`${commented.join('\n')}\n`);
    assert.deepEqual(out.suppressed, []);
    assert.deepEqual(
      secrets(out).map((s) => s.split(' ')[0]),
      ['5:13', '12:16', '15:9'],
    );
    assert.deepEqual(show(out.findings.filter((f) => f.ruleId === 'BW9002')), [
      '3:51 BW9002 The suppression of BW1032 in compose.yaml hides no finding on line 3.',
      '6:22 BW9002 The suppression of BW1032 in compose.yaml hides no finding on line 7.',
    ]);
  });

  it('a comment that covers a block scalar and hides nothing there says which lines it covers', () => {
    const commented = [...text];
    commented[4] = '      mysql --password-file=/run/secrets/db'; // nothing found in the command any more
    commented[3] = '    command: |-  # bulwark-ignore BW1032: a test database';
    commented.splice(8, 0, '        # bulwark-ignore BW1032, BW1001: a test health check');
    const out = scan(`${commented.join('\n')}\n`);
    assert.deepEqual(
      out.suppressed.map((s) => [s.finding.location.line, s.finding.ruleId, s.at?.line]),
      [[12, 'BW1032', 9]],
    );
    assert.deepEqual(show(out.findings.filter((f) => f.ruleId === 'BW9002')), [
      '4:35 BW9002 The suppression of BW1032 in compose.yaml hides no finding on lines 4 to 5 (line 4 and the block scalar it starts).',
      '9:34 BW9002 The suppression of BW1001 in compose.yaml hides no finding on lines 10 to 12 (line 10 and the block scalar it starts).',
    ]);
  });
});
