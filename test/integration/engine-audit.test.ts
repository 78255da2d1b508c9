import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { checkContainer, type Finding } from '../../src/check/index.js';
import { auditEngine, type EngineAuditResult } from '../../src/pipeline/audit-engine.js';
import { RUNTIME_RULES } from '../../src/rules/index.js';
import { scanComposeProject } from '../../src/sources/compose/index.js';
import { parseHost } from '../../src/sources/engine/index.js';
import { memoryFs } from '../../src/sources/fs.js';
import { scanRunCommand } from '../../src/sources/run/index.js';
import { CLI } from '../helpers/cli.js';
import { BUSYBOX_IMAGE, docker, engineSocket, engineSuite, testName } from '../helpers/engine.js';

// Real containers on the local engine, each with known settings; the audit must find exactly what they
// break, at the exact JSON path, and the same settings written as a compose service and as a `docker run`
// line must give the same runtime rule ids.

const prefix = testName('audit');
const BIN = CLI;

/** Docker flags of a container that breaks nothing but the digest pin (the image is a local build). */
const HARDENED = [
  '--cap-drop',
  'ALL',
  '--read-only',
  '--user',
  '10001:10001',
  '--pids-limit',
  '100',
  '--memory',
  '64m',
  '--cpus',
  '0.5',
  '--security-opt',
  'no-new-privileges',
  '--restart',
  'on-failure:3',
  '--log-opt',
  'max-size=10m',
  '--health-cmd',
  'true',
];
const HARDENED_COMPOSE = `
    image: ${BUSYBOX_IMAGE}
    cap_drop: [ALL]
    read_only: true
    user: "10001:10001"
    pids_limit: 100
    mem_limit: 64m
    cpus: 0.5
    security_opt: [no-new-privileges]
    restart: on-failure:3
    logging: { driver: json-file, options: { max-size: 10m } }
    healthcheck: { test: [CMD-SHELL, "true"] }`;

interface Case {
  tag: string;
  /** Flags replacing or added to the hardened ones. */
  flags: string[];
  /** Hardened flags left out. */
  drop?: string[];
  /** Compose lines replacing the hardened ones for the same settings. */
  compose: string;
  network?: boolean;
  /** `RULE path` of every finding the audit must give, sorted. */
  expected: string[];
}

function without(flags: string[], drop: string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i] as string;
    const takesValue = f !== '--read-only';
    if (drop.includes(f)) {
      if (takesValue) i++;
      continue;
    }
    out.push(f);
  }
  return out;
}

const CASES: Case[] = [
  { tag: 'hardened', flags: [], compose: HARDENED_COMPOSE, expected: ['BW1026 Config.Image'] },
  {
    tag: 'caps',
    flags: ['--cap-add', 'SYS_ADMIN', '--cap-add', 'CHOWN', '--cap-add', 'SYS_TIME'],
    compose: `${HARDENED_COMPOSE}\n    cap_add: [SYS_ADMIN, CHOWN, SYS_TIME]`,
    // The engine stores CapAdd in its own order (here CHOWN, SYS_ADMIN, SYS_TIME): paths follow the engine.
    expected: ['BW1003 HostConfig.CapAdd[1]', 'BW1004 HostConfig.CapAdd[2]', 'BW1005 HostConfig.CapAdd[0]', 'BW1026 Config.Image'],
  },
  {
    tag: 'writable-root',
    flags: [],
    drop: ['--read-only', '--user'],
    compose: HARDENED_COMPOSE.replace('\n    read_only: true', '').replace('\n    user: "10001:10001"', ''),
    // The engine always records ReadonlyRootfs (false here); an empty Config.User means the image's root.
    expected: ['BW1010 HostConfig.ReadonlyRootfs', 'BW1026 Config.Image', 'BW1030 Name'],
  },
  {
    tag: 'no-limits',
    flags: [],
    drop: ['--pids-limit', '--memory', '--cpus'],
    compose: HARDENED_COMPOSE.replace('\n    pids_limit: 100', '').replace('\n    mem_limit: 64m', '').replace('\n    cpus: 0.5', ''),
    expected: ['BW1011 Name', 'BW1012 Name', 'BW1013 Name', 'BW1026 Config.Image'],
  },
  {
    tag: 'socket',
    flags: ['-v', '/var/run/docker.sock:/var/run/docker.sock:ro'],
    compose: `${HARDENED_COMPOSE}\n    volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"]`,
    expected: ['BW1014 Mounts[0]', 'BW1026 Config.Image'],
  },
  {
    tag: 'host-pid',
    flags: ['--pid', 'host'],
    compose: `${HARDENED_COMPOSE}\n    pid: host`,
    // The engine adds label=disable to host-PID containers; the cause is reported once, as BW1017.
    expected: ['BW1017 HostConfig.PidMode', 'BW1026 Config.Image'],
  },
  {
    tag: 'seccomp',
    flags: ['--security-opt', 'seccomp=unconfined'],
    compose: HARDENED_COMPOSE.replace('security_opt: [no-new-privileges]', 'security_opt: [no-new-privileges, seccomp=unconfined]'),
    expected: ['BW1007 HostConfig.SecurityOpt[1]', 'BW1026 Config.Image'],
  },
  {
    tag: 'unhealthy',
    flags: ['--health-cmd', 'false', '--health-interval', '1s', '--health-retries', '1'],
    compose: HARDENED_COMPOSE.replace('healthcheck: { test: [CMD-SHELL, "true"] }', 'healthcheck: { test: [CMD-SHELL, "false"], interval: 1s, retries: 1 }'),
    // Live-only: the engine's own health state (the compose and run forms have the same runtime rule ids).
    expected: ['BW1026 Config.Image', 'BW1101 State'],
  },
  {
    tag: 'ports',
    flags: ['-p', '127.0.0.1::80', '-p', '81'],
    compose: `${HARDENED_COMPOSE}\n    ports: ["127.0.0.1::80", "81"]`,
    network: true,
    expected: ['BW1023 HostConfig.PortBindings["81/tcp"][0]', 'BW1026 Config.Image', 'BW1105 NetworkSettings.Networks.bridge'],
  },
];

