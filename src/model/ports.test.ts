import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
  ];
  for (const [spec, want] of table) it(spec, () => assert.deepEqual({ ...parsePortSpec(spec) }, want));
  for (const bad of ['http', '80/icmp', 'a:80', '[::1:80']) it(`refuses ${bad}`, () => assert.throws(() => parsePortSpec(bad), PortSpecError));
  it('all interfaces', () => {
    for (const ip of [undefined, '', '0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0']) assert.equal(isAllInterfaces(ip), true, String(ip));
    for (const ip of ['127.0.0.1', '::1', '10.0.0.5']) assert.equal(isAllInterfaces(ip), false, ip);
  });
});
