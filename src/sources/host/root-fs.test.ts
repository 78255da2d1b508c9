import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { memoryRootFs, realRootFs, resolveUnderRoot } from './root-fs.js';

describe('realRootFs', () => {
  const root = mkdtempSync(join(tmpdir(), 'bwtest-rootfs-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'run'), { recursive: true });
  mkdirSync(join(root, 'var'), { recursive: true });
  mkdirSync(join(root, 'etc/docker'), { recursive: true });
  writeFileSync(join(root, 'run/marker'), 'inside');
  symlinkSync('/run', join(root, 'var/run'));
  symlinkSync('../../../../../../etc/passwd', join(root, 'etc/docker/escape'));

  it('follows absolute links inside the root, never on the machine running Bulwark', () => {
    assert.equal(resolveUnderRoot(root, '/var/run/marker'), join(root, 'run/marker'));
    const fs = realRootFs(root, root);
    assert.deepEqual(fs.read('/var/run/marker'), { kind: 'ok', text: 'inside' });
    assert.equal(resolveUnderRoot(root, '/etc/docker/escape'), join(root, 'etc/passwd'));
    assert.deepEqual(fs.read('/etc/docker/escape'), { kind: 'missing' });
  });

  it('shows paths relative to the display base, and the root itself as "."', () => {
    const fs = realRootFs(root, root);
    assert.equal(fs.display('/etc/docker'), 'etc/docker');
    assert.equal(fs.display('/'), '.');
    assert.equal(realRootFs('/').display('/etc/docker'), '/etc/docker');
  });

  it('gives permission bits as numbers', () => {
    const st = realRootFs(root, root).stat('/etc/docker');
    assert.ok(st && !('error' in st));
    assert.equal(st.kind, 'dir');
    assert.equal(typeof st.mode, 'number');
  });

  it("says why a file cannot be read in readProblem's words, never a bare errno code", () => {
    assert.deepEqual(realRootFs(root, root).read('/etc/docker'), { kind: 'error', reason: '/etc/docker: a folder, not a file' });
    const mem = memoryRootFs({ '/etc/docker/daemon.json': { text: '{}', unreadable: true } });
    assert.deepEqual(mem.read('/etc/docker/daemon.json'), { kind: 'error', reason: '/etc/docker/daemon.json: permission denied' });
    assert.deepEqual(mem.stat('/etc/docker/daemon.json'), { error: '/etc/docker/daemon.json: permission denied' });
  });
});
