import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { describe, it } from 'node:test';
import { ipVersion } from './ip-address.js';

describe('ipVersion (Go net.ParseIP, as Docker reads a port host address)', () => {
  const table: [string, 0 | 4 | 6][] = [
    ['127.0.0.1', 4],
    ['0.0.0.0', 4],
    ['255.255.255.255', 4],
    ['256.1.1.1', 0],
    ['01.2.3.4', 0],
    ['1.2.3', 0],
    ['::1', 6],
    ['::', 6],
    ['0:0:0:0:0:0:0:0', 6],
    ['FE80::1', 6],
    ['::ffff:192.168.1.1', 6],
    ['1:2:3:4:5:6:1.2.3.4', 6],
    ['1:2:3:4:5:6:7:1.2.3.4', 0],
    ['::01.2.3.4', 0],
    ['1::2::3', 0],
    ['12345::', 0],
    ['[::1]', 0],
    ['fe80::1%eth0', 0],
    ['localhost', 0],
    ['', 0],
    ['::1]/x[', 0],
  ];
  for (const [text, want] of table) it(JSON.stringify(text), () => assert.equal(ipVersion(text), want));

  it('agrees with net.isIP on 20,000 seeded address-like texts, zones aside', () => {
    // A linear congruential sequence (src/model imports nothing of ours beyond itself, src/testing included).
    let state = 11;
    const random = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
    const pick = (s: string) => s[Math.floor(random() * s.length)] as string;
    let sixes = 0;
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      if (i % 2 === 0) {
        const n = 1 + Math.floor(random() * 20);
        for (let j = 0; j < n; j++) text += pick('0123456789abcdefABCDEF:::...%g');
      } else {
        const groups: string[] = [];
        for (let g = 1 + Math.floor(random() * 9); g > 0; g--) {
          const r = random();
          groups.push(
            r < 0.15
              ? ''
              : r < 0.25
                ? '10.0.0.1'
                : Math.floor(random() * 0x1ffff)
                    .toString(16)
                    .slice(0, 1 + Math.floor(random() * 5)),
          );
        }
        text = groups.join(':');
      }
      const v = ipVersion(text);
      if (v === 6) sixes++;
      if (text.includes('%')) assert.notEqual(v, 6, text);
      else assert.equal(v, isIP(text), text);
    }
    // The generator must reach both answers, or the comparison proves little.
    assert.ok(sixes > 200, `only ${sixes} IPv6 addresses generated`);
  });
});
