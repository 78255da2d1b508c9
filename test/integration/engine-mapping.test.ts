import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkContainer } from '../../src/check/index.js';
import { knownValue } from '../../src/model/index.js';
import { LIVE_RULES, RUNTIME_RULES } from '../../src/rules/index.js';
import { EngineClient } from '../../src/sources/engine/client.js';
import { parseHost, resolveEndpoint } from '../../src/sources/engine/endpoint.js';
import { EngineError } from '../../src/sources/engine/errors.js';
import { loadInfoFixture, loadInspectFixture } from '../../src/sources/engine/fixture.js';
import { imageToSpec } from '../../src/sources/engine/image.js';
import { formatJsonPath } from '../../src/sources/engine/json-path.js';
import { mapBounded } from '../../src/sources/engine/read.js';

// Fixtures are real answers of the Docker 20.10 engine in this project's tests (test/fixtures/engine/):
// a container run with many settings at once, its image, and `docker info`.
const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'engine');
const read = (f: string) => readFileSync(join(FIXTURES, f), 'utf8');
const temps: string[] = [];
const tempDir = (tag: string) => {
  const d = mkdtempSync(join(tmpdir(), `bwtest-${tag}-`));
  temps.push(d);
  return d;
};
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe('container inspect -> ContainerSpec', () => {
  const { specs, diagnostics } = loadInspectFixture(read('container-inspect.json'), 'container-inspect.json', { image: read('image-inspect.json') });
  const c = specs[0];
  it('reads every HostConfig and Config field the rules use', () => {
    assert.deepEqual(diagnostics, []);
    assert.ok(c);
    assert.equal(c.name, 'bwtest-probe');
    assert.equal(c.origin, 'engine');
    assert.deepEqual(
      c.capAdd.map((x) => x.value),
      ['NET_ADMIN'],
    );
    assert.deepEqual(
      c.capDrop.map((x) => x.value),
      ['ALL'],
    );
    assert.equal(knownValue(c.readonlyRootfs), true);
    assert.equal(knownValue(c.user), '1000');
    assert.equal(knownValue(c.limits.pidsLimit), 50);
    assert.equal(knownValue(c.limits.memoryBytes), 64 * 1024 * 1024);
    assert.equal(knownValue(c.limits.nanoCpus), 500_000_000);
    assert.deepEqual(
      c.limits.ulimits.map((u) => u.value),
      [{ name: 'nofile', soft: 100, hard: 200 }],
    );
    assert.equal(knownValue(c.securityOpt.seccomp), 'unconfined');
    assert.deepEqual(
      c.tmpfs.map((t) => t.value),
      ['/run'],
    );
    assert.deepEqual(
      c.mounts.map((m) => m.value),
      [
        { type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock', readOnly: true, propagation: 'rprivate' },
        { type: 'volume', source: 'bwvol', target: '/data', readOnly: false },
        { type: 'bind', source: '/tmp', target: '/h', readOnly: false, propagation: 'rprivate' },
      ],
    );
    assert.deepEqual(
      c.ports.map((p) => p.value),
      [
        { containerPort: '80', protocol: 'tcp', hostIp: '127.0.0.1', hostPort: '18080' },
        { containerPort: '81', protocol: 'udp', hostPort: '18081' },
      ],
    );
    assert.deepEqual(knownValue(c.restart), { name: 'on-failure', maximumRetryCount: 3 });
    assert.deepEqual(knownValue(c.logging), { driver: 'json-file', options: { 'max-size': '10m' } });
    assert.deepEqual(knownValue(c.healthcheck), { test: ['CMD-SHELL', 'true'] });
    assert.deepEqual(
      c.sysctls.map((s) => s.value),
      [['net.ipv4.ip_forward', '1']],
    );
    assert.deepEqual(
      c.devices.map((d) => d.value),
      [{ pathOnHost: '/dev/null', pathInContainer: '/dev/xnull', permissions: 'r' }],
    );
    assert.deepEqual(
      c.env.map((e) => e.value),
      [{ name: 'SECRET_TOKEN', value: 'abc' }],
    );
    assert.equal(knownValue(c.image)?.raw, 'bulwark-test/busybox:1');
    assert.equal(knownValue(c.live.state)?.health?.status, 'starting');
    assert.equal(c.live.image?.repoDigests.length, 0);
  });
  it('locates each value by container name, JSON path, and line and column in the saved text', () => {
    const cap = c?.capAdd[0];
    assert.equal(cap?.at.source, 'container:bwtest-probe');
    assert.equal(cap?.at.path, 'HostConfig.CapAdd[0]');
    assert.equal(cap?.at.line, 75);
    assert.equal(c?.ports[1]?.at.path, 'HostConfig.PortBindings["81/udp"][0]');
    assert.equal(c?.ports[1]?.at.line, 61);
  });
  it('gives exactly the findings its settings call for', () => {
    assert.ok(c);
    const found = checkContainer([...RUNTIME_RULES, ...LIVE_RULES], c)
      .map((f) => `${f.ruleId} ${f.location.path} ${f.location.line}`)
      .sort();
    // The probe set no no-new-privileges (BW1006, reported on the container's name).
    assert.deepEqual(found, [
      'BW1003 HostConfig.CapAdd[0] 75',
      'BW1006 Name 32',
      'BW1007 HostConfig.SecurityOpt[0] 95',
      'BW1014 Mounts[0] 195',
      'BW1021 HostConfig.Devices[0] 129',
      'BW1022 HostConfig.Sysctls["net.ipv4.ip_forward"] 104',
      'BW1023 HostConfig.PortBindings["81/udp"][0] 61',
      'BW1024 Config.Env[0] 237',
      'BW1026 Config.Image 249',
      'BW1105 NetworkSettings.Networks.bridge 292',
    ]);
  });
  it('takes the array `docker inspect` prints, and reports bad JSON as a located diagnostic', () => {
    assert.equal(loadInspectFixture('[{"Name": "/a"}, {"Name": "/b"}]', 'x.json').specs.length, 2);
    const bad = loadInspectFixture('{"Name": "/a",\n  "HostConfig": }', 'x.json');
    assert.equal(bad.specs.length, 0);
    assert.equal(bad.diagnostics[0]?.code, 'json-syntax');
    assert.equal(bad.diagnostics[0]?.at.line, 2);
  });
  it('maps HostConfig.DeviceRequests: Count -1 is all, null lists are empty; each located at its element', () => {
    assert.equal(c?.deviceRequests, undefined, 'the probe has "DeviceRequests": null');
    const s = loadInspectFixture(
      '{"Name": "/ml", "HostConfig": {"DeviceRequests": [\n  {"Driver": "nvidia", "Count": -1, "DeviceIDs": null, "Capabilities": [["gpu"]]},\n  {"Count": 0, "DeviceIDs": ["0", "2"], "Capabilities": null}\n]}}',
      'x.json',
    ).specs[0];
    assert.deepEqual(
      s?.deviceRequests?.map((r) => [r.value, r.at.path, r.at.line, r.at.column]),
      [
        [{ driver: 'nvidia', count: 'all', deviceIds: [], capabilities: [['gpu']] }, 'HostConfig.DeviceRequests[0]', 2, 3],
        [{ driver: '', count: 0, deviceIds: ['0', '2'], capabilities: [] }, 'HostConfig.DeviceRequests[1]', 3, 3],
      ],
    );
  });
  it('never crashes on a minimal or odd answer', () => {
    const s = loadInspectFixture(
      '{"Id": "abc", "HostConfig": {"CapAdd": null, "PortBindings": {"80/tcp": null}, "PidsLimit": null}, "Config": {"Image": "sha256:' +
        'a'.repeat(64) +
        '"}}',
      'x.json',
    ).specs[0];
    assert.equal(s?.name, 'abc');
    assert.equal(s?.image, undefined);
    assert.deepEqual(s?.ports, []);
  });
});

describe('image inspect -> ImageSpec and docker info -> DaemonSpec', () => {
  it('maps the image config', () => {
    const img = imageToSpec(JSON.parse(read('image-inspect.json'))[0]);
    assert.equal(img.name, 'bulwark-test/busybox:1');
    assert.equal(img.origin, 'image');
    assert.equal(img.user, undefined);
    assert.equal(img.at.source, 'image:bulwark-test/busybox:1');
  });
  it('maps the daemon facts info answers, leaving the rest to daemon.json (partial)', () => {
    const { specs, diagnostics } = loadInfoFixture(read('info.json'), 'info.json');
    const d = specs[0];
    assert.deepEqual(diagnostics, []);
    assert.equal(d?.partial, true);
    assert.equal(knownValue(d?.liveRestore), false);
    assert.equal(knownValue(d?.seccompProfile), 'builtin');
    assert.equal(knownValue(d?.rootless), false);
    assert.deepEqual(d?.insecureRegistries, [], "127.0.0.0/8 is every engine's default");
    assert.equal(d?.icc, undefined);
  });
});

describe('endpoint resolution (docker CLI conventions)', () => {
  it('parses host strings', () => {
    assert.deepEqual(parseHost('unix:///run/user/1000/docker.sock', 'x'), {
      url: 'unix:///run/user/1000/docker.sock',
      kind: 'unix',
      socketPath: '/run/user/1000/docker.sock',
      from: 'x',
    });
    assert.equal(parseHost('tcp://10.0.0.5', 'x').port, 2375);
    assert.equal(parseHost('10.0.0.5:2376', 'x', { verify: true }).url, 'tcp://10.0.0.5:2376');
    assert.equal(parseHost('tcp://[::1]:2376', 'x').host, '::1');
    const ssh = parseHost('ssh://ops@build.example:2222', 'x');
    assert.deepEqual([ssh.kind, ssh.username, ssh.host, ssh.port], ['ssh', 'ops', 'build.example', 2222]);
    assert.throws(
      () => parseHost('fd://', 'x'),
      (e: unknown) => e instanceof EngineError && e.code === 'bad-endpoint',
    );
    // DOCKER_HOST comes from the environment: a password in it is masked in the message.
    assert.throws(() => parseHost('ftp://ops:S3cr3tPassw0rd@build.example', 'DOCKER_HOST'), {
      message: 'DOCKER_HOST: the ftp:// scheme of "ftp://ops:...(14 chars)@build.example" is not supported (use unix://, tcp:// or ssh://)',
    });
  });
  it('follows the precedence --host, --context, DOCKER_HOST, DOCKER_CONTEXT, current context, default', () => {
    const config = tempDir('ctx');
    const empty = { env: {}, configDir: config };
    assert.equal(resolveEndpoint(empty).url, 'unix:///var/run/docker.sock');
    assert.equal(resolveEndpoint({ ...empty, env: { DOCKER_HOST: 'tcp://h:1' } }).url, 'tcp://h:1');
    assert.equal(resolveEndpoint({ ...empty, host: 'tcp://a:1', env: { DOCKER_HOST: 'tcp://h:1' } }).url, 'tcp://a:1');
    assert.throws(() => resolveEndpoint({ ...empty, host: 'tcp://a:1', context: 'x' }), /either --host or --context/);
    assert.throws(() => resolveEndpoint({ ...empty, context: 'nope' }), /context "nope" does not exist/);
    const id = '4d0e1a4c1c1a4d24d0db5cb1fe1b5cf4e5a43d73f39dad8f0db5a47ffea5b20f';
    mkdirSync(join(config, 'contexts', 'meta', id), { recursive: true });
    writeFileSync(join(config, 'contexts', 'meta', id, 'meta.json'), JSON.stringify({ Name: 'x', Endpoints: { docker: { Host: 'ssh://me@far' } } }));
    assert.throws(() => resolveEndpoint({ ...empty, context: 'x' }), /does not exist/, 'the folder is the sha256 of the name');
  });
  it('reads TLS files from DOCKER_CERT_PATH and fails clearly when the CA is missing', () => {
    const certs = tempDir('certs');
    assert.throws(
      () => resolveEndpoint({ env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs } }),
      (e: unknown) => e instanceof EngineError && e.code === 'bad-endpoint' && /ca\.pem/.test(e.message),
    );
    writeFileSync(join(certs, 'ca.pem'), 'x');
    const ep = resolveEndpoint({ env: { DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs } });
    assert.deepEqual([ep.port, ep.tls?.verify, ep.tls?.cert], [2376, true, undefined]);
  });
});

describe('client errors', () => {
  it('no daemon: a missing socket and a closed port', async () => {
    await assert.rejects(
      EngineClient.connect(parseHost('unix:///nonexistent/docker.sock', 'test')),
      (e: unknown) => e instanceof EngineError && e.code === 'no-daemon' && /ENOENT/.test(e.message),
    );
    await assert.rejects(EngineClient.connect(parseHost('tcp://127.0.0.1:1', 'test')), (e: unknown) => e instanceof EngineError && e.code === 'no-daemon');
  });
});

describe('helpers', () => {
  it('formats JSON paths', () => {
    assert.equal(formatJsonPath(['HostConfig', 'Sysctls', 'net.ipv4.ip_forward']), 'HostConfig.Sysctls["net.ipv4.ip_forward"]');
    assert.equal(formatJsonPath(['Mounts', 0]), 'Mounts[0]');
  });
  it('mapBounded keeps order and never runs more than the limit at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapBounded([5, 1, 4, 2, 3, 0], 2, async (x) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, x));
      inFlight--;
      return x * 10;
    });
    assert.deepEqual(out, [50, 10, 40, 20, 30, 0]);
    assert.equal(peak, 2);
  });
});
