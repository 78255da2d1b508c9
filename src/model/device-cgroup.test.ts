import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deviceCgroupRisk, parseAcceptedDeviceCgroupRule, parseDeviceCgroupRule } from './device-cgroup.js';

describe('device cgroup rules (moby deviceCgroupRuleRegex)', () => {
  it('parses TYPE MAJOR:MINOR ACCESS, and refuses what dockerd refuses', () => {
    assert.deepEqual(parseDeviceCgroupRule('c 42:* rmw'), { type: 'c', major: '42', minor: '*', access: 'rmw' });
    assert.deepEqual(parseDeviceCgroupRule('c 9223372036854775807:0 r'), { type: 'c', major: '9223372036854775807', minor: '0', access: 'r' });
    // moby's TestAppendDevicePermissionsFromCgroupRules: spaces before or after the rule are refused; dockerd 20.10
    // refuses `a` alone (its regular expression wants a major:minor and an access), and numbers beyond 64 bits.
    for (const bad of [
      'x 1:1 r',
      'c 1 r',
      'c 1:1',
      'c 1:1 rx',
      'c  1:1 r',
      'c 1:1 rwmr',
      ' a *:* rwm',
      'c 1:1 rwm ',
      '',
      'b',
      'a',
      'c 9223372036854775808:1 r',
      'c 1:99999999999999999999 r',
    ])
      assert.equal(parseDeviceCgroupRule(bad), undefined, bad);
  });
  it('reads a rule an engine accepted as the kernel does: a alone is a *:* rwm, every device; nothing else is added', () => {
    const all = parseAcceptedDeviceCgroupRule('a');
    assert.deepEqual(all, { type: 'a', major: '*', minor: '*', access: 'rwm' });
    assert.equal(deviceCgroupRisk(all as NonNullable<typeof all>), 'all');
    assert.deepEqual(parseAcceptedDeviceCgroupRule('c 42:* rmw'), parseDeviceCgroupRule('c 42:* rmw'));
    for (const bad of [' a', 'a ', 'A', 'b', 'c', 'a *:*', 'c 1:1  rwm', '']) assert.equal(parseAcceptedDeviceCgroupRule(bad), undefined, bad);
  });
  it('all devices (type a, whatever follows), character devices of any major, block devices, and /dev/mem, /dev/kmem, /dev/port, read or written, are the risky ones; m alone opens nothing for b and c', () => {
    const risk = (t: string) => deviceCgroupRisk(parseDeviceCgroupRule(t) as NonNullable<ReturnType<typeof parseDeviceCgroupRule>>);
    assert.equal(risk('a *:* rwm'), 'all');
    assert.equal(risk('c *:* m'), undefined);
    // runc reads any allowing `a` rule as every device, read, write and mknod: the numbers and access do not narrow it.
    for (const t of ['a 1:3 m', 'a *:* m', 'a 8:0 r']) assert.equal(risk(t), 'all', t);
    assert.equal(risk('b *:* r'), 'block');
    assert.equal(risk('c *:* rw'), 'character');
    assert.equal(risk('c *:1 r'), 'character');
    assert.equal(risk('c *:* m'), undefined);
    assert.equal(risk('b 8:* rw'), 'block');
    assert.equal(risk('b 259:0 m'), undefined);
    assert.equal(risk('b 259:0 r'), 'block');
    assert.equal(risk('c 42:* rmw'), undefined);
    assert.equal(risk('c 1:3 rw'), undefined);
    assert.equal(risk('c 1:1 r'), 'memory');
    assert.equal(risk('c 1:* rwm'), 'memory');
    // dockerd reads the numbers as integers (strconv.ParseInt): leading zeros name the same device.
    for (const t of ['c 01:01 r', 'c 1:01 r', 'c 1:001 r', 'c 1:04 w', 'c 001:2 rw', 'c 01:* r']) assert.equal(risk(t), 'memory', t);
    for (const t of ['c 01:03 rw', 'c 10:1 r', 'c 1:10 r', 'c 01:04 m']) assert.equal(risk(t), undefined, t);
  });
});
