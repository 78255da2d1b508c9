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

  it('a value with $$ on an earlier line (compose reads $$ as $): on its own line', () => {
    assert.deepEqual(secrets('    command: |', '      echo $$HOME', '      mysql --password=Sup3rS3cretPw'), ['6:13-6:23 --password services.a.command']);
  });

  it('a list label: its value after KEY=, on its line', () => {
    assert.deepEqual(secrets('    labels:', '      - >-', '        com.example.password=hunter2hunter2'), [
      '6:30-6:44 hunter2hunter2 services.a.labels.com.example.password',
    ]);
  });

  it('$$ before the part on its line: at its own column, though the value is one character shorter there', () => {
    assert.deepEqual(secrets('    command: |', '      echo $$HOME $$$$; mysql --password=Sup3rS3cretPw'), ['5:31-5:41 --password services.a.command']);
  });

  it('a ${VAR:-default} before the part: at its own column, the variable set or not', () => {
    const lines = ['    command: |', '      mysql -h ${DB_HOST:-db} --password=Sup3rS3cretPw'];
    assert.deepEqual(secrets(...lines), ['5:31-5:41 --password services.a.command']);
    const withHost = `${['services:', '  a:', '    image: ghcr.io/acme/app:1.0', ...lines].join('\n')}\n`;
    const r = scanComposeProject(['/mem/compose.yaml'], memoryFs({ 'compose.yaml': withHost }), { DB_HOST: 'db.internal.example' });
    const found = r.specs.flatMap((s) => checkContainer(RUNTIME_RULES, s)).filter((f) => f.ruleId === 'BW1032');
    assert.deepEqual(
      found.map((f) => `${f.location.line}:${f.location.column}-${f.location.endLine}:${f.location.endColumn}`),
      ['5:31-5:41'],
    );
  });

  it('a folded value with $$, on the line before the part and on its line', () => {
    assert.deepEqual(secrets('    entrypoint: >-', '      app --home=$$HOME', '      --user=$$USER --token=Sup3rS3cretPw'), [
      '6:21-6:28 --token services.a.entrypoint',
    ]);
  });

  it('a value with a variable that has no value (unknown): its text is read as written, at its own column', () => {
    assert.deepEqual(secrets('    command: |', '      echo ${NOT_SET} $$HOME', '      mysql --password=Sup3rS3cretPw'), [
      '6:13-6:23 --password services.a.command',
    ]);
  });

  it('a part a $$ falls in (a URL with a password): at the whole value, the file writes it longer', () => {
    assert.deepEqual(secrets('    command: |', '      echo start', '      psql postgres://app:Sup3r$$S3cretPw@db/app'), [
      '5:7-7:1 echo start services.a.command',
    ]);
  });
});
