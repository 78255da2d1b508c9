import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { auditEngine } from '../../src/pipeline/audit-engine.js';
import { EngineClient, EngineError, resolveEndpoint } from '../../src/sources/engine/index.js';
import { CLI } from '../helpers/cli.js';
import { engineSuite } from '../helpers/engine.js';

// A second, isolated dockerd listening on 127.0.0.1 with --tlsverify (mutual TLS), with certificates made
// here by openssl; Bulwark must audit it with the client certificate and refuse clearly without one.
// Etiquette (ENGINE.md): own data-root, exec-root, pidfile and unix socket, no bridge, no iptables; it is
// killed after, and the main daemon is never touched.

const BIN = CLI;

function openssl(cwd: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

/** CA, server certificate for 127.0.0.1, client certificate; a second CA the daemon does not trust. */
function makeCertificates(dir: string): void {
  const days = ['-days', '2'];
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-subj', '/CN=bulwark test CA', ...days);
  openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server-key.pem', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  openssl(
    dir,
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca-key.pem',
    '-CAcreateserial',
    '-out',
    'server-cert.pem',
    '-extfile',
    'server.ext',
    ...days,
  );
  openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'client.csr', '-subj', '/CN=bulwark client');
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  openssl(
    dir,
    'x509',
    '-req',
    '-in',
    'client.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca-key.pem',
    '-CAcreateserial',
    '-out',
    'cert.pem',
    '-extfile',
    'client.ext',
    ...days,
  );
  // A client folder with the right CA but a certificate from another CA, and one with no client certificate.
  const rogue = join(dir, 'rogue');
  mkdirSync(rogue);
  openssl(rogue, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-subj', '/CN=rogue', ...days);
  writeFileSync(join(rogue, 'ca.pem'), readFileSync(join(dir, 'ca.pem')));
  const noCert = join(dir, 'nocert');
  mkdirSync(noCert);
  writeFileSync(join(noCert, 'ca.pem'), readFileSync(join(dir, 'ca.pem')));
}

/**
 * dockerd 20.10 started with `--bridge none` deletes the host's `docker0` link at start-up (moby
 * `removeDefaultBridgeInterface`), which breaks the main daemon's default network (ENGINE.md). Recreate it as
 * ENGINE.md says, right after the second daemon starts and again after it stops.
 */
