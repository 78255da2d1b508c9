import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { runLinesToCompose } from './index.js';

describe('runLinesToCompose: a compose file compose accepts', () => {
  it('declares the named volumes and (external) networks the service uses', () => {
    const r = runLinesToCompose('docker run --rm -d -e FOO=bar -v data:/data -v /srv:/srv -v /anon --network mynet alpine:3.20 sh');
    assert.deepEqual(r.diagnostics, []);
    const doc = parse(r.yaml) as Record<string, unknown>;
    assert.deepEqual(doc.volumes, { data: {} });
    assert.deepEqual(doc.networks, { mynet: { external: true } });
    assert.deepEqual((doc.services as Record<string, { networks: string[] }>).app?.networks, ['mynet']);
  });

  it('writes no top-level sections when no named volume or network is used', () => {
    const doc = parse(runLinesToCompose('docker run --network host -v /srv:/srv nginx:1.27').yaml) as Record<string, unknown>;
    assert.deepEqual(Object.keys(doc), ['services']);
  });

  it('merges the top-level entries of several run lines', () => {
    const r = runLinesToCompose(
      'docker run -v data:/a --network front nginx:1.27\ndocker run --mount type=volume,source=logs,target=/l --network back nginx:1.27',
    );
    const doc = parse(r.yaml) as Record<string, unknown>;
    assert.deepEqual(doc.volumes, { data: {}, logs: {} });
    assert.deepEqual(doc.networks, { front: { external: true }, back: { external: true } });
  });

  it('lists --rm, -d and --cidfile in the top comment, and not --name', () => {
    const r = runLinesToCompose('docker run --rm -d --cidfile /tmp/id --name api nginx:1.27');
    assert.deepEqual(r.services[0]?.dropped, ['--rm (`docker compose down` removes the containers)', '-d (use `docker compose up -d`)', '--cidfile /tmp/id']);
    assert.match(r.yaml, /^# Not carried over \(no compose equivalent\):\n# {3}api: --rm .*\n# {3}api: -d .*\n# {3}api: --cidfile \/tmp\/id\n/);
  });
});
