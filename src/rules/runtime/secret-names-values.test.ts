// BW1024 through the shared name and value checks (src/rules/shared/secrets.ts): names with a number or a word that
// only says which secret it is, passphrases, long numbers and base64 that starts with `/` are secrets; a variable
// reference kept for later expansion (compose `$${NAME}`) is not (first-user test findings).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkContainer, defaultSettings } from '../../check/index.js';
import { scanComposeProject } from '../../sources/compose/index.js';
import { memoryFs } from '../../sources/fs.js';
import { noSecretsInEnvironment } from './no-secrets-in-environment.js';

const bw1024 = (compose: string) =>
  scanComposeProject(['/mem/compose.yaml'], memoryFs({ 'compose.yaml': compose }), {})
    .specs.flatMap((s) => checkContainer([noSecretsInEnvironment], s, defaultSettings))
    .map((f) => `${f.location.line}:${f.location.column} ${f.message}`);

describe('BW1024: secret names and values', () => {
  it('reports qualified secret names, passphrases, long numbers and base64; not a $$ variable reference', () => {
    const compose = [
      'services:',
      '  app:',
      '    image: nginx:1.27',
      '    environment:',
      '      DB_PASSWORD: "$${DB_PASSWORD_FROM_VAULT}"',
      '      API_TOKEN: "$$API_TOKEN"',
      '      DB_PASSWORD2: "Xk9mQ2vLp7Rt"',
      '      ADMIN_PASSWORD_NEW: "Xk9mQ2vLp7Rt"',
      '      KEY_PASSPHRASE: "correct horse"',
      '      ADMIN_PASSWORD: "123456"',
      '      DB_SECRET: "/u7Hk+9qLmZ2pR4sT6vX8yA=="',
      '      MAX_TOKENS: "4096"',
      '      TOKEN_URL: https://auth.example.com/token',
      '',
    ].join('\n');
    assert.deepEqual(bw1024(compose), [
      '7:7 Service "app" passes secret DB_PASSWORD2 as an environment variable (...(12 chars)).',
      '8:7 Service "app" passes secret ADMIN_PASSWORD_NEW as an environment variable (...(12 chars)).',
      '9:7 Service "app" passes secret KEY_PASSPHRASE as an environment variable (...(13 chars)).',
      '10:7 Service "app" passes secret ADMIN_PASSWORD as an environment variable (...(6 chars)).',
      '11:7 Service "app" passes secret DB_SECRET as an environment variable (/u7H...(25 chars)).',
    ]);
  });
});