const nameOf = (c: Case) => `${prefix}-${c.tag}`;
const flagsOf = (c: Case) => [...without(HARDENED, c.drop), ...c.flags];
const brief = (f: Finding) => `${f.ruleId} ${f.location.path ?? ''}`;
const runtimeIds = new Set<string>(RUNTIME_RULES.map((r) => r.meta.id));
const ruleIds = (fs: readonly Finding[]) => [...new Set(fs.filter((f) => runtimeIds.has(f.ruleId)).map((f) => f.ruleId))].sort();

/**
 * Other tests start throwaway daemons with `--bridge none`, which deletes the host's docker0 (ENGINE.md);
 * a container on the default network then fails with "could not find bridge docker0". Recreate it as
 * ENGINE.md says and retry once.
 */
function runOnBridge(args: string[]): void {
  try {
    docker(...args);
  } catch (e) {
    if (!/could not find bridge docker0/.test((e as Error).message)) throw e;
    spawnSync('docker', ['rm', '-f', args[args.indexOf('--name') + 1] as string]);
    if (spawnSync('ip', ['link', 'show', 'docker0']).status !== 0) {
      spawnSync('sh', ['-c', 'ip link add docker0 type bridge && ip addr add 172.17.0.1/16 dev docker0 && ip link set docker0 up']);
    }
    docker(...args);
  }
}

function removeAll(): void {
  const ids = spawnSync('docker', ['ps', '-aq', '--filter', `name=${prefix}-`], { encoding: 'utf8' }).stdout.trim();
  if (ids) spawnSync('docker', ['rm', '-f', ...ids.split('\n')], { encoding: 'utf8' });
}

