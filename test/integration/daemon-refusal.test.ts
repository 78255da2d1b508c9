import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { buildDaemonSpec, conflicts, parseDaemonJson, parseDockerdArgs, validateDaemon } from '../../src/sources/daemon/index.js';
import { engineSuite } from '../helpers/engine.js';

// Each daemon.json below is judged by Bulwark (refuses or accepts) and then given to a real, throwaway dockerd
// 20.10 with its own data root, exec root, pidfile and unix socket, no bridge and no iptables: dockerd 20.10 has
// no --validate, so "accepted" means the daemon came up and answered /_ping. Every daemon is killed afterwards.

// `later`: the file uses a key added after 20.10. Bulwark then gives no error but a warning naming that release, and
// says in a warning when 20.10 refuses the file ("dockerd 20.10 and older refuse"); the real 20.10 daemon must agree.
const CASES: { name: string; json: string; later?: string }[] = [
  { name: 'a // comment (as in the chapter)', json: '{\n  "icc": false // no inter-container traffic\n}\n' },
  { name: 'a trailing comma', json: '{\n  "icc": false,\n  "debug": true,\n}\n' },
  { name: 'a key added in Docker 23.0 (proxies)', json: '{ "proxies": { "http-proxy": "http://proxy.lan:3128" } }', later: '23.0' },
  { name: 'a key added in Docker 28.0 (ip-forward-no-drop)', json: '{ "ip-forward-no-drop": true }', later: '28.0' },
  { name: 'a key added in Docker 25.0 (log-format)', json: '{ "log-format": "json" }', later: '25.0' },
  { name: 'an unknown key', json: '{ "log-opt": { "max-size": "10m" }, "live-restor": true }' },
  { name: 'a boolean written as a string', json: '{ "icc": "false" }' },
  { name: 'a log option written as a number', json: '{ "log-opts": { "max-size": "10m", "max-file": 3 } }' },
  { name: 'hosts in the file while -H is a flag', json: '{ "hosts": ["unix:///tmp/other.sock"] }' },
  { name: 'not an object', json: '["icc", false]' },
  { name: 'icc off while iptables is off (a flag of this test daemon)', json: '{ "icc": false }' },
  {
    name: 'a hardened file (icc left out: this test daemon runs without iptables)',
    json: JSON.stringify({
      'log-driver': 'json-file',
      'log-opts': { 'max-size': '10m', 'max-file': '3' },
      'live-restore': true,
      'no-new-privileges': true,
      'userland-proxy': false,
      'default-ulimits': { nofile: { Name: 'nofile', Hard: 65536, Soft: 65536 } },
      'insecure-registries': [],
      features: { buildkit: true },
    }),
  },
  { name: 'a key given twice (dockerd takes the last)', json: '{ "debug": true, "debug": false }' },
  { name: 'nested objects are flattened by dockerd', json: '{ "my-notes": { "debug": true } }' },
  { name: 'an object under a flag name that is not kept whole (log-opt)', json: '{ "log-opt": { "max-size": "10m" } }' },
  {
    name: 'a 24.0 key whose inner key (bridge) 20.10 flattens into a conflict with --bridge',
    json: '{ "default-network-opts": { "bridge": { "com.docker.network.driver.mtu": "1400" } } }',
    later: '24.0',
  },
  { name: 'an empty 24.0 object (default-network-opts), ignored by 20.10', json: '{ "default-network-opts": {} }', later: '24.0' },
  { name: 'a flattened key that is also a flag of this daemon (bridge)', json: '{ "my-notes": { "bridge": "none" } }' },
];

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** dockerd leaves its data root mounted on itself; unmount what it left below `dir` so the folder can go. */
function unmountBelow(dir: string): void {
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4])
    .filter((m): m is string => m?.startsWith(`${dir}/`) === true)
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) spawnSync('umount', ['-l', m]);
}

/**
 * ENGINE.md saw the main daemon's docker0 vanish around a second daemon. The cause: dockerd started with
 * `--bridge none` removes an existing docker0 while it starts. Put it back (same address as the main daemon's).
 */
function bridgeExists(): boolean {
  return spawnSync('ip', ['link', 'show', 'docker0']).status === 0;
}
function restoreBridge(): void {
  spawnSync('ip', ['link', 'add', 'docker0', 'type', 'bridge']);
  spawnSync('ip', ['addr', 'add', '172.17.0.1/16', 'dev', 'docker0']);
  spawnSync('ip', ['link', 'set', 'docker0', 'up']);
}

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

