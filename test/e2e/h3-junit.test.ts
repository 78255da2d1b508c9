// JUnit: names taken from the scanned tree keep their control characters as escapes (not cut, not turned into
// spaces by an XML parser), and warnings reach the report as skipped cases of the `bulwark input` suite.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-h3-junit-'));
after(() => rmSync(root, { recursive: true, force: true }));
for (const dir of ['esc\u001b[31mred', 'nl\nx']) {
  mkdirSync(join(root, dir));
  writeFileSync(join(root, dir, 'compose.yaml'), 'services:\n  api:\n    image: nginx:1.27\n    privileged: true\n');
}
writeFileSync(join(root, 'my-stack'), 'services: {}\n');
mkdirSync(join(root, 'empty'));

function junit(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'scan', ...args, '-f', 'junit'], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('JUnit report', () => {
  it('shows control characters of paths as escapes in suite names, class names and messages', () => {
    const r = junit(['.']);
    assert.equal(r.code, 1, r.stderr);
    const suites = [...r.stdout.matchAll(/<testsuite name="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(suites, ['esc\\x1b[31mred/compose.yaml', 'nl\\nx/compose.yaml']);
    assert.match(r.stdout, /<testcase name="BW1001 no-privileged \(api\)" classname="nl\\nx\/compose\.yaml\.api" time="0">/);
    assert.match(r.stdout, /<failure message="Service &quot;api&quot; runs privileged\." type="critical">esc\\x1b\[31mred\/compose\.yaml:4:17: Service/);
    assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(r.stdout), 'no control character but tab and newline');
  });

  it('warnings are skipped cases of the bulwark input suite, beside the errors', () => {
    const r = junit(['my-stack', 'empty']);
    assert.equal(r.code, 0, r.stderr);
    const input = r.stdout.slice(r.stdout.indexOf('<testsuite name="bulwark input"'));
    assert.equal(
      input,
      [
        '<testsuite name="bulwark input" tests="2" failures="0" errors="0" skipped="2" time="0">',
        '    <testcase name="unreadable empty" classname="bulwark.input" time="0">',
        '      <skipped message="nothing to scan in empty: no compose file, Dockerfile, shell script, Makefile, CI file or daemon.json found by name (other YAML files are read when named one by one)"/>',
        '    </testcase>',
        '    <testcase name="unreadable my-stack" classname="bulwark.input" time="0">',
        '      <skipped message="not scanned: my-stack has no name Bulwark reads and is not a shell script (no #! line); say what it is with --as compose or --as dockerfile, or rename it (compose.yaml, *.yaml, Dockerfile, *.Dockerfile)"/>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
    assert.match(r.stdout, /<testsuites name="bulwark [^"]+" tests="2" failures="0" errors="0" skipped="2" time="0">/);
  });
});
