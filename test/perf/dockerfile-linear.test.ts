// Dockerfiles built to make the Dockerfile parser and rules super-linear inside ONE instruction (a hostile test hung
// a CI gate on them: `RUN curl curl curl …` took more than 579 s). Each is parsed and checked by every Dockerfile rule
// once, and the exact findings are asserted. No time is measured (timed tests are not allowed here): a return to
// quadratic or exponential behaviour makes a case run for minutes, which the test runner's timeout reports.
// Sizes are those of the hostile test (up to about 900 KB, under the 1 MiB limit), so that such a return cannot pass
// unnoticed. Re-measure the times with /tmp/redos-cases (see the commits of this file).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Location } from '../../src/model/index.js';
import { DOCKERFILE_RULES } from '../../src/rules/index.js';
import { parseDockerfile } from '../../src/sources/dockerfile/index.js';

/** A base image pinned by digest, so that BW2005 stays quiet and only the instruction under test reports. */
const FROM = `FROM alpine:3.20@sha256:${'0123456789abcdef'.repeat(4)}`;

/** Every Dockerfile rule's findings for `text`, as `BW2007 pipeToShell 3:1` (status `unknown` appended), in report order. */
function findings(text: string): string[] {
  const { spec, diagnostics } = parseDockerfile(text, 'Dockerfile');
  // Most of these lines are over the 65,535 bytes BuildKit reads in one line: that input error is expected (and the
  // file is still parsed, which is what is measured); any other is not.
  assert.deepEqual(
    diagnostics.map((d) => d.message).filter((m) => !/^a line of \d+ bytes: docker build refuses a Dockerfile line over 65535 bytes/.test(m)),
    [],
  );
  const out: string[] = [];
  for (const rule of DOCKERFILE_RULES) {
    rule.check(spec, {
      report: (d) => {
        const at = (d.at as { at?: Location }).at ?? (d.at as Location);
        out.push(`${rule.meta.id} ${d.messageId} ${at.line}:${at.column}${d.status === 'unknown' ? ' unknown' : ''}`);
      },
      options: {},
    });
  }
  return out;
}

const times = <T>(n: number, f: (k: number) => T): T[] => Array.from({ length: n }, (_, k) => f(k));

