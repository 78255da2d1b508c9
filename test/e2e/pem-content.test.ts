// BW2003 judges a .pem file copied from the build context by what it holds when Bulwark can read it: a
// certificate named like a key is no secret, a private key named like a certificate is (second hostile test:
// `COPY certs/rootCA.pem ...` of a real certificate was a high finding).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-pem-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUYmFzZTY0IG5vdCByZWFsIGRhdGE=\n-----END CERTIFICATE-----\n';
const PUBLIC = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEbm90IHJlYWw=\n-----END PUBLIC KEY-----\n';
const KEY = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIG5vdCBhIHJlYWwga2V5IGF0IGFsbA==\n-----END EC PRIVATE KEY-----\n';

describe('BW2003 and the content of .pem files in the build context', () => {
  it('reads the file when it can: certificates and public keys pass, a private key is reported whatever its name', () => {
    mkdirSync(join(dir, 'certs'));
    writeFileSync(join(dir, 'certs', 'server.pem'), CERT);
    writeFileSync(join(dir, 'jwt.pem'), PUBLIC);
    writeFileSync(join(dir, 'ca-bundle.pem'), KEY);
    writeFileSync(join(dir, '.dockerignore'), '.git\n.env\n*.key\n');
    writeFileSync(
      join(dir, 'Dockerfile'),
      [
        'FROM alpine:3.20',
        'COPY certs/server.pem /usr/local/share/ca-certificates/server.crt',
        'COPY jwt.pem /etc/app/jwt.pem',
        'COPY ca-bundle.pem /etc/ssl/ca-bundle.pem',
        'COPY missing.pem /etc/app/missing.pem',
        'USER 10001',
        '',
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, [CLI, 'scan', 'Dockerfile', '-f', 'json'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; message: string; location: { line: number; column: number } }[] };
    assert.deepEqual(
      report.findings.filter((f) => f.ruleId === 'BW2003').map((f) => `${f.location.line}:${f.location.column} ${f.message}`),
      [
        '4:6 COPY in stage #1 copies ca-bundle.pem, a PEM file holding a private key, into the image.',
        '5:6 COPY in stage #1 copies missing.pem, a PEM file that may hold a private key, into the image.',
      ],
    );
    assert.doesNotMatch(r.stdout, /MHcCAQEE/);
  });
});
