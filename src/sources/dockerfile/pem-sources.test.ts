import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type FileReader, memoryFs } from '../fs.js';
import { readBuildContext } from './dockerignore.js';
import { parseDockerfile } from './parse.js';
import { matchWildcard, readPemSources } from './pem-sources.js';

const pem = (label: string) => `-----BEGIN ${label}-----\nMHcCAQEEIG5vdCBhIHJlYWwga2V5IGF0IGFsbA==\n-----END ${label}-----\n`;

describe('readPemSources: what the .pem files copied from the context hold', () => {
  it('a private key of every kind (encrypted and PGP included) is a private key; certificates and public keys are not', () => {
    const files: Record<string, string> = {
      'ec.pem': pem('EC PRIVATE KEY'),
      'openssh.pem': pem('OPENSSH PRIVATE KEY'),
      'encrypted.pem': pem('ENCRYPTED PRIVATE KEY'),
      'pgp.pem': pem('PGP PRIVATE KEY BLOCK'),
      'chain.pem': `${pem('CERTIFICATE')}${pem('PRIVATE KEY')}`,
      'cert.pem': pem('CERTIFICATE'),
      'public.pem': pem('PUBLIC KEY'),
      'notes.pem': 'no PEM block here\n',
    };
    const copies = Object.keys(files).map((f) => `COPY ${f} /etc/app/${f}`);
    const { spec } = parseDockerfile(['FROM alpine:3.20', ...copies, ''].join('\n'), 'Dockerfile');
    assert.deepEqual(readPemSources(spec, '/mem', memoryFs(files)), {
      'ec.pem': 'private-key',
      'openssh.pem': 'private-key',
      'encrypted.pem': 'private-key',
      'pgp.pem': 'private-key',
      'chain.pem': 'private-key',
      'cert.pem': 'no-private-key',
      'public.pem': 'no-private-key',
    });
  });

  /** readPemSources of `dockerfile` in the memory context `/mem`, with its .dockerignore read as a scan reads it. */
  const read = (dockerfile: string, files: Record<string, string>, fs: FileReader = memoryFs({ Dockerfile: dockerfile, ...files })) => {
    const { spec } = parseDockerfile(dockerfile, 'Dockerfile');
    const context = readBuildContext('/mem/Dockerfile', '/mem', fs);
    if (context) spec.context = context;
    return readPemSources(spec, '/mem', fs);
  };

  it('a wildcard source is judged by the files it matches: certificates only, or a private key among them', () => {
    const files = { 'a-cert.pem': pem('CERTIFICATE'), 'b-chain.pem': pem('CERTIFICATE'), '.hidden.pem': pem('PUBLIC KEY'), 'notes.txt': 'x' };
    assert.deepEqual(read('FROM alpine:3.20\nCOPY *.pem /certs/\n', files), { '*.pem': 'no-private-key' });
    // `*` matches a leading dot, as Go's filepath.Match does in BuildKit.
    assert.deepEqual(read('FROM alpine:3.20\nCOPY *.pem /certs/\n', { ...files, '.hidden.pem': pem('EC PRIVATE KEY') }), { '*.pem': 'private-key' });
  });

  it('wildcards in the last component of a subfolder source: *, ?, classes; `*` does not reach into subfolders', () => {
    const files = {
      'certs/ca.pem': pem('CERTIFICATE'),
      'certs/server-1.pem': pem('CERTIFICATE'),
      'certs/server-2.pem': pem('RSA PRIVATE KEY'),
      'certs/a.pem': pem('CERTIFICATE'),
      'certs/old/x.pem': pem('PRIVATE KEY'),
    };
    const dockerfile = 'FROM alpine:3.20\nCOPY certs/*.pem /etc/ssl/\nCOPY ./certs/server-?.pem /srv/\nCOPY /certs/[ab].pem /a/\nCOPY certs/[!a].pem /b/\n';
    assert.deepEqual(read(dockerfile, files), {
      'certs/*.pem': 'private-key',
      './certs/server-?.pem': 'private-key',
      '/certs/[ab].pem': 'no-private-key',
      // Go's classes negate with ^ only: [!a] is `!` or `a`.
      'certs/[!a].pem': 'no-private-key',
    });
    assert.deepEqual(read('FROM alpine:3.20\nCOPY certs/ca*.pem certs/*/x.pem /etc/ssl/\n', files), { 'certs/ca*.pem': 'no-private-key' });
  });

  it('nothing matched, a folder that cannot be listed or lies outside the context, or a reader without list: left to the name', () => {
    const files = { 'certs/ca.pem': pem('CERTIFICATE') };
    assert.equal(read('FROM alpine:3.20\nCOPY *.pem /certs/\nCOPY keys/*.pem ../*.pem /k/\n', files), undefined);
    const { list: _, ...noList } = memoryFs({ 'ca.pem': pem('CERTIFICATE') });
    assert.equal(read('FROM alpine:3.20\nCOPY *.pem /certs/\n', {}, noList), undefined);
  });

  it('files the .dockerignore leaves out are not in the context', () => {
    const files = { 'ca.pem': pem('CERTIFICATE'), 'server-key.pem': pem('PRIVATE KEY') };
    assert.deepEqual(read('FROM alpine:3.20\nCOPY *.pem /certs/\n', { ...files, '.dockerignore': '*-key.pem\n' }), { '*.pem': 'no-private-key' });
    assert.deepEqual(read('FROM alpine:3.20\nCOPY *.pem /certs/\n', { ...files, '.dockerignore': '*.pem\n!server-key.pem\n' }), { '*.pem': 'private-key' });
    assert.equal(read('FROM alpine:3.20\nCOPY *.pem /certs/\n', { ...files, '.dockerignore': '*.pem\n' }), undefined);
  });

  it('a matched file that cannot be judged (no PEM block, unreadable) leaves the source to its name unless another holds a key', () => {
    const files = { 'ca.pem': pem('CERTIFICATE'), 'b.pem': 'not PEM\n' };
    assert.equal(read('FROM alpine:3.20\nCOPY *.pem /certs/\n', files), undefined);
    assert.deepEqual(read('FROM alpine:3.20\nCOPY *.pem /certs/\n', { ...files, 'c.pem': pem('PRIVATE KEY') }), { '*.pem': 'private-key' });
    const fs = memoryFs({ 'ca.pem': pem('CERTIFICATE'), 'x.pem': { error: 'EACCES', size: 10 } });
    assert.equal(read('FROM alpine:3.20\nCOPY *.pem /certs/\n', {}, fs), undefined);
  });

  it('at most 256 files are read for one wildcard: a key past them is not seen, and certificates alone say nothing', () => {
    const files: Record<string, string> = {};
    for (let n = 0; n < 257; n++) files[`c${String(n).padStart(3, '0')}.pem`] = pem('CERTIFICATE');
    assert.equal(read('FROM alpine:3.20\nCOPY *.pem /certs/\n', files), undefined);
    files['c256.pem'] = pem('PRIVATE KEY');
    assert.equal(read('FROM alpine:3.20\nCOPY *.pem /certs/\n', files), undefined);
    files['c000.pem'] = pem('PRIVATE KEY');
    assert.deepEqual(read('FROM alpine:3.20\nCOPY *.pem /certs/\n', files), { '*.pem': 'private-key' });
  });

  it('a path with `]` but no wildcard is a plain path; a malformed pattern matches nothing', () => {
    const files = { 'a].pem': pem('PRIVATE KEY'), 'x.pem': pem('CERTIFICATE') };
    assert.deepEqual(read('FROM alpine:3.20\nCOPY a].pem [x.pem /certs/\n', files), { 'a].pem': 'private-key' });
  });
});

