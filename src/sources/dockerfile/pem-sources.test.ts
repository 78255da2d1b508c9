import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryFs } from '../fs.js';
import { parseDockerfile } from './parse.js';
import { readPemSources } from './pem-sources.js';

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
});
