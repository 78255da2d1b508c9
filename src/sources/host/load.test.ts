import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadHost } from './load.js';
import { type MemoryEntry, memoryRootFs } from './root-fs.js';

describe('loadHost: docker.socket', () => {
  const unit = { text: '[Socket]\nListenStream=/run/docker.sock\nSocketMode=0660\nSocketUser=root\nSocketGroup=docker\n' };
  const load = (entries: Record<string, MemoryEntry>) => {
    const r = loadHost(memoryRootFs({ '/lib/systemd/system/docker.socket': unit, ...entries }));
    return { diagnostics: r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.at.source} ${d.message}`), socketUnit: r.spec.socketUnit };
  };

  it('a drop-in, a drop-in folder or the unit that cannot be read makes SocketMode, SocketUser and SocketGroup unknown, with a warning each', () => {
    const settings = (reason: string) => {
      const v = { value: { kind: 'unknown', reason: `cannot read ${reason}` }, at: { source: '/etc/systemd/system' } };
      return { mode: v, user: v, group: v };
    };
    const why = ': the docker.socket settings (SocketMode, SocketUser, SocketGroup) cannot be known.';
    // The drop-in would widen the socket to everyone: the unit's 0660 is not taken as what systemd applies.
    const dropin = load({ '/etc/systemd/system/docker.socket.d/override.conf': { text: '[Socket]\nSocketMode=0666\n', unreadable: true } });
    assert.deepEqual(dropin.diagnostics, [
      `warning unreadable /etc/systemd/system cannot read /etc/systemd/system/docker.socket.d/override.conf: permission denied${why}`,
    ]);
    assert.deepEqual(dropin.socketUnit, settings('/etc/systemd/system/docker.socket.d/override.conf: permission denied'));
    const folder = load({ '/etc/systemd/system/docker.socket.d': { kind: 'dir', unreadable: true } });
    assert.deepEqual(folder.diagnostics, [`warning unreadable /etc/systemd/system cannot read /etc/systemd/system/docker.socket.d: permission denied${why}`]);
    assert.deepEqual(folder.socketUnit, settings('/etc/systemd/system/docker.socket.d: permission denied'));
    const main = load({ '/lib/systemd/system/docker.socket': { ...unit, unreadable: true } });
    assert.deepEqual(main.diagnostics, [`warning unreadable /etc/systemd/system cannot read /lib/systemd/system/docker.socket: permission denied${why}`]);
    assert.deepEqual(main.socketUnit, settings('/lib/systemd/system/docker.socket: permission denied'));
    // Readable: known, no warning.
    const readable = load({ '/etc/systemd/system/docker.socket.d/override.conf': { text: '[Socket]\nSocketMode=0666\n' } });
    assert.deepEqual(readable.diagnostics, []);
    assert.equal(readable.socketUnit?.mode?.value, 0o666);
    assert.equal(readable.socketUnit?.user?.value, 'root');
  });
});
