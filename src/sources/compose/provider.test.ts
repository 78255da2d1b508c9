import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryFs } from '../fs.js';
import { scanComposeProject } from './index.js';

function scan(text: string, env: Record<string, string> = {}) {
  return scanComposeProject(['/mem/compose.yaml'], memoryFs({ 'compose.yaml': text }), env);
}
const shown = (r: ReturnType<typeof scan>) => r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.at.line}:${d.at.column} ${d.message}`);
const svc = (provider: string) => `services:\n  db:\n    image: mysql:8\n    privileged: true\n    provider: ${provider}\n`;

describe('provider: (compose-spec: a mapping that requires a string type)', () => {
  it('a provider service with a type runs no container: no spec, no diagnostic', () => {
    const r = scan(svc('{type: awesomecloud, options: {type: mysql}}'));
    assert.deepEqual(shown(r), []);
    assert.deepEqual(r.specs, []);
  });

  for (const [value, column, message] of [
    ['{}', 5, 'provider has no type: the compose-spec requires provider.type'],
    ['5', 15, 'provider must be a mapping with a type (`provider: {type: NAME}`)'],
    ['""', 15, 'provider must be a mapping with a type (`provider: {type: NAME}`)'],
    ['{type: ""}', 22, 'provider.type is empty: it must name the provider'],
    ['{type: 5}', 22, 'provider.type must be a string naming the provider'],
    ['{type: {a: 1}}', 22, 'provider.type must be a string naming the provider'],
  ] as const) {
    it(`provider: ${value} is an error, and the service is judged as a container`, () => {
      const r = scan(svc(value));
      assert.deepEqual(shown(r), [`error invalid-value 5:${column} service "db": ${message} (compose refuses it); the service is judged as a container`]);
      assert.deepEqual(
        r.specs.map((s) => `${s.name} privileged=${String(s.privileged?.value)}`),
        ['db privileged=true'],
      );
    });
  }

  it('a type from a variable without a value is a warning, and the service is judged as a container', () => {
    const r = scan(svc('{type: "${PROV}"}'));
    assert.deepEqual(shown(r), [
      'warning invalid-value 5:22 service "db": which provider runs it cannot be known: variable PROV is not set; the service is judged as a container',
    ]);
    assert.equal(r.specs.length, 1);
    assert.deepEqual(shown(scan(svc('{type: "${PROV}"}'), { PROV: 'awesomecloud' })), []);
    assert.deepEqual(scan(svc('{type: "${PROV}"}'), { PROV: 'awesomecloud' }).specs, []);
  });

  it('provider: ${PROV} (a string, never a mapping) is an error whether or not PROV is set', () => {
    assert.deepEqual(shown(scan(svc('${PROV}'))), [
      'error invalid-value 5:15 service "db": provider must be a mapping with a type (`provider: {type: NAME}`) (compose refuses it); the service is judged as a container',
    ]);
  });
});

describe('build: dockerfile and dockerfile_inline together (compose-go checkConsistency)', () => {
  it('is an error at dockerfile_inline; either alone, or an empty one, is fine', () => {
    const both = scan('services:\n  app:\n    build:\n      context: .\n      dockerfile: Dockerfile\n      dockerfile_inline: FROM alpine:3\n');
    assert.deepEqual(shown(both), [
      'error invalid-value 6:7 service "app": build sets both dockerfile and dockerfile_inline, which compose refuses (they exclude each other)',
    ]);
    assert.deepEqual(shown(scan('services:\n  app:\n    build:\n      dockerfile: Dockerfile\n      dockerfile_inline: ""\n')), []);
    assert.deepEqual(shown(scan('services:\n  app:\n    build:\n      dockerfile_inline: FROM alpine:3\n')), []);
  });
});
