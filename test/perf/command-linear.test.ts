// Commands built to make BW1032 (literal secrets in a container's command) super-linear: a run line or a compose
// `command:` list of many thousands of arguments. Joining the arguments into one text by appending to a string and
// testing its end per argument, and locating each finding by a walk over every argument, were quadratic (80,000
// arguments took 6 to 8 s). As in dockerfile-linear.test.ts, no time is measured: the sizes are such that a return
// to quadratic behaviour makes a case run for minutes, which the test runner's timeout reports; the exact findings
// are asserted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Location } from '../../src/model/index.js';
import { noSecretsInCommand } from '../../src/rules/runtime/no-secrets-in-command.js';
import { CASE_LOADERS } from '../../src/testing/sources.js';

/** BW1032's findings for a compose file or a run line, as `passwordFlag 4:9`, in report order. */
function findings(kind: 'compose' | 'run', code: string): string[] {
  const loader = CASE_LOADERS[kind];
  assert.ok(loader);
  const { subjects } = loader({ code }, 'runtime');
  const out: string[] = [];
  for (const s of subjects) {
    noSecretsInCommand.check(s as Parameters<typeof noSecretsInCommand.check>[0], {
      report: (d) => {
        const at = (d.at as { at?: Location }).at ?? (d.at as Location);
        out.push(`${d.messageId} ${at.line}:${at.column}`);
      },
      options: {},
    });
  }
  return out;
}

const times = <T>(n: number, f: (k: number) => T): T[] => Array.from({ length: n }, (_, k) => f(k));

describe('BW1032: a command of many arguments is read in linear time, with the same findings', () => {
  it('docker run app:1 ab ab ab … (200,000 arguments, 600 KB) --password S3cretPw16: the one password', () => {
    const n = 200_000;
    const words = `${times(n, () => 'ab').join(' ')} --password S3cretPw16`;
    assert.deepEqual(findings('run', `docker run app:1 ${words}`), [`passwordFlag 1:${18 + 3 * n}`]);
    assert.deepEqual(findings('run', `docker run app:1 ${times(n, () => 'ab').join(' ')}`), []);
  });

  it('docker run app:1 --password S3cretPw16 … (50,000 times, 1 MB): each is reported at its flag', () => {
    const n = 50_000;
    const got = findings('run', `docker run app:1 ${times(n, () => '--password S3cretPw16').join(' ')}`);
    assert.deepEqual(
      got,
      times(n, (k) => `passwordFlag 1:${18 + 22 * k}`),
    );
  });

  it('a compose command: list of 100,000 items, a password at the end; sh -c SCRIPT -- and 100,000 arguments', () => {
    const n = 100_000;
    const list = `services:\n  a:\n    image: app:1\n    command:\n${times(n, () => '      - ab').join('\n')}\n      - --password\n      - S3cretPw16\n`;
    assert.deepEqual(findings('compose', list), [`passwordFlag ${n + 5}:9`]);
    const flow = `services:\n  a:\n    image: app:1\n    command: ["sh", "-c", "exec app \\"$$@\\"", "--", ${times(n, () => '"ab"').join(', ')}]\n`;
    assert.deepEqual(findings('compose', flow), []);
  });
});
