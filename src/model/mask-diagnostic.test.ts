import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from './diagnostic.js';
import { maskDiagnostic, maskPath, maskSecretsIn, maskShapes } from './mask.js';

const TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ';

describe('maskShapes', () => {
  it('masks each secret-shaped word, wherever it sits, and leaves the rest', () => {
    assert.equal(maskShapes(`unknown key ${TOKEN} here`), 'unknown key ghp_...(40 chars) here');
    assert.equal(maskShapes(`TOKEN=${TOKEN}`), 'TOKEN=ghp_...(40 chars)');
    // `@` does not end a word: the host goes with the token (maskSecretsIn masks the URL password first).
    assert.equal(maskShapes(`https://octocat:${TOKEN}@github.com`), 'https://octocat:ghp_...(51 chars)');
    // An upper-cased token (a capability name) is still one.
    assert.equal(maskShapes(`CAP ${TOKEN.toUpperCase()}`), 'CAP GHP_...(40 chars)');
    assert.equal(maskShapes('a plain message with /usr/local/bin/some-long-name'), 'a plain message with /usr/local/bin/some-long-name');
  });
});

describe('maskSecretsIn', () => {
  it('masks URL passwords as well as shapes', () => {
    assert.equal(
      maskSecretsIn('cannot read https://deploy:hunter2hunter2@registry.example.com'),
      'cannot read https://deploy:...(14 chars)@registry.example.com',
    );
    assert.equal(maskSecretsIn(`https://octocat:${TOKEN}@github.com`), 'https://octocat:ghp_...(40 chars)@github.com');
    assert.equal(maskSecretsIn('short'), 'short');
  });
});

describe('maskPath', () => {
  it('masks a key of a path and keeps the others', () => {
    assert.equal(maskPath(`services.${TOKEN}.image`), 'services.ghp_...(40 chars).image');
    assert.equal(maskPath('services.web.environment.GITHUB_TOKEN'), 'services.web.environment.GITHUB_TOKEN');
  });

  it('cuts a key longer than 64 characters to its first 48 and its length, and keeps one of 64 whole', () => {
    assert.equal(maskPath(`services.${'s'.repeat(3000)}.privileged`), `services.${'s'.repeat(48)}...(3000 characters).privileged`);
    assert.equal(maskPath(`services.web.environment.${'K'.repeat(1000)}`), `services.web.environment.${'K'.repeat(48)}...(1000 characters)`);
    assert.equal(maskPath(`services.web.environment.${'K'.repeat(64)}`), `services.web.environment.${'K'.repeat(64)}`);
    assert.equal(maskPath(`services.web.labels.${'é'.repeat(65)}`), `services.web.labels.${'é'.repeat(48)}...(65 characters)`);
  });
});

describe('maskDiagnostic', () => {
  const d: Diagnostic = {
    code: 'invalid-value',
    severity: 'warning',
    message: `service "${TOKEN}": unknown key "privilegd" is not read`,
    at: { source: 'compose.yaml', line: 4, column: 5, path: `services.${TOKEN}.privilegd` },
  };

  it('masks the message and the location path', () => {
    assert.deepEqual(maskDiagnostic(d), {
      ...d,
      message: 'service "ghp_...(40 chars)": unknown key "privilegd" is not read',
      at: { ...d.at, path: 'services.ghp_...(40 chars).privilegd' },
    });
  });

  it('gives the same object back when there is nothing to mask', () => {
    const plain: Diagnostic = {
      code: 'dockerfile-syntax',
      severity: 'error',
      message: 'unknown instruction: RUNN',
      at: { source: 'Dockerfile', line: 4, column: 1 },
    };
    assert.equal(maskDiagnostic(plain), plain);
  });
});
