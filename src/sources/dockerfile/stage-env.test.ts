import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageSpecOfDockerfile } from '../../model/index.js';
import { parseDockerfile } from './parse.js';
import { StageEnvs } from './stage-env.js';

describe('StageEnvs', () => {
  it('gives each stage the ENV of the stage it starts from as that stage ended, also to a second child', () => {
    const envs = new StageEnvs();
    const read = (...names: string[]) => names.map((n) => (envs.has(n) ? `${n}=${envs.get(n)}` : `${n}-`)).join(' ');
    envs.start(0, undefined);
    envs.set('A', '0');
    envs.set('B', undefined);
    envs.start(1, 0); // takes stage 0's map
    envs.set('A', '1');
    envs.set('C', '1');
    envs.start(2, 1); // takes stage 1's map
    envs.set('D', '2');
    assert.equal(read('A', 'B', 'C', 'D'), 'A=1 B=undefined C=1 D=2');
    envs.start(3, 0); // stage 0 again: rebuilt, without what stages 1 and 2 set
    assert.equal(read('A', 'B', 'C', 'D'), 'A=0 B=undefined C- D-');
    envs.set('A', '3');
    envs.start(4, 1); // stage 1, whose map stage 2 took over
    assert.equal(read('A', 'B', 'C', 'D'), 'A=1 B=undefined C=1 D-');
    envs.start(5, 3); // stage 3 had a copy of its own
    assert.equal(read('A', 'C'), 'A=3 C-');
    envs.start(6, 2); // the end of the chain 0 -> 1 -> 2
    assert.equal(read('A', 'C', 'D'), 'A=1 C=1 D=2');
    envs.start(7, undefined); // an image: nothing inherited
    assert.equal([envs.isEmpty(), read('A')].join(' '), 'true A-');
    envs.start(8, 0); // stage 0 a third time
    assert.equal(read('A', 'B', 'C', 'D'), 'A=0 B=undefined C- D-');
    envs.set('E', '8');
    envs.start(9, 8); // takes stage 8's own map, over stage 0's frozen ENV
    envs.set('A', '9');
    envs.start(10, 8); // stage 8 again: its frozen ENV, without stage 9's A
    assert.equal([envs.isEmpty(), read('A', 'B', 'E')].join(' '), 'false A=0 B=undefined E=8');
    envs.start(11, 9);
    assert.equal(read('A', 'C', 'E'), 'A=9 C- E=8');
    envs.start(12, 4); // stage 4, whose frozen map is stage 1's, set nothing of its own
    assert.equal(read('A', 'C', 'D'), 'A=1 C=1 D-');
  });
});

describe('parseDockerfile with 3,000 stages FROM one stage of 5,000 variables', () => {
  it('reads each with the ENV of that stage, which is copied once (was once per stage)', () => {
    let text = `FROM alpine:3.20 AS s0\nENV ${Array.from({ length: 5000 }, (_, k) => `V${k}=v${k}`).join(' ')} U=root\n`;
    for (let i = 1; i < 3000; i++) text += `FROM s0 AS s${i}\nENV W${i}=\${V${i}}\nUSER \${W${i}}\${W${i - 1}:-}\n`;
    const { spec, diagnostics } = parseDockerfile(text, 'Dockerfile');
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      [1, 2, 2999].map((k) => spec.stages[k]?.user?.value),
      ['v1', 'v2', 'v2999'],
    );
  });
});

describe('parseDockerfile with 10,000 chained stages', () => {
  it('reads each stage with its inherited ENV, one copy-free chain (this was quadratic: 20 s)', () => {
    let text = 'FROM alpine:3.20 AS s0\nENV U0=root\n';
    for (let i = 1; i < 10_000; i++) text += `FROM s${i - 1} AS s${i}\nENV U${i}=\${U${i - 1}} V${i}=x\n`;
    text += 'FROM s5000 AS side\nUSER ${U5000}${U5001:-}\nFROM s9999\nUSER ${U9999}\n';
    const { spec, diagnostics } = parseDockerfile(text, 'Dockerfile');
    assert.deepEqual(diagnostics, []);
    assert.equal(spec.stages.length, 10_002);
    const side = spec.stages[10_000];
    const last = spec.stages[10_001];
    assert.deepEqual([side?.user?.value, side?.user?.at.line], ['root', 20_002]);
    assert.deepEqual([last?.user?.value, last?.user?.at.line], ['root', 20_004]);
    const image = imageSpecOfDockerfile(spec);
    assert.equal(image?.env.length, 19_999);
  });
});
