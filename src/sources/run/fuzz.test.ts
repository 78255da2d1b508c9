import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prng } from '../../testing/random.js';
import { runLinesToCompose, scanRunCommand, scanRunFile, scanRunFilesAsync } from './index.js';
import { lexShell, MAX_NESTING, type ShellDialect } from './shell.js';

const TOKENS = [
  'docker',
  'run',
  'create',
  'container',
  '--privileged',
  '-p',
  '-dp',
  '80:80',
  '--mount',
  'type=bind,src=/,dst=/h',
  '-v',
  '/:/h:ro',
  '--security-opt',
  'seccomp:unconfined',
  '"',
  "'",
  '$(',
  ')',
  '(',
  '`',
  '${',
  '}',
  '{',
  '\\',
  '\n',
  '\\\n',
  '<<EOF',
  '<<-X',
  'EOF',
  ';',
  '&&',
  '|',
  '&',
  '#',
  '$X',
  '$',
  '<digest>',
  '<',
  '>',
  '2>&1',
  '=',
  '-',
  '--',
  ' ',
  '\t',
  '$((',
  '))',
  '%n',
  '${{ a }}',
  'é',
  '\u2028',
  'nginx:1.27',
  '$$',
  '$(IMAGE)',
  '@',
  'ExecStart=',
  '```sh',
  '```',
  '$ ',
  '- run: |',
  'script:',
];
const KINDS = ['a.sh', 'Makefile', '.github/workflows/x.yml', '.gitlab-ci.yml', 'x.service', 'README.md'];
const DIALECTS: ShellDialect[] = ['sh', 'make', 'systemd', 'github', 'doc'];

describe('run lines never crash', () => {
  it('random shell-like text in every dialect and file kind: results or located diagnostics, never an exception', async () => {
    const rnd = prng(42);
    const texts: string[] = [];
    for (let n = 0; n < 1500; n++) {
      const len = 1 + Math.floor(rnd() * 40);
      let t = '';
      for (let k = 0; k < len; k++) t += `${TOKENS[Math.floor(rnd() * TOKENS.length)]}${rnd() < 0.5 ? ' ' : ''}`;
      texts.push(t);
    }
    for (const t of texts) {
      for (const d of DIALECTS) lexShell(t, 0, d);
      const r = scanRunCommand(t);
      for (const d of r.diagnostics) assert.ok(d.at.line !== undefined && d.at.column !== undefined, `unlocated diagnostic for ${JSON.stringify(t)}`);
      runLinesToCompose(t);
      for (const k of KINDS) scanRunFile(k, t, k);
    }
    const rs = await scanRunFilesAsync(texts.slice(0, 200).map((text, i) => ({ path: KINDS[i % KINDS.length] as string, text, source: `f${i}` })));
    assert.equal(rs.length, 200);
  });

  it('deep nesting is reported, not a stack overflow', () => {
    for (const open of ['$(', '`$(', '"$(']) {
      const r = lexShell(`docker run ${open.repeat(20000)}x`);
      assert.equal(r.errors.length, 1);
    }
    assert.match(lexShell('$('.repeat(MAX_NESTING + 1)).errors[0]?.message ?? '', /nested deeper/);
  });
});
