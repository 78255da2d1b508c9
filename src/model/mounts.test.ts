import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeHostPath, parseVolumeSpec } from './mounts.js';

describe('parseVolumeSpec (short syntax)', () => {
  const table: [string, object][] = [
    ['/data', { type: 'volume', target: '/data', readOnly: false }],
    ['/data:ro', { type: 'volume', target: '/data', readOnly: true }],
    ['data:/var/lib/data', { type: 'volume', source: 'data', target: '/var/lib/data', readOnly: false }],
    ['./site:/usr/share/nginx/html:ro', { type: 'bind', source: './site', target: '/usr/share/nginx/html', readOnly: true }],
    ['~/.ssh:/root/.ssh:ro,Z', { type: 'bind', source: '~/.ssh', target: '/root/.ssh', readOnly: true, selinux: 'Z' }],
    ['/var/run/docker.sock:/var/run/docker.sock', { type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock', readOnly: false }],
    ['/mnt:/mnt:rshared', { type: 'bind', source: '/mnt', target: '/mnt', readOnly: false, propagation: 'rshared' }],
  ];
  for (const [spec, want] of table) it(spec, () => assert.deepEqual({ ...parseVolumeSpec(spec) }, want));
});

describe('normalizeHostPath', () => {
  const table: [string, string][] = [
    ['/var/run//docker.sock', '/var/run/docker.sock'],
    ['/var/run/./docker.sock', '/var/run/docker.sock'],
    ['/var/lib/../run/docker.sock', '/var/run/docker.sock'],
    ['/etc/', '/etc'],
    ['/', '/'],
    ['./data/', 'data'],
  ];
  for (const [p, want] of table) it(p, () => assert.equal(normalizeHostPath(p), want));

  // The segment-by-segment reading, which the function skips for paths that are normalised already.
  const reference = (p: string): string => {
    const abs = p.startsWith('/');
    const out: string[] = [];
    for (const seg of p.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') {
        if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
        else if (!abs) out.push('..');
        continue;
      }
      out.push(seg);
    }
    return abs ? `/${out.join('/')}` : out.join('/') || '.';
  };
  it('gives what the segment-by-segment reading gives for every path of up to 5 parts of / . .. a .a a.', () => {
    const parts = ['/', '.', '..', 'a', '.a', 'a.'];
    let paths = [''];
    for (let n = 0; n < 5; n++) paths = [...paths, ...paths.flatMap((p) => parts.map((x) => p + x))];
    for (const p of new Set(paths)) assert.equal(normalizeHostPath(p), reference(p), JSON.stringify(p));
  });
});
