import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localBindDevice, resolveHostPath } from './mounts.js';

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
