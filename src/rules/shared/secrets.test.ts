import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isNonSecretValue, isSecretName, secretShape, urlPasswordVariable } from './secrets.js';

describe('secret names', () => {
  for (const n of [
    'DB_PASSWORD',
    'NPM_TOKEN',
    'AWS_SECRET_ACCESS_KEY',
    'API_KEY',
    'STRIPE_KEY',
    'APP_KEY',
    'JWT_SECRET',
    'client_secret',
    'PGPASSWORD',
    'PASSWORD',
    'APIKEY',
    'MYAPIKEY',
    'DJANGO_SECRETKEY',
    'aws_secret_access_key',
    'DB_PASSWORD2',
    'PASSWORD_2',
    'ADMIN_PASSWORD_NEW',
    'DB_PASSWORD_PRIMARY',
    'SECRET_VALUE',
    'PASSPHRASE',
    'SSH_KEY_PASSPHRASE',
  ]) {
    it(`${n} is a secret name`, () => assert.equal(isSecretName(n), true));
  }
  for (const n of [
    'GPG_KEY',
    'PYTHON_GPG_KEYS',
    'SSH_PUBLIC_KEY',
    'AWS_ACCESS_KEY_ID',
    'TLS_KEY_FILE',
    'PASSWORD_MIN_LENGTH',
    'TOKEN_TTL',
    'SORT_KEY',
    'MYSQL_ALLOW_EMPTY_PASSWORD',
    'DB_USER',
    'KEYBOARD',
    'MONKEY',
    'TURKEY',
    'WHISKEY',
    'HOCKEY_TEAM',
    'MAX_TOKENS',
    'TOKEN_URL',
    'PASSWORD_POLICY',
    'SECRET_NAME',
    'DB_PASSWORD_FILE',
    'PASSWORD_2_FILE',
  ]) {
    it(`${n} is not`, () => assert.equal(isSecretName(n), false));
  }
});

describe('secret value shapes', () => {
  const yes: [string, string][] = [
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn...', 'private-key'],
    ['-----BEGIN PRIVATE KEY-----', 'private-key'],
    ['AKIAIOSFODNN7EXAMPLE', 'aws-access-key'],
    ['ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ', 'github-token'],
    ['glpat-abcdefghij0123456789', 'gitlab-token'],
    ['xoxb-1234567890-abcdefghij', 'slack-token'],
    ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'stripe-key'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'jwt'],
    ['postgres://app:Sup3rS3cret@db:5432/app', 'url-credentials'],
    ['Zx9vQ2mL7pR4tW8yB3nK6cF1hJ5sD0gA', 'high-entropy'],
    ['sk_test_Zx9vQ2mL7pR4tW8yB3nK6cF1hJ5sD0gA', 'high-entropy'],
    ['xarn:aws:secretsmanager:eu-west-1:123456789012:secret:Zx9vQ2mL7pR4tW8yB3nK6cF1hJ5sD0gA', 'high-entropy'],
  ];
  for (const [v, kind] of yes) it(`${kind}: ${v.slice(0, 12)}…`, () => assert.equal(secretShape(v)?.kind, kind));
  const no = [
    'postgres://app:${DB_PASSWORD}@db/app',
    'https://example.com/path/to/resource',
    '3f786850e387550fdab836ed7e6dc881de23001b',
    '123e4567-e89b-12d3-a456-426614174000',
    'hello world this is a long sentence with spaces',
    'info',
    'A035C8C19219BA821ECEA86B64E628F8D684696D',
    'node:20.11-bookworm-slim@sha256:0d2ba3a6b8e7c1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6',
    'sha256:0d2ba3a6b8e7c1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6',
    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf',
    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db/Zx9vQ2mL7pR4tW8yB3nK6cF1hJ5sD0gA',
    'arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    'pk_live_51HxYz2eZvKYlo2C0aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
    'pk_test_TYooMQauvdEDq54NiTphI7jx',
  ];
  for (const v of no) it(`not a secret shape: ${v.slice(0, 20)}`, () => assert.equal(secretShape(v), undefined));
  it('flag values and file references are not secret material', () => {
    for (const v of [
      'yes',
      'false',
      '1',
      '8080',
      '/run/secrets/db',
      '/var/secrets/google/key.json',
      './certs/tls.key',
      '${DB_PASSWORD}',
      '$API_TOKEN',
      '${PW:-x}',
    ])
      assert.equal(isNonSecretValue(v), true, v);
    for (const v of ['hunter2', '123456', '/u7Hk+9qLmZ2pR4sT6vX8yA==', '${A}${B}', 'pre${PW}']) assert.equal(isNonSecretValue(v), false, v);
  });
});

describe('URL password variables', () => {
  it('finds the variable that carries a URL password', () => {
    assert.equal(urlPasswordVariable('postgres://app:${DB_PASSWORD}@db/app'), '${DB_PASSWORD}');
    assert.equal(urlPasswordVariable('amqp://guest:$MQ_PASS@mq:5672'), '$MQ_PASS');
    assert.equal(urlPasswordVariable('redis://:${REDIS_PASSWORD}@redis:6379/0'), '${REDIS_PASSWORD}');
    assert.equal(urlPasswordVariable('redis://${HOST}:6379'), undefined);
    assert.equal(urlPasswordVariable('postgres://${DB_USER}@db/app'), undefined);
    assert.equal(urlPasswordVariable('https://example.com/${PATH_PART}'), undefined);
    // A user with a default holds a colon of its own.
    assert.equal(urlPasswordVariable('postgres://${DB_USER:-app}:${DB_PASSWORD}@db/app'), '${DB_PASSWORD}');
    assert.equal(urlPasswordVariable('postgres://${DB_USER:-app}@db/app'), undefined);
  });
});
