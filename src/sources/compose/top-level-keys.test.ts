import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryFs } from '../fs.js';
import { scanComposeProject } from './index.js';

function scan(files: Record<string, string>, order = ['compose.yaml']) {
  return scanComposeProject(
    order.map((f) => `/mem/${f}`),
    memoryFs(files),
    {},
  );
}
const shown = (r: ReturnType<typeof scan>) => r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.at.source}:${d.at.line}:${d.at.column} ${d.message}`);

describe('top-level keys (compose-spec schema: additionalProperties false, x- allowed)', () => {
  for (const [key, near] of [
    ['Services', 'services'],
    ['sevices', 'services'],
    ['service', 'services'],
  ] as const) {
    it(`"${key}:" is an error at the key naming "${near}", and nothing under it is judged`, () => {
      const r = scan({ 'compose.yaml': `name: app\n${key}:\n  web:\n    image: nginx:1.27\n    privileged: true\n` });
      assert.deepEqual(shown(r), [
        `error invalid-value compose.yaml:2:1 unknown top-level key "${key}" (did you mean "${near}"?): compose refuses a file with a key the compose-spec does not define, and nothing under it is judged`,
      ]);
      assert.deepEqual(r.specs, []);
    });
  }

  it('names no key when none is near; a key in an override file is located there', () => {
    const r = scan(
      { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n', 'compose.override.yml': 'x-common: {a: 1}\nnetwork:\n  n: {}\nzzzzzzzz: 1\n' },
      ['compose.yaml', 'compose.override.yml'],
    );
    assert.deepEqual(shown(r), [
      'error invalid-value compose.override.yml:2:1 unknown top-level key "network" (did you mean "networks"?): compose refuses a file with a key the compose-spec does not define',
      'error invalid-value compose.override.yml:4:1 unknown top-level key "zzzzzzzz": compose refuses a file with a key the compose-spec does not define',
    ]);
    assert.equal(r.specs.length, 1);
  });

  it('a long key is cut past 120 characters and a secret-shaped one masked (quoteValue), not printed whole', () => {
    const r = scan({ 'compose.yaml': `services:\n  web:\n    image: nginx:1.27\n${'z'.repeat(1000)}: 1\nghp_abcdefghijklmnopqrstuvwxyz0123456789: 1\n` });
    assert.deepEqual(shown(r), [
      `error invalid-value compose.yaml:4:1 unknown top-level key "${'z'.repeat(100)}..." (1000 characters): compose refuses a file with a key the compose-spec does not define`,
      'error invalid-value compose.yaml:5:1 unknown top-level key "ghp_...(40 chars)" (a GitHub token): compose refuses a file with a key the compose-spec does not define',
    ]);
  });

  it('every key the spec defines, and x- extensions, are fine', () => {
    const r = scan({
      'compose.yaml':
        'version: "3.9"\nname: app\nservices:\n  web:\n    image: nginx:1.27\nnetworks: {}\nvolumes: {}\nsecrets: {}\nconfigs: {}\nmodels: {}\nx-anything: 1\n',
    });
    assert.deepEqual(shown(r), []);
  });
});
