// COPY wildcards of .pem files are expanded through the scan's file reader, which wraps the real one twice
// (suppression recording, and compose's read notes): the folder listing must reach the Dockerfile loader.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { scanPaths } from './scan.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-pem-wildcard-'));
after(() => rmSync(root, { recursive: true, force: true }));

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';

describe('COPY *.pem in a scan', () => {
  it('judges a wildcard by the files it takes, for a Dockerfile alone and for one a compose build names', () => {
    mkdirSync(join(root, 'certs'));
    writeFileSync(join(root, 'a.pem'), CERT);
    writeFileSync(join(root, 'b.pem'), CERT);
    writeFileSync(join(root, 'certs', 'k.pem'), KEY);
    writeFileSync(join(root, 'Dockerfile'), 'FROM alpine:3.20\nCOPY *.pem /etc/ssl/\nCOPY certs/*.pem /x/\nUSER 10001\n');
    const bw2003 = () =>
      scanPaths({ paths: ['.'], cwd: root, env: {} })
        .findings.filter((f) => f.ruleId === 'BW2003')
        .map((f) => `${f.location.source}:${f.location.line}:${f.location.column} ${f.message}`);
    const want = ['Dockerfile:3:6 COPY in stage #1 copies certs/*.pem, a PEM file holding a private key, into the image.'];
    assert.deepEqual(bw2003(), want);
    writeFileSync(join(root, 'compose.yaml'), 'services:\n  app:\n    build: .\n');
    assert.deepEqual(bw2003(), want);
  });
});
