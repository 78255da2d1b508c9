import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ImageRefError, parseImageRef } from './image-ref.js';
import type { ValuePiece } from './mask.js';

const D = `sha256:${'a'.repeat(64)}`;

describe('parseImageRef (distribution reference grammar)', () => {
  const table: [string, { registry: string; repository: string; tag?: string; digest?: string }][] = [
    ['nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['nginx:1.27', { registry: 'docker.io', repository: 'library/nginx', tag: '1.27' }],
    ['bitnami/redis:7.2', { registry: 'docker.io', repository: 'bitnami/redis', tag: '7.2' }],
    ['docker.io/library/nginx:1', { registry: 'docker.io', repository: 'library/nginx', tag: '1' }],
    ['index.docker.io/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['localhost/app', { registry: 'localhost', repository: 'app' }],
    ['localhost:5000/team/app:2.0', { registry: 'localhost:5000', repository: 'team/app', tag: '2.0' }],
    ['registry.example.com:5000/a/b/c:v1', { registry: 'registry.example.com:5000', repository: 'a/b/c', tag: 'v1' }],
    ['[::1]:5000/app:1', { registry: '[::1]:5000', repository: 'app', tag: '1' }],
    [`ghcr.io/acme/api@${D}`, { registry: 'ghcr.io', repository: 'acme/api', digest: D }],
    [`ghcr.io/acme/api:1.4.2@${D}`, { registry: 'ghcr.io', repository: 'acme/api', tag: '1.4.2', digest: D }],
    ['my_org/my-app__x:1', { registry: 'docker.io', repository: 'my_org/my-app__x', tag: '1' }],
  ];
  for (const [raw, want] of table) {
    it(raw, () => {
      const r = parseImageRef(raw);
      assert.deepEqual({ registry: r.registry, repository: r.repository, tag: r.tag, digest: r.digest }, { tag: undefined, digest: undefined, ...want });
      assert.equal(r.fullName, `${want.registry}/${want.repository}`);
    });
  }
  for (const bad of ['', 'Nginx', 'nginx:', 'nginx@sha256:abc', 'a//b', ':tag', `nginx@sha256:${'a'.repeat(63)}`, 'nginx:-bad']) {
    it(`refuses ${JSON.stringify(bad)}`, () => assert.throws(() => parseImageRef(bad), ImageRefError));
  }
});

describe('parseImageRef messages quote values through quoteValue', () => {
  const message = (raw: string, pieces?: ValuePiece[]) => {
    try {
      parseImageRef(raw, pieces);
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };
  it('masks the password of a registry URL', () => {
    assert.equal(
      message('https://deploy:S3cr3tPassw0rdXYZ@registry.example.com/app:1'),
      '"https://deploy:S3cr...(17 chars)@registry.example.com/app:1" is not a valid image reference',
    );
  });
  it('shows a reference from the environment by its variables', () => {
    const pieces: ValuePiece[] = [{ text: 'registry.example.com/App', variable: '${IMAGE}' }, { text: ':1' }];
    assert.equal(message('registry.example.com/App:1', pieces), '"${IMAGE}:1" (from the environment, 26 characters) is not a valid image reference');
    assert.equal(
      message(`nginx@sha256:${'a'.repeat(63)}`, [{ text: 'nginx@' }, { text: `sha256:${'a'.repeat(63)}`, variable: '${DIGEST}' }]),
      '"nginx@${DIGEST}" (from the environment, 76 characters) has a sha256 digest that is not 64 hex digits',
    );
  });
});