function stop(p: ChildProcess, execRoot: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      // dockerd starts its own containerd under the exec root; make sure it is gone too.
      const pidFile = join(execRoot, 'containerd', 'containerd.pid');
      if (existsSync(pidFile)) {
        const pid = Number(readFileSync(pidFile, 'utf8').trim());
        try {
          if (pid > 0) process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      resolve();
    };
    if (p.exitCode !== null || p.signalCode !== null) return done();
    const timer = setTimeout(() => p.kill('SIGKILL'), 15000);
    p.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    p.kill('SIGTERM');
  });
}

/** How many times the main daemon's docker0 had to be put back (reported, so the cause stays visible). */
let bridgeRestored = 0;
after(() => {
  if (bridgeRestored > 0)
    process.stderr.write(`# daemon-refusal: docker0 disappeared ${bridgeRestored} time(s) while a throwaway dockerd ran; it was recreated (ENGINE.md)\n`);
});

/** Starts dockerd with `config`; resolves whether it came up (answered /_ping) or exited, with its last output. */
async function tryDockerd(config: string): Promise<{ started: boolean; output: string; args: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'bwtest-dockerd-'));
  dirs.push(dir);
  const cfg = join(dir, 'daemon.json');
  writeFileSync(cfg, config);
  for (const d of ['data', 'exec']) mkdirSync(join(dir, d));
  const sock = join(dir, 'docker.sock');
  const args = [
    '--config-file',
    cfg,
    '--data-root',
    join(dir, 'data'),
    '--exec-root',
    join(dir, 'exec'),
    '--pidfile',
    join(dir, 'docker.pid'),
    '-H',
    `unix://${sock}`,
    '--bridge',
    'none',
    '--iptables=false',
  ];
  const hadBridge = bridgeExists();
  const p = spawn('dockerd', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  p.stdout?.on('data', (b) => (output += b));
  p.stderr?.on('data', (b) => (output += b));
  let exited = false;
  p.once('exit', () => (exited = true));
  p.once('error', () => (exited = true));
  try {
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline) {
      if (exited) return { started: false, output, args };
      if (await ping(sock)) {
        // dockerd with --bridge none deletes any "docker0" at start (moby daemon_unix.go, removeDefaultBridgeInterface):
        // put the main daemon's bridge back at once rather than after the stop.
        if (hadBridge && !bridgeExists()) {
          restoreBridge();
          bridgeRestored++;
        }
        return { started: true, output, args };
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return { started: false, output: `${output}\n(no answer within 30 s)`, args };
  } finally {
    await stop(p, join(dir, 'exec'));
    unmountBelow(dir);
    if (hadBridge && !bridgeExists()) {
      restoreBridge();
      bridgeRestored++;
    }
  }
}

await engineSuite('daemon.json refusals checked against a real dockerd 20.10', () => {
  for (const c of CASES) {
    it(c.name, { timeout: 60000 }, async () => {
      const r = await tryDockerd(c.json);
      const json = parseDaemonJson(c.json, 'daemon.json');
      const flags = parseDockerdArgs(r.args.map((text) => ({ text, at: { source: '<argv>' } }))).flags;
      const spec = buildDaemonSpec('daemon-json', 'daemon.json', { source: 'daemon.json' }, json, flags);
      const all = [...json.diagnostics, ...conflicts(json, flags), ...validateDaemon(spec)];
      const errors = all.filter((d) => d.severity === 'error').map((d) => d.message);
      const refused = !r.started;
      const dockerd = refused ? `refused: ${r.output.trim().split('\n').slice(-2).join(' / ')}` : 'started';
      if (c.later) {
        // valid for the release that added the key: no input error, a warning naming the release and what 20.10 does
        assert.deepEqual(errors, []);
        const warning = all.find((d) => d.severity === 'warning' && d.message.includes(`added in Docker Engine ${c.later};`));
        assert.ok(warning, `no warning naming Docker Engine ${c.later}: ${all.map((d) => d.message).join(' | ')}`);
        const warned = all.filter((d) => d.severity === 'warning' && /dockerd 20\.10 and older refuse/.test(d.message)).map((d) => d.message);
        assert.equal(warned.length > 0, refused, `Bulwark: ${warning.message} ${warned.join(' | ')}; dockerd 20.10: ${dockerd}`);
        return;
      }
      assert.equal(errors.length > 0, refused, `Bulwark: ${errors.length > 0 ? errors.join(' | ') : 'accepts'}; dockerd: ${dockerd}`);
    });
  }
});