describe('Dockerfile rules: one pathological instruction is read in linear time, with the same findings', () => {
  it('RUN curl curl curl … (750 KB, one word repeated): no finding', () => {
    assert.deepEqual(findings(`${FROM}\nRUN ${times(150_000, () => 'curl').join(' ')}\n`), []);
  });

  it('RUN sudo sudo sudo … (900 KB): each sudo is reported', () => {
    const n = 180_000;
    const got = findings(`${FROM}\nRUN ${times(n, () => 'sudo').join(' ')}\n`);
    assert.deepEqual(
      got,
      times(n, (k) => `BW2008 sudo 2:${5 + 5 * k}`),
    );
  });

  it('RUN <<EOF holding 16,384 lines of curl x | sh (192 KB): each pipe is reported', () => {
    const n = 16_384;
    const got = findings(`${FROM}\nRUN <<EOF\n${times(n, () => 'curl x | sh').join('\n')}\nEOF\n`);
    assert.deepEqual(
      got,
      times(n, (k) => `BW2007 pipeToShell ${k + 3}:1`),
    );
  });

  it('one RUN of 9,830 && curl x | sh (144 KB): each pipe is reported', () => {
    const n = 9_830;
    const got = findings(`${FROM}\nRUN true ${times(n, () => '&& curl x | sh').join(' ')}\n`);
    assert.deepEqual(
      got,
      times(n, (k) => `BW2007 pipeToShell 2:${13 + 15 * k}`),
    );
  });

  it('a RUN of 60,000 line continuations, each curl x | sh (840 KB): each pipe is reported at its line', () => {
    const n = 60_000;
    const got = findings(`${FROM}\nRUN ${times(n, () => 'curl x | sh \\').join('\n')}\n`);
    assert.deepEqual(
      got,
      times(n, (k) => `BW2007 pipeToShell ${k + 2}:${k === 0 ? 5 : 1}`),
    );
  });

  it('a RUN of 60,000 empty continuation lines and 60,000 comment lines: no finding', () => {
    assert.deepEqual(findings(`${FROM}\nRUN echo \\\n${times(60_000, () => '            \\').join('\n')}\n x\n`), []);
    assert.deepEqual(findings(`${FROM}\nRUN echo \\\n${times(60_000, () => '# comment \\').join('\n')}\n x\n`), []);
  });

  it('quotes never closed, $( nested 100,000 times, one 500 KB word, 50,000 pipe stages, 100,000 x &&: no finding', () => {
    assert.deepEqual(findings(`${FROM}\nRUN echo "${'a'.repeat(500_000)}\n`), []);
    assert.deepEqual(findings(`${FROM}\nRUN echo "${times(100_000, () => 'curl').join(' ')}\n`), []);
    assert.deepEqual(findings(`${FROM}\nRUN echo ${'$('.repeat(100_000)}\n`), []);
    assert.deepEqual(findings(`${FROM}\nRUN ${'a'.repeat(500_000)}\n`), []);
    assert.deepEqual(findings(`${FROM}\nRUN ${times(50_000, () => 'a').join(' | ')}\n`), []);
    assert.deepEqual(findings(`${FROM}\nRUN curl x ${times(50_000, () => '| a').join(' ')}\n`), []);
    assert.deepEqual(findings(`${FROM}\nRUN ${times(100_000, () => 'x').join(' && ')}\n`), []);
    assert.deepEqual(findings(`${FROM}\nRUN curl |${' '.repeat(500_000)}x\n`), []);
    assert.deepEqual(findings(`${FROM}\nRUN curl x | sudo ${times(100_000, () => '-x').join(' ')}\n`), ['BW2008 sudo 2:14']);
  });

  it('ENV and LABEL of 40,000 names each: no finding', () => {
    assert.deepEqual(findings(`${FROM}\nENV ${times(40_000, (k) => `A${k}=v${k}`).join(' ')}\n`), []);
    assert.deepEqual(findings(`${FROM}\nARG B=1\nENV C=2\nARG ${times(40_000, (k) => `A${k}=v${k}`).join(' ')}\n`), []);
    assert.deepEqual(findings(`${FROM}\nLABEL ${times(40_000, (k) => `a${k}="v ${k}"`).join(' ')}\n`), []);
  });

  it('one RUN with 20,000 heredoc markers (cat <<EN >fN): no finding', () => {
    const n = 20_000;
    const text = `${FROM}\nRUN ${times(n, (k) => `cat <<E${k} >f${k}`).join(' && ')}\n${times(n, (k) => `x\nE${k}`).join('\n')}\n`;
    assert.deepEqual(findings(text), []);
  });

  it('one command with 20,000 heredocs (cat <<E0 <<E1 … > /f, sh <<E0 <<E1 …): each body is read once', () => {
    const n = 20_000;
    const markers = times(n, (k) => `<<E${k}`).join(' ');
    assert.deepEqual(findings(`${FROM}\nRUN cat ${markers} > /f\n${times(n, (k) => `x\nE${k}`).join('\n')}\n`), []);
    assert.deepEqual(
      findings(`${FROM}\nRUN sh ${markers}\n${times(n, (k) => `curl x | sh\nE${k}`).join('\n')}\n`),
      times(n, (k) => `BW2007 pipeToShell ${3 + 2 * k}:1`),
    );
  });

  it('apt-get install of 50,000 packages: the two hygiene findings', () => {
    const text = `${FROM}\nRUN apt-get update && apt-get install -y ${times(50_000, (k) => `pkg${k}`).join(' ')}\n`;
    assert.deepEqual(findings(text), ['BW2011 aptRecommends 2:23', 'BW2011 aptLists 2:5']);
  });

  it('50,000 apk add, and an rm with 200,000 options that hold rm: one finding per apk add', () => {
    const n = 50_000;
    assert.deepEqual(
      findings(`${FROM}\nRUN ${times(n, () => 'apk add x').join(' && ')}\n`),
      times(n, (k) => `BW2011 apkCache 2:${5 + 13 * k}`),
    );
    assert.deepEqual(findings(`${FROM}\nRUN apk add x && rm ${'-rm '.repeat(200_000)}y\n`), ['BW2011 apkCache 2:5']);
    assert.deepEqual(findings(`${FROM}\nRUN apk add x && rm ${'-rm '.repeat(200_000)}/var/cache/apk/*\n`), []);
  });

  it('20,000 downloads, each run afterwards: each is reported; 20,000 downloads not run: none', () => {
    const n = 20_000;
    const run = `${FROM}\nRUN ${times(n, (k) => `curl -o f${k} URL && sh f${k}`).join(' && ')}\n`;
    let col = 5;
    const want: string[] = [];
    for (let k = 0; k < n; k++) {
      want.push(`BW2007 runsDownload 2:${col}`);
      col += `curl -o f${k} URL && sh f${k} && `.length;
    }
    assert.deepEqual(findings(run), want);
    assert.deepEqual(findings(`${FROM}\nRUN ${times(n, (k) => `curl -O https://x/f${k}`).join(' && ')}\n`), []);
    assert.deepEqual(findings(`${FROM}\nRUN ${times(50_000, () => 'wget https://x/f').join(' && ')}\n`), []);
  });

  it('options that hold separators (sh -a;sh -a;…, | sudo -a|sudo -a|…): BW2007 gives up and says so', () => {
    const text = `${FROM}\nRUN curl -o /tmp/x.sh https://example.com/x.sh; sh ${'-a;sh '.repeat(100_000)}/tmp/x.sh\n`;
    assert.deepEqual(findings(text), ['BW2007 unchecked 2:1 unknown']);
    assert.deepEqual(findings(`${FROM}\nRUN sh ${'-a;sh '.repeat(100_000)}"$(curl x)"\n`), [`BW2007 pipeToShell 2:${8 + 6 * 100_000 + 3}`]);
    const n = 50_000;
    assert.deepEqual(findings(`${FROM}\nRUN curl x | sudo ${'-a|sudo '.repeat(n)}sh\n`), [
      'BW2007 unchecked 2:1 unknown',
      ...times(n + 1, (k) => `BW2008 sudo 2:${14 + 8 * k}`),
    ]);
    assert.deepEqual(findings(`${FROM}\nRUN curl -o f u; sudo ${'-a;sudo '.repeat(n)}./f\n`), [
      'BW2007 unchecked 2:1 unknown',
      ...times(n + 1, (k) => `BW2008 sudo 2:${18 + 8 * k}`),
    ]);
  });

  it('50,000 eval "$(curl and sh -c "$(curl: each is reported', () => {
    const n = 50_000;
    assert.deepEqual(
      findings(`${FROM}\nRUN ${times(n, () => 'eval "$(curl').join(' ')}\n`),
      times(n, (k) => `BW2007 pipeToShell 2:${13 + 13 * k}`),
    );
    assert.deepEqual(
      findings(`${FROM}\nRUN ${times(n, () => 'sh -c "$(curl').join(' ')}\n`),
      times(n, (k) => `BW2007 pipeToShell 2:${14 + 14 * k}`),
    );
  });

  it('30,000 echo $TOKEN > f (and "$TOKEN"): each is reported; an rm with 100,000 options is read once', () => {
    const n = 30_000;
    assert.deepEqual(
      findings(`${FROM}\nRUN ${times(n, () => 'echo $TOKEN > f').join(' && ')}\n`),
      times(n, (k) => `BW2002 writesSecret 2:${10 + 19 * k}`),
    );
    assert.deepEqual(
      findings(`${FROM}\nRUN ${times(n, () => 'echo "$TOKEN" > f').join(' && ')}\n`),
      times(n, (k) => `BW2002 writesSecret 2:${11 + 21 * k}`),
    );
    assert.deepEqual(findings(`${FROM}\nRUN echo $TOKEN > f && rm ${'-a '.repeat(100_000)}x\n`), ['BW2002 writesSecret 2:10']);
    assert.deepEqual(findings(`${FROM}\nRUN echo $TOKEN > f && rm ${'-a '.repeat(100_000)}f\n`), []);
    // Each echo reads its line up to the one redirection at its end: past the budget BW2002 stops, and says so.
    assert.deepEqual(findings(`${FROM}\nRUN ${times(50_000, () => 'echo $A').join(' && ')} > f\n`), ['BW2002 unchecked 2:1 unknown']);
  });
});