await engineSuite('audit engine on real containers', () => {
  let result: EngineAuditResult;
  before(async () => {
    removeAll();
    for (const c of CASES) {
      const args = ['run', '-d', '--name', nameOf(c), ...(c.network ? [] : ['--network', 'none']), ...flagsOf(c), BUSYBOX_IMAGE, 'sleep', '300'];
      if (c.network) runOnBridge(args);
      else docker(...args);
    }
    // A stopped container is audited only with --all.
    docker('create', '--name', `${prefix}-stopped`, '--network', 'none', BUSYBOX_IMAGE, 'sleep', '300');
    const unhealthy = nameOf(CASES.find((c) => c.tag === 'unhealthy') as Case);
    for (let i = 0; i < 100 && docker('inspect', '--format', '{{.State.Health.Status}}', unhealthy) !== 'unhealthy'; i++)
      await new Promise((r) => setTimeout(r, 200));
    result = await auditEngine({
      endpoint: parseHost(`unix://${engineSocket()}`, 'test'),
      filters: { name: [`${prefix}-`] },
      containersOnly: true,
      // The image was built minutes ago; a fixed clock keeps image age out of the picture.
      now: new Date(),
    });
  });
  after(removeAll);

  it('checks exactly the containers of this test, one inspect each', () => {
    assert.equal(result.containers, CASES.length);
    assert.equal(result.vanished, 0);
    assert.match(result.apiVersion, /^1\.\d+$/);
  });

  for (const c of CASES) {
    it(`${c.tag}: exact findings, located by container name and JSON path`, () => {
      const mine = result.findings.filter((f) => f.subject === nameOf(c));
      assert.deepEqual(mine.map(brief).sort(), c.expected);
      for (const f of mine) assert.equal(f.location.source, `container:${nameOf(c)}`);
    });
  }

  for (const c of CASES) {
    it(`${c.tag}: the same settings as a compose service and as a run line give the same runtime rule ids`, () => {
      const live = ruleIds(result.findings.filter((f) => f.subject === nameOf(c)));
      const yaml = `services:\n  svc:${c.compose}\n${c.network ? '' : '    network_mode: none\n'}`;
      const composed = scanComposeProject(['/mem/compose.yaml'], memoryFs({ 'compose.yaml': yaml }), {});
      assert.deepEqual(composed.diagnostics, []);
      const fromCompose = ruleIds(
        composed.specs.flatMap((s) => checkContainer(RUNTIME_RULES, s)).filter((f) => f.status === 'violation' || f.ruleId === 'BW1030'),
      );
      assert.deepEqual(fromCompose, live, `compose:\n${yaml}`);
      const line = ['docker', 'run', '-d', '--name', 'svc', ...(c.network ? [] : ['--network', 'none']), ...flagsOf(c), BUSYBOX_IMAGE, 'sleep', '300']
        .map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w}'`))
        .join(' ');
      const run = scanRunCommand(line);
      assert.equal(run.specs.length, 1, line);
      const fromRun = ruleIds(run.specs.flatMap((s) => checkContainer(RUNTIME_RULES, s)).filter((f) => f.status === 'violation' || f.ruleId === 'BW1030'));
      assert.deepEqual(fromRun, live, line);
    });
  }

  it('the built CLI reports them in JSON with exit code 1 and a per-rule summary in text', () => {
    const json = spawnSync(process.execPath, [BIN, 'audit', 'engine', '--containers-only', '--filter', `name=${prefix}-`, '--format', 'json'], {
      encoding: 'utf8',
    });
    assert.equal(json.status, 1, json.stderr);
    const report = JSON.parse(json.stdout) as { findings: { ruleId: string; subject: string }[] };
    const socket = report.findings.filter((f) => f.subject === `${prefix}-socket`).map((f) => f.ruleId);
    assert.deepEqual(socket.sort(), ['BW1014', 'BW1026']);
    const text = spawnSync(process.execPath, [BIN, 'audit', 'engine', '--containers-only', '--filter', `name=${prefix}-`, '--no-color'], { encoding: 'utf8' });
    assert.equal(text.status, 1, text.stderr);
    assert.match(text.stdout, new RegExp(`${CASES.length} containers checked`));
    assert.match(text.stdout, new RegExp(`Failures per rule:\\n\\s+${CASES.length} {2}BW1026 require-image-digest`));
  });

  it('`bulwark audit` alone reports the host part and the engine part together, daemon rules once', () => {
    const r = spawnSync(process.execPath, [BIN, 'audit', '--filter', `name=${prefix}-`, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; subject: string; scope: string; location: { source: string } }[] };
    assert.ok(report.findings.some((f) => f.subject === `${prefix}-socket` && f.ruleId === 'BW1014'));
    assert.ok(report.findings.some((f) => f.scope === 'host'));
    assert.ok(!report.findings.some((f) => f.location.source.startsWith('engine:')), 'daemon rules run on the host files, not again on docker info');
  });

  it('live facts from real events: an OOM kill (BW1103) and restarts (BW1102)', async () => {
    const oom = `${prefix}-oom`;
    const loop = `${prefix}-loop`;
    // 60 MB into a shell variable under an 8 MB limit: the kernel OOM killer kills a process of the container
    // (the shell: exit 137, or only the pipe: exit 0); either way the engine records State.OOMKilled.
    const ran = spawnSync(
      'docker',
      [
        'run',
        '--name',
        oom,
        '--network',
        'none',
        '--memory',
        '8m',
        '--memory-swap',
        '8m',
        BUSYBOX_IMAGE,
        'sh',
        '-c',
        'a=$(yes | head -c 60000000); echo ${#a}',
      ],
      { encoding: 'utf8' },
    );
    assert.ok(ran.status === 0 || ran.status === 137, ran.stderr);
    docker('run', '-d', '--name', loop, '--network', 'none', '--restart', 'always', BUSYBOX_IMAGE, 'sh', '-c', 'exit 1');
    for (let i = 0; i < 100 && Number(docker('inspect', '--format', '{{.RestartCount}}', loop)) < 2; i++) await new Promise((r) => setTimeout(r, 200));
    const r = await auditEngine({
      endpoint: parseHost(`unix://${engineSocket()}`, 'test'),
      filters: { name: [oom, loop] },
      all: true,
      containersOnly: true,
      settings: (meta) => ({ enabled: true, options: meta.name === 'no-high-restart-count' ? { maxRestarts: 1 } : {} }),
    });
    const live = r.findings.filter((f) => f.ruleId === 'BW1102' || f.ruleId === 'BW1103').map((f) => `${f.ruleId} ${f.subject} ${f.location.path}`);
    assert.deepEqual(live.sort(), [`BW1102 ${loop} RestartCount`, `BW1103 ${oom} State`]);
  });

  it('.bulwark.yaml and baselines apply to live findings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bwtest-policy-'));
    try {
      writeFileSync(join(dir, '.bulwark.yaml'), 'rules:\n  require-image-digest: off\n');
      const cli = (...args: string[]) =>
        spawnSync(process.execPath, [BIN, 'audit', 'engine', '--containers-only', '--filter', `name=${prefix}-hardened`, '--format', 'json', ...args], {
          cwd: dir,
          encoding: 'utf8',
        });
      const off = cli();
      assert.equal(off.status, 0, off.stderr);
      assert.deepEqual((JSON.parse(off.stdout) as { findings: unknown[] }).findings, []);
      const write = cli('--no-config', '--write-baseline', 'live.json');
      assert.equal(write.status, 0, write.stderr);
      const again = cli('--no-config', '--baseline', 'live.json', '--fail-on', 'info');
      assert.equal(again.status, 0, again.stderr);
      assert.equal((JSON.parse(again.stdout) as { suppressed: unknown[] }).suppressed.length, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the engine with one list, one inspect per container and one per distinct image (counted on the wire)', async () => {
    // A counting relay between Bulwark and the engine socket: real HTTP over unix sockets, nothing mocked.
    const dir = mkdtempSync(join(tmpdir(), 'bwtest-relay-'));
    const relayPath = join(dir, 'relay.sock');
    const requests: string[] = [];
    const relay = createServer((client) => {
      const upstream = connect(engineSocket());
      client.on('data', (chunk: Buffer) => {
        for (const m of chunk.toString('latin1').matchAll(/^GET (\S+) HTTP/gm)) requests.push((m[1] as string).replace(/^\/v[\d.]+/, '').replace(/\?.*$/, ''));
      });
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((r) => relay.listen(relayPath, r));
    try {
      const r = await auditEngine({ endpoint: parseHost(`unix://${relayPath}`, 'test'), filters: { name: [`${prefix}-`] }, containersOnly: true });
      const count = (re: RegExp) => requests.filter((q) => re.test(q)).length;
      assert.equal(count(/^\/_ping$/), 1);
      assert.equal(count(/^\/containers\/json$/), 1);
      assert.equal(count(/^\/containers\/[^/]+\/json$/), r.containers);
      assert.equal(count(/^\/images\/[^/]+\/json$/), 1, 'every test container runs the same image');
      assert.equal(count(/^\/info$/), 1);
      assert.equal(count(/^\/networks\/bridge$/), 1);
      assert.equal(requests.length, r.containers + 5);
    } finally {
      relay.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--all adds stopped containers', async () => {
    const r = await auditEngine({
      endpoint: parseHost(`unix://${engineSocket()}`, 'test'),
      filters: { name: [`${prefix}-`] },
      containersOnly: true,
      all: true,
    });
    assert.ok(r.containers >= CASES.length + 1);
    assert.ok(r.findings.some((f) => f.subject === `${prefix}-stopped`));
  });

  it('--filter by label selects nothing when no container carries it', async () => {
    const r = await auditEngine({ endpoint: parseHost(`unix://${engineSocket()}`, 'test'), filters: { label: [`${prefix}=none`] }, containersOnly: true });
    assert.equal(r.containers, 0);
    assert.deepEqual(r.findings, []);
  });
});
