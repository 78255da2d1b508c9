import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ValuePiece } from './mask.js';
import { isAllInterfaces, PortSpecError, parsePortSpec } from './ports.js';

describe('parsePortSpec (nat.ParsePortSpec)', () => {
  const table: [string, object][] = [
    ['80', { containerPort: '80', protocol: 'tcp' }],
    ['8080:80', { hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
    ['127.0.0.1:8080:80', { hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
    ['127.0.0.1::80', { hostIp: '127.0.0.1', containerPort: '80', protocol: 'tcp' }],
    ['[::1]:8080:80', { hostIp: '::1', hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
    ['8000-8010:8000-8010/udp', { hostPort: '8000-8010', containerPort: '8000-8010', protocol: 'udp' }],
    ['0.0.0.0:53:53/UDP', { hostIp: '0.0.0.0', hostPort: '53', containerPort: '53', protocol: 'udp' }],
    ['::1:8080:80', { hostIp: '::1', hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
    ['65535:0', { hostPort: '65535', containerPort: '0', protocol: 'tcp' }],
  ];
  for (const [spec, want] of table) it(spec, () => assert.deepEqual({ ...parsePortSpec(spec) }, want));
  it('keeps a lone bracket, which the address check then refuses (::]:8080:80)', () =>
    assert.deepEqual({ ...parsePortSpec('::]:8080:80') }, { hostIp: '::]', hostPort: '8080', containerPort: '80', protocol: 'tcp' }));
  for (const bad of ['http', '80/icmp', 'a:80', '[::1:80', '65536:80', '8080:65536', '9000-8000:80', '127.0.0.1:70000:80'])
    it(`refuses ${bad}`, () => assert.throws(() => parsePortSpec(bad), PortSpecError));
  it('all interfaces', () => {
    for (const ip of [undefined, '', '0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0', '::0.0.0.0', '::ffff:0.0.0.0', '[::FFFF:0:0]', '0::0'])
      assert.equal(isAllInterfaces(ip), true, String(ip));
    for (const ip of ['127.0.0.1', '::1', '10.0.0.5', '::ffff:127.0.0.1', '::]', '[::', '[]', '00.0.0.0', '0:0']) assert.equal(isAllInterfaces(ip), false, ip);
  });
});

describe('parsePortSpec messages quote values through quoteValue', () => {
  const message = (spec: string, pieces?: ValuePiece[]) => {
    try {
      parsePortSpec(spec, pieces);
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };
  it('quotes a port written in the file', () => {
    assert.equal(message('a:80'), 'invalid host port "a" in "a:80"');
    assert.equal(message('80/ICMP'), 'unknown protocol "ICMP" in port "80/ICMP"');
    assert.equal(message('[::1:80'), 'invalid IPv6 address in port "[::1:80"');
  });
  it('shows a port from the environment by its variable', () => {
    const pieces: ValuePiece[] = [{ text: 'hunter2hunter2SECRETVAL', variable: '${DB_PASSWORD}' }, { text: ':80' }];
    assert.equal(
      message('hunter2hunter2SECRETVAL:80', pieces),
      'invalid host port "${DB_PASSWORD}" (from the environment, 23 characters) in "${DB_PASSWORD}:80" (from the environment, 26 characters)',
    );
    assert.equal(
      message('127.0.0.1:8080:x/udp', [{ text: '127.0.0.1:8080:' }, { text: 'x', variable: '$PORT' }, { text: '/udp' }]),
      'invalid container port "$PORT" (from the environment, 1 character) in "127.0.0.1:8080:$PORT/udp" (from the environment, 20 characters)',
    );
  });
  it('never quotes a part of a spec whose whole is masked (a URL password after the /)', () => {
    assert.equal(message('https://u:hunter2pass@x:80'), 'unknown protocol in port "https://u:...(11 chars)@x:80"');
    assert.equal(message('ftp://bob:hunter2pass@x:21'), 'unknown protocol in port "ftp://bob:...(11 chars)@x:21"');
    assert.doesNotMatch(message('127.0.0.1:80:80/udp://bob:hunter2pass@x'), /hunter2pass/);
  });
});