function restoreDocker0(existedBefore: boolean): void {
  if (!existedBefore || spawnSync('ip', ['link', 'show', 'docker0']).status === 0) return;
  spawnSync('sh', ['-c', 'ip link add docker0 type bridge && ip addr add 172.17.0.1/16 dev docker0 && ip link set docker0 up']);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

await engineSuite('audit a remote engine over TCP with mutual TLS', () => {
  let dir = '';
  let port = 0;
  let daemon: ChildProcess | undefined;
  let log = '';
  let hadDocker0 = false;
  const env = () => ({ DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bwtest-tls-'));
    makeCertificates(dir);
    port = await freePort();
    writeFileSync(join(dir, 'daemon.json'), '{}\n');
    hadDocker0 = spawnSync('ip', ['link', 'show', 'docker0']).status === 0;
    daemon = spawn(
      'dockerd',
      [
        '--config-file',
        join(dir, 'daemon.json'),
        '--data-root',
        join(dir, 'data'),
        '--exec-root',
        join(dir, 'exec'),
        '--pidfile',
        join(dir, 'dockerd.pid'),
        '-H',
        `unix://${join(dir, 'docker.sock')}`,
        '-H',
        `tcp://127.0.0.1:${port}`,
        '--tlsverify',
        '--tlscacert',
        join(dir, 'ca.pem'),
        '--tlscert',
        join(dir, 'server-cert.pem'),
        '--tlskey',
        join(dir, 'server-key.pem'),
        '--bridge',
        'none',
        '--iptables=false',
        '--ip-masq=false',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], detached: false },
    );
    daemon.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    daemon.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const endpoint = resolveEndpoint({ env: env(), configDir: dir });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (existsSync(join(dir, 'docker.sock'))) restoreDocker0(hadDocker0);
      try {
        (await EngineClient.connect(endpoint, { timeoutMs: 2000 })).close();
        restoreDocker0(hadDocker0);
        break;
      } catch (e) {
        const fatal = e instanceof EngineError && e.code !== 'no-daemon' && e.code !== 'timeout';
        if (fatal || daemon.exitCode !== null || Date.now() > deadline)
          throw new Error(`second dockerd did not come up: ${(e as Error).message}\n${log.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  });

  after(async () => {
    if (daemon && daemon.exitCode === null) {
      const exited = new Promise((r) => daemon?.once('exit', r));
      daemon.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (daemon.exitCode === null) daemon.kill('SIGKILL');
    }
    restoreDocker0(hadDocker0);
    if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  });

  it('audits it with DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
    const endpoint = resolveEndpoint({ env: env(), configDir: dir });
    assert.equal(endpoint.kind, 'tcp');
    assert.equal(endpoint.tls?.verify, true);
    const r = await auditEngine({ endpoint });
    assert.equal(r.containers, 0);
    assert.match(r.apiVersion, /^1\.\d+$/);
    // The daemon runs with defaults: live restore off, and no bridge (so icc is not known and not judged).
    assert.deepEqual(
      r.findings.map((f) => `${f.ruleId} ${f.location.source}`),
      [`BW4004 engine:${r.findings[0]?.subject ?? ''}`],
    );
  });

  it('audits it through a docker CLI context (meta.json and TLS files in the context store)', async () => {
    const config = join(dir, 'cli-config');
    const id = createHash('sha256').update('bwtest-remote').digest('hex');
    mkdirSync(join(config, 'contexts', 'meta', id), { recursive: true });
    mkdirSync(join(config, 'contexts', 'tls', id, 'docker'), { recursive: true });
    writeFileSync(
      join(config, 'contexts', 'meta', id, 'meta.json'),
      JSON.stringify({ Name: 'bwtest-remote', Metadata: {}, Endpoints: { docker: { Host: `tcp://127.0.0.1:${port}`, SkipTLSVerify: false } } }),
    );
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(config, 'contexts', 'tls', id, 'docker', f), readFileSync(join(dir, f)));
    const endpoint = resolveEndpoint({ context: 'bwtest-remote', env: {}, configDir: config });
    assert.equal(endpoint.from, '--context bwtest-remote');
    const r = await auditEngine({ endpoint, containersOnly: true });
    assert.equal(r.containers, 0);
    // The current context in config.json is used when nothing else is set.
    writeFileSync(join(config, 'config.json'), JSON.stringify({ currentContext: 'bwtest-remote' }));
    assert.equal(resolveEndpoint({ env: {}, configDir: config }).url, `tcp://127.0.0.1:${port}`);
  });

  it('refuses clearly without a client certificate, with an untrusted one, and over plain HTTP', async () => {
    const attempts: [string, Record<string, string>][] = [
      ['no client certificate', { ...env(), DOCKER_CERT_PATH: join(dir, 'nocert') }],
      ['client certificate from another CA', { ...env(), DOCKER_CERT_PATH: join(dir, 'rogue') }],
      ['plain HTTP to the TLS port', { DOCKER_HOST: `tcp://127.0.0.1:${port}` }],
    ];
    for (const [what, e] of attempts) {
      await assert.rejects(
        EngineClient.connect(resolveEndpoint({ env: e, configDir: dir }), { timeoutMs: 5000 }),
        (err: unknown) => err instanceof EngineError && err.code === 'tls' && (err.hint ?? '').length > 0,
        what,
      );
    }
  });

  it('the built CLI audits it (exit 1 on the live-restore finding at --fail-on low) and says what is wrong without the certificate (exit 2)', () => {
    const ok = spawnSync(process.execPath, [BIN, 'audit', 'engine', '--fail-on', 'low', '--format', 'json'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env() },
    });
    assert.equal(ok.status, 1, ok.stderr);
    assert.deepEqual(
      (JSON.parse(ok.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId),
      ['BW4004'],
    );
    const bad = spawnSync(process.execPath, [BIN, 'audit', 'engine'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env(), DOCKER_CERT_PATH: join(dir, 'nocert') },
    });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^bulwark: .*TLS|closed the TLS connection/m);
    assert.match(bad.stderr, /hint: /);
    assert.doesNotMatch(bad.stderr, /\n\s+at /, 'no stack trace');
    assert.ok(existsSync(dir));
  });
});
