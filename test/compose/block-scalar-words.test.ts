// A part of a compose value found by a rule (a password in a command, a label's value after `KEY=`) is located at
// its own line and column when the value is a block scalar (`command: |`, `- >-`), as it is in a plain or quoted
// value; the text at the finding's offsets is the part found.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkContainer } from '../../src/check/index.js';
import { RUNTIME_RULES } from '../../src/rules/index.js';
import { scanComposeProject } from '../../src/sources/compose/index.js';
import { memoryFs } from '../../src/sources/fs.js';

/** The BW1032 findings of a compose text: `line:column-endLine:endColumn text-at-the-offsets logical.path`. */
function secretsIn(text: string): string[] {
  const r = scanComposeProject(['/mem/compose.yaml'], memoryFs({ 'compose.yaml': text }), {});
  return r.specs
    .flatMap((s) => checkContainer(RUNTIME_RULES, s))
    .filter((f) => f.ruleId === 'BW1032')
    .map((f) => {
      const l = f.location;
      return `${l.line}:${l.column}-${l.endLine}:${l.endColumn} ${text.slice(l.offset, l.endOffset).split(/\r?\n/)[0]} ${l.path}`;
    });
}

/** The same, for the lines of service `a` after its image. */
const secrets = (...lines: string[]) => secretsIn(`${['services:', '  a:', '    image: ghcr.io/acme/app:1.0', ...lines].join('\n')}\n`);

describe('a part of a block scalar found by a rule: at its own line and column', () => {
  it('literal: on the line of the value it is on', () => {
    assert.deepEqual(secrets('    command: |', '      set -e', '      mysql -h db --password=Sup3rS3cretPw'), ['6:19-6:29 --password services.a.command']);
  });

  it('folded: on the line of the file it is written on, though the value joins the lines', () => {
    assert.deepEqual(secrets('    entrypoint: >-', '      app --verbose', '      --token=Sup3rS3cretPw'), ['6:7-6:14 --token services.a.entrypoint']);
  });

  it('a list item after a blank line, with an indentation indicator (its spaces are part of the value)', () => {
    assert.deepEqual(secrets('    command:', '      - sh', '      - -c', '      - |2', '', '          PGPASSWORD=Sup3rS3cretPw psql'), [
      '9:11-9:21 PGPASSWORD services.a.command[2]',
    ]);
  });

  it('in a file with CRLF line ends', () => {
    const text = ['services:', '  a:', '    image: ghcr.io/acme/app:1.0', '    command: >', '      app', '      --token=Sup3rS3cretPw', ''].join('\r\n');
    assert.deepEqual(secretsIn(text), ['6:7-6:14 --token services.a.command']);
  });

  it("a value with $$ (compose writes $ so: its columns are not the text's): at the value, from its first line of text", () => {
    assert.deepEqual(secrets('    command: |', '      echo $$HOME', '      mysql --password=Sup3rS3cretPw'), ['5:7-7:1 echo $$HOME services.a.command']);
  });

  it('a list label: its value after KEY=, on its line', () => {
    assert.deepEqual(secrets('    labels:', '      - >-', '        com.example.password=hunter2hunter2'), [
      '6:30-6:44 hunter2hunter2 services.a.labels.com.example.password',
    ]);
  });
});
