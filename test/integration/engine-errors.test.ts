import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';
import { CLI } from '../helpers/cli.js';
import { engineSocket, engineSuite } from '../helpers/engine.js';
import { UNPRIVILEGED } from '../helpers/unprivileged.js';

// The built CLI's answers when the engine cannot be used: a clear sentence, a hint, exit code 2, never a
// stack trace. Permission denied is real: the CLI runs as `nobody` against the engine's root:docker socket.

const BIN = CLI;
const run = (args: string[], env: Record<string, string> = {}, asNobody = false) => {
  const cmd = asNobody ? 'setpriv' : process.execPath;
  const argv = asNobody ? ['--reuid', '65534', '--regid', '65534', '--clear-groups', process.execPath, BIN, ...args] : [BIN, ...args];
  return spawnSync(cmd, argv, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: '/tmp', ...env } });
};

await engineSuite('audit engine: clear errors', () => {
  it('no daemon at the given socket', () => {
    const r = run(['audit', 'engine', '-H', 'unix:///nonexistent/docker.sock']);
    assert.equal(r.status, 2);
    assert.equal(
      r.stderr,
      'bulwark: no Docker Engine answers at /nonexistent/docker.sock (ENOENT; from --host)\n  hint: start dockerd, or point --host / DOCKER_HOST at the engine to audit\n',
    );
  });

  it('no daemon at a TCP address from DOCKER_HOST', () => {
    const r = run(['audit', 'engine'], { DOCKER_HOST: 'tcp://127.0.0.1:1' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^bulwark: no Docker Engine answers at tcp:\/\/127\.0\.0\.1:1 \(ECONNREFUSED; from DOCKER_HOST\)\n {2}hint: /);
  });

  it('ssh:// with nothing listening fails through the ssh transport, clearly', () => {
    const r = run(['audit', 'engine', '-H', 'ssh://bulwark@127.0.0.1:1']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr.split('\n')[0], 'bulwark: ssh to ssh://bulwark@127.0.0.1:1 failed: connect ECONNREFUSED 127.0.0.1:1');
  });

  it('permission denied on the socket (run as nobody)', {
    skip: process.getuid?.() !== 0 ? 'needs root to switch to nobody' : typeof UNPRIVILEGED === 'string' ? UNPRIVILEGED : false,
  }, () => {
    const r = run(['audit', 'engine', '-H', `unix://${engineSocket()}`], {}, true);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`^bulwark: permission denied on ${engineSocket()}\\n {2}hint: .*docker group`));
  });

  it('`bulwark audit` with the engine unreachable still reports the host part, and exits 2', {
    skip: process.getuid?.() !== 0 ? 'the host part reads / as root' : false,
  }, () => {
    const r = run(['audit', '-H', 'unix:///nonexistent/docker.sock', '--format', 'json']);
    assert.equal(r.status, 2, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: { scope: string }[]; errors: { message: string }[] };
    assert.ok(report.findings.some((f) => f.scope === 'host'));
    assert.ok(report.errors.some((d) => d.message.startsWith('engine part not audited: no Docker Engine answers at /nonexistent/docker.sock')));
  });

  it('a bad host scheme is an input error for `audit` too, without a stack trace', () => {
    const r = run(['audit', '-H', 'fd://']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^bulwark: --host: the fd:\/\/ scheme/);
  });

  it('a bad --filter, --concurrency or host scheme is a usage error', () => {
    for (const args of [
      ['--filter', 'label'],
      ['--concurrency', '0'],
      ['-H', 'fd://'],
    ]) {
      const r = run(['audit', 'engine', ...args]);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^bulwark: /);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });
});
