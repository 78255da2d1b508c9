import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localBindDevice, mountHostPath, resolveHostPath, throughProcRoot } from './mounts.js';

describe('resolveHostPath', () => {
  const table: [string, string | undefined, string | undefined][] = [
    ['/etc//ssh/./', undefined, '/etc/ssh'],
    ['/proc/../etc', '/srv/app', '/etc'],
    ['./data', '/srv/app', '/srv/app/data'],
    ['.', '/srv/app', '/srv/app'],
    ['../../../../../../../..', '/srv/app', '/'],
    ['../../../../../../../../etc', '/srv/app', '/etc'],
    ['data/../../shared', '/srv/app', '/srv/shared'],
    // Where these point is not known: the shell's working directory, or the home of whoever runs compose.
    ['./data', undefined, undefined],
    ['~/.ssh', '/srv/app', undefined],
  ];
  for (const [source, base, want] of table) it(`${source} from ${base}`, () => assert.equal(resolveHostPath(source, base), want));
});

describe('localBindDevice', () => {
  it('takes o: bind and rbind with a device, for the local driver or the default one', () => {
    assert.deepEqual(localBindDevice(undefined, { type: 'none', o: 'bind', device: '/' }), { path: '/', readOnly: false });
    assert.deepEqual(localBindDevice('local', { o: 'rbind, ro', device: '/etc' }), { path: '/etc', readOnly: true });
    assert.deepEqual(localBindDevice('', { o: 'bind', device: './data' }), { path: './data', readOnly: false });
  });
  it('leaves other volumes alone', () => {
    assert.equal(localBindDevice(undefined, {}), undefined);
    assert.equal(localBindDevice('local', { type: 'ext4', device: '/dev/sdb1' }), undefined);
    assert.equal(localBindDevice('local', { type: 'nfs', o: 'addr=10.0.0.1,rw', device: ':/export' }), undefined);
    assert.equal(localBindDevice('local', { type: 'none', o: 'bind' }), undefined);
    assert.equal(localBindDevice('rexray/ebs', { o: 'bind', device: '/' }), undefined);
    assert.equal(localBindDevice('local', { o: 'binding', device: '/' }), undefined);
  });
});

describe('mountHostPath', () => {
  it('resolves binds, home paths and volumes the local driver binds', () => {
    assert.deepEqual(mountHostPath({ type: 'bind', source: '/var//run/', target: '/r', readOnly: true }), {
      how: 'absolute',
      path: '/var/run',
      readOnly: true,
      inProject: false,
    });
    assert.deepEqual(mountHostPath({ type: 'bind', source: '~/.ssh/', target: '/s', readOnly: false }), {
      how: 'home',
      path: '~/.ssh',
      readOnly: false,
      inProject: false,
    });
    assert.deepEqual(mountHostPath({ type: 'bind', source: './data', target: '/d', readOnly: false, baseDir: '/srv/app' }), {
      how: 'relative',
      path: '/srv/app/data',
      readOnly: false,
      inProject: true,
    });
    // A project folder that is a host system folder (an include's project_directory: /etc) is not the project's own.
    assert.deepEqual(mountHostPath({ type: 'bind', source: './shadow', target: '/s', readOnly: true, baseDir: '/etc' }), {
      how: 'relative',
      path: '/etc/shadow',
      readOnly: true,
      inProject: false,
    });
    const definedAt = { source: 'compose.yaml' };
    assert.deepEqual(
      mountHostPath({ type: 'volume', source: 'sock', target: '/d', readOnly: false, bindDevice: { path: '/var/run', readOnly: true, definedAt } }),
      { how: 'volume', path: '/var/run', readOnly: true, inProject: false },
    );
  });
  it('gives how deep a relative path climbs when its folder is not known, and nothing it cannot place', () => {
    assert.deepEqual(mountHostPath({ type: 'bind', source: '../../var/run', target: '/r', readOnly: false }), {
      how: 'upward',
      path: '/var/run',
      depth: 2,
      readOnly: false,
    });
    assert.equal(mountHostPath({ type: 'bind', source: './run', target: '/r', readOnly: false }), undefined);
    assert.equal(mountHostPath({ type: 'bind', source: '${DIR}/run', target: '/r', readOnly: false }), undefined);
    assert.equal(mountHostPath({ type: 'bind', source: '~bob/.ssh', target: '/r', readOnly: false, baseDir: '/srv' }), undefined);
    assert.equal(mountHostPath({ type: 'volume', source: 'data', target: '/d', readOnly: false }), undefined);
  });
});

describe('throughProcRoot', () => {
  it('reads /proc/PID/root as the host root', () => {
    assert.equal(throughProcRoot('/proc/1/root'), '/');
    assert.equal(throughProcRoot('/proc/self/root/var/run/'), '/var/run');
    assert.equal(throughProcRoot('/proc/1/rootfs'), undefined);
    assert.equal(throughProcRoot('/proc/sys'), undefined);
  });
});