describe('matchWildcard: Go filepath.Match, as BuildKit matches COPY sources', () => {
  const table: [string, string, boolean | undefined][] = [
    ['*.pem', 'ca.pem', true],
    ['*.pem', '.hidden.pem', true],
    ['*.pem', 'ca.pem.bak', false],
    ['*.pem', 'a/b.pem', false],
    ['*.pem', 'CA.PEM', false],
    ['server-?.pem', 'server-1.pem', true],
    ['server-?.pem', 'server-10.pem', false],
    ['server-?.pem', 'server-é.pem', true],
    ['[ab].pem', 'b.pem', true],
    ['[ab].pem', 'c.pem', false],
    ['[^ab].pem', 'c.pem', true],
    ['[!a].pem', '!.pem', true],
    ['[a-c]*.pem', 'cert.pem', true],
    ['[a-c]*.pem', 'dert.pem', false],
    ['[\\]].pem', '].pem', true],
    ['\\*.pem', '*.pem', true],
    ['\\*.pem', 'a.pem', false],
    ['a*b*c.pem', 'aXbYbZc.pem', true],
    ['*', '', true],
    ['[', 'a', undefined],
    ['[].pem', 'a.pem', undefined],
    ['[a-].pem', 'a.pem', undefined],
    ['a.pem\\', 'a.pem', undefined],
    ['x*[', 'a.pem', undefined],
  ];
  for (const [pattern, name, want] of table) {
    it(`${pattern} ${want === undefined ? 'is malformed' : want ? 'matches' : 'does not match'} ${JSON.stringify(name)}`, () =>
      assert.equal(matchWildcard(pattern, name), want));
  }
});
