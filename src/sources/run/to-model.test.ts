import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkContainer } from '../../check/index.js';
import { type ContainerSpec, isUnknown } from '../../model/index.js';
import { RUNTIME_RULES } from '../../rules/index.js';
import { RESTART_COUNTS_REFUSED, RESTART_FORMS_TAKEN } from '../../testing/restart-forms.js';
import { scanRunCommand } from './index.js';

function spec(text: string): ContainerSpec {
  const r = scanRunCommand(text, '<run>');
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    [],
  );
  assert.equal(r.specs.length, 1);
  return r.specs[0] as ContainerSpec;
}

const values = <T>(xs: { value: T }[]) => xs.map((x) => x.value);

const bw1028 = (s: ContainerSpec) =>
  checkContainer(RUNTIME_RULES, s)
    .filter((f) => f.ruleId === 'BW1028')
    .map((f) => `${f.status} ${f.location.line}:${f.location.column} ${f.message}`);

describe('run line -> ContainerSpec', () => {
  it('maps -v and --mount to mounts, --tmpfs to tmpfs', () => {
    const s = spec(
      'docker run -v /srv:/data:ro,z -v cache:/cache -v /anon --mount type=bind,source=/a,target=/b,readonly --mount type=tmpfs,dst=/scratch --tmpfs /run:size=64m img:1',
    );
    assert.deepEqual(values(s.mounts), [
      { type: 'bind', source: '/srv', target: '/data', readOnly: true, selinux: 'z' },
      { type: 'volume', source: 'cache', target: '/cache', readOnly: false },
      { type: 'volume', target: '/anon', readOnly: false },
      { type: 'bind', source: '/a', target: '/b', readOnly: true },
      { type: 'tmpfs', target: '/scratch', readOnly: false },
    ]);
    assert.deepEqual(values(s.tmpfs), ['/scratch', '/run']);
  });

  it('keeps run-time mount sources as written, as host paths', () => {
    const s = spec('docker run -v "$SOCK:/var/run/docker.sock" --mount type=bind,source=$HOME/.ssh,target=/root/.ssh,readonly img:1');
    assert.deepEqual(values(s.mounts), [
      { type: 'bind', source: '$SOCK', target: '/var/run/docker.sock', readOnly: false },
      { type: 'bind', source: '$HOME/.ssh', target: '/root/.ssh', readOnly: true },
    ]);
  });

  it('maps every -p form', () => {
    const s = spec('docker run -p 8080:80 -p 127.0.0.1:8080:80 -p 127.0.0.1::80 -p [::1]:8080:80 -p 8000-8010:8000-8010 -p 53:53/udp -p 9000 img:1');
    assert.deepEqual(values(s.ports), [
      { hostPort: '8080', containerPort: '80', protocol: 'tcp' },
      { hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80', protocol: 'tcp' },
      { hostIp: '127.0.0.1', containerPort: '80', protocol: 'tcp' },
      { hostIp: '::1', hostPort: '8080', containerPort: '80', protocol: 'tcp' },
      { hostPort: '8000-8010', containerPort: '8000-8010', protocol: 'tcp' },
      { hostPort: '53', containerPort: '53', protocol: 'udp' },
      { containerPort: '9000', protocol: 'tcp' },
    ]);
  });

  it('maps security options in both forms, capabilities, namespaces, devices and sysctls', () => {
    const s = spec(
      'docker run --security-opt seccomp:unconfined --security-opt no-new-privileges:true --security-opt apparmor=unconfined --security-opt label=disable ' +
        '--cap-add=all --cap-drop cap_net_raw --network host --pid=host --ipc host --uts host --userns host --cgroupns host ' +
        '--device /dev/sda:rw --device /dev/fuse:/dev/fuse --sysctl net.ipv4.ip_forward=1 img:1',
    );
    assert.equal(s.securityOpt.seccomp?.value, 'unconfined');
    assert.equal(s.securityOpt.noNewPrivileges?.value, true);
    assert.equal(s.securityOpt.apparmor?.value, 'unconfined');
    assert.deepEqual(values(s.securityOpt.selinux), ['disable']);
    assert.deepEqual(values(s.capAdd), ['ALL']);
    assert.deepEqual(values(s.capDrop), ['NET_RAW']);
    assert.deepEqual(
      [s.networkMode, s.pidMode, s.ipcMode, s.utsMode, s.usernsMode, s.cgroupnsMode].map((x) => x?.value),
      ['host', 'host', 'host', 'host', 'host', 'host'],
    );
    assert.deepEqual(values(s.devices), [
      { pathOnHost: '/dev/sda', pathInContainer: '/dev/sda', permissions: 'rw' },
      { pathOnHost: '/dev/fuse', pathInContainer: '/dev/fuse', permissions: 'rwm' },
    ]);
    assert.deepEqual(values(s.sysctls), [['net.ipv4.ip_forward', '1']]);
  });

  it('maps limits, user, env, health check, restart and logging', () => {
    const s = spec(
      'docker run --memory=512m --cpus 1.5 --pids-limit 256 --ulimit nofile=1024:2048 -u 10001:10001 -e A=1 -e B --env=TOKEN=$TOKEN ' +
        "--health-cmd 'curl -f http://localhost/' --health-interval 30s --health-timeout=5s --health-retries 3 --restart on-failure:5 " +
        '--log-driver json-file --log-opt max-size=10m --log-opt max-file=3 --name api img:1',
    );
    assert.equal(s.name, 'api');
    assert.equal(s.limits.memoryBytes?.value, 512 * 1024 * 1024);
    assert.equal(s.limits.nanoCpus?.value, 1.5e9);
    assert.equal(s.limits.pidsLimit?.value, 256);
    assert.deepEqual(values(s.limits.ulimits), [{ name: 'nofile', soft: 1024, hard: 2048 }]);
    assert.equal(s.user?.value, '10001:10001');
    const env = values(s.env);
    assert.deepEqual(env.slice(0, 2), [{ name: 'A', value: '1' }, { name: 'B' }]);
    const token = env[2] as { name: string; unknownValue?: unknown };
    assert.equal(token.name, 'TOKEN');
    assert.ok(isUnknown(token.unknownValue));
    assert.deepEqual(s.healthcheck?.value, { test: ['CMD-SHELL', 'curl -f http://localhost/'], intervalSeconds: 30, timeoutSeconds: 5, retries: 3 });
    assert.deepEqual(s.restart?.value, { name: 'on-failure', maximumRetryCount: 5 });
    assert.deepEqual(s.logging?.value, { driver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } });
  });

  it('--no-healthcheck disables; --privileged=false is false; a variable is unknown', () => {
    const s = spec('docker run --no-healthcheck --privileged=false --read-only=$RO "$IMAGE"');
    assert.equal(s.healthcheck?.value, 'disabled');
    assert.equal(s.privileged?.value, false);
    assert.ok(isUnknown(s.readonlyRootfs?.value));
    assert.ok(isUnknown(s.image?.value));
  });

  it('a variable that may hold options makes what it could set unknown, never missing', () => {
    const r = scanRunCommand('docker run $DOCKER_OPTS --memory 1g img:1', '<run>');
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.severity} ${d.code}`),
      ['warning unknown-flag'],
    );
    const s = r.specs[0] as ContainerSpec;
    assert.equal(s.limits.memoryBytes?.value, 1024 ** 3);
    for (const f of [s.limits.nanoCpus, s.limits.pidsLimit, s.readonlyRootfs, s.securityOpt.noNewPrivileges, s.user, s.healthcheck, s.restart, s.logging])
      assert.ok(isUnknown(f?.value));
    assert.ok(isUnknown(s.capDrop[0]?.value));
    assert.equal(s.privileged, undefined);
  });

  it('names such a word as written up to 64 characters, and else by its first 48 and its length (reason and path)', () => {
    const named = (line: string) => {
      const u = (scanRunCommand(line, '<run>').specs[0] as ContainerSpec).limits.pidsLimit;
      return [isUnknown(u?.value) ? u.value.reason : undefined, u?.at.path];
    };
    assert.deepEqual(named('docker run $DOCKER_OPTS img:1'), ['the options in $DOCKER_OPTS are only known at run time', 'docker run.$DOCKER_OPTS']);
    const cut = `--${'z'.repeat(46)}… (3004 characters)`;
    assert.deepEqual(named(`docker run --${'z'.repeat(3000)}$X img:1`), [`the options in ${cut} are only known at run time`, `docker run.${cut}`]);
  });

  it('locates each value at its flag, with a logical path', () => {
    const s = spec('docker run \\\n  --cap-add SYS_ADMIN \\\n  -dp 80:80 img:1');
    assert.deepEqual([s.capAdd[0]?.at.line, s.capAdd[0]?.at.column, s.capAdd[0]?.at.path], [2, 3, 'docker run.--cap-add[0]']);
    assert.deepEqual([s.ports[0]?.at.line, s.ports[0]?.at.column], [3, 5]);
    assert.deepEqual([s.image?.at.line, s.image?.at.column], [3, 13]);
    assert.deepEqual([s.at.line, s.at.column], [1, 1]);
  });

  it('quotes a refused value through quoteValue: a secret-shaped value and a URL password are masked', () => {
    const r = scanRunCommand('docker run --memory ghp_abcdefghijklmnopqrstuvwxyz0123456789 --restart https://u:S3cr3tPassw0rd@x img:1', '<run>');
    assert.deepEqual(
      r.diagnostics.map((d) => d.message),
      [
        '--memory "ghp_...(40 chars)" (a GitHub token): invalid size "ghp_...(40 chars)" (a GitHub token): expected a number with an optional unit b, k, m, g, t or p',
        '--restart "https://u:...(14 chars)@x": not a restart policy (no, always, on-failure[:N] or unless-stopped)',
      ],
    );
    const s = r.specs[0] as ContainerSpec;
    assert.equal(
      s.limits.memoryBytes && isUnknown(s.limits.memoryBytes.value) ? s.limits.memoryBytes.value.reason : '',
      'invalid value "ghp_...(40 chars)" (a GitHub token)',
    );
  });

  it('refuses values Docker refuses, with a located diagnostic', () => {
    const r = scanRunCommand('docker run --memory 12megs --restart sometimes -p 80:http img:1', '<run>');
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.code} ${d.at.column}`),
      ['invalid-value 12', 'invalid-value 28', 'invalid-value 48'],
    );
  });

  it('maps --rm to autoRemove at the flag, and a --rm container is not asked for a restart policy (BW1028)', () => {
    const s = spec('docker run --rm -it alpine:3.20 sh');
    assert.deepEqual([s.autoRemove?.value, s.autoRemove?.at.line, s.autoRemove?.at.column, s.autoRemove?.at.path], [true, 1, 12, 'docker run.--rm']);
    assert.deepEqual(
      checkContainer(RUNTIME_RULES, s).filter((f) => f.ruleId === 'BW1028'),
      [],
    );
    assert.equal(spec('docker run --rm=false alpine:3.20').autoRemove?.value, false);
    assert.equal(spec('docker run alpine:3.20').autoRemove, undefined);
    assert.equal(checkContainer(RUNTIME_RULES, spec('docker run --rm=false alpine:3.20')).filter((f) => f.ruleId === 'BW1028').length, 1);
  });

  it('keeps a refused value as an Unknown, not as "not set"', () => {
    const r = scanRunCommand('docker run --memory 12megs --restart sometimes -p 80:http --privileged=maybe img:1', '<run>');
    const s = r.specs[0] as ContainerSpec;
    const reason = (v: unknown) => (isUnknown(v) ? v.reason : v);
    assert.deepEqual([s.limits.memoryBytes?.value, s.restart?.value, s.ports[0]?.value, s.privileged?.value].map(reason), [
      'invalid value "12megs"',
      'invalid value "sometimes"',
      'invalid value "80:http"',
      'invalid value "maybe"',
    ]);
    assert.deepEqual([s.limits.memoryBytes?.at.line, s.limits.memoryBytes?.at.column], [1, 12]);
    const memory = checkContainer(RUNTIME_RULES, s).filter((f) => f.ruleId === 'BW1011');
    assert.deepEqual(
      memory.map((f) => [f.status, f.location.line, f.location.column, f.message]),
      [['unknown', 1, 12, 'The memory limit of the docker run command cannot be known: invalid value "12megs".']],
    );
  });

  it('--restart on-failure:N: the count as strconv.Atoi reads it (a sign, leading zeros), up to int64', () => {
    for (const [value, max] of [
      ['on-failure:+3', 3],
      ['on-failure:007', 7],
      ['on-failure:-0', undefined],
      ['on-failure:9223372036854775807', 9223372036854775807n], // int64's largest, exact
    ] as const) {
      const s = spec(`docker run --restart ${value} img:1`);
      assert.deepEqual(s.restart?.value, max === undefined ? { name: 'on-failure' } : { name: 'on-failure', maximumRetryCount: max }, value);
    }
  });

  it('--restart on-failure:N beyond int64 (docker/cli refuses it) or below 0 (dockerd refuses it): an input error at the option', () => {
    const range = 'the retry count is out of range (Docker takes 0 to 9223372036854775807)';
    const negative = 'the retry count cannot be negative (dockerd refuses it)';
    // A long value is cut in messages, as quoteValue cuts any.
    for (const [value, shown, why] of [
      ['on-failure:99999999999999999999', '"on-failure:99999999999999999999"', range],
      ['on-failure:9223372036854775808', '"on-failure:9223372036854775808"', range],
      [`on-failure:${'9'.repeat(3000)}`, `"on-failure:${'9'.repeat(89)}..." (3011 characters)`, range],
      ['on-failure:-1', '"on-failure:-1"', negative],
    ] as const) {
      const r = scanRunCommand(`docker run --restart ${value} img:1`, '<run>');
      assert.deepEqual(
        r.diagnostics.map((d) => `${d.code} ${d.at.line}:${d.at.column} ${d.message}`),
        [`invalid-value 1:12 --restart ${shown}: ${why}`],
        value,
      );
      // No count is read from it, never a rounded or infinite one: the input error is the only report.
      assert.deepEqual(bw1028(r.specs[0] as ContainerSpec), [], value);
    }
  });

  it('--restart with an empty count, or a count of 0 with any policy: taken, as docker/cli and dockerd take them', () => {
    for (const [value, name, finding] of RESTART_FORMS_TAKEN) {
      const s = spec(`docker run --restart ${value} img:1`);
      assert.deepEqual(s.restart?.value, { name }, value);
      const message =
        finding === 'missing'
          ? 'The docker run command has no restart policy.'
          : `The docker run command restarts with policy ${name}, which has no retry bound.`;
      assert.deepEqual(bw1028(s), [`violation 1:12 ${message}`], value);
    }
  });

  it('--restart values Docker refuses: an input error at the option that says why, and no BW1028 finding', () => {
    for (const [value, why] of [
      ...RESTART_COUNTS_REFUSED,
      // docker/cli reads all after the first colon as the count (strconv.Atoi: "maximum retry count must be an integer").
      ['on-failure:3:4', 'the retry count must be an integer'],
      ['on-failure:abc', 'the retry count must be an integer'],
      ['on-failure:-', 'the retry count must be an integer'],
      // "no policy provided before colon"; dockerd refuses a name it does not know.
      [':3', 'not a restart policy (no, always, on-failure[:N] or unless-stopped)'],
      ['sometimes', 'not a restart policy (no, always, on-failure[:N] or unless-stopped)'],
    ] as const) {
      const r = scanRunCommand(`docker run --restart ${value} img:1`, '<run>');
      assert.deepEqual(
        r.diagnostics.map((d) => `${d.code} ${d.at.line}:${d.at.column} ${d.message}`),
        [`invalid-value 1:12 --restart "${value}": ${why}`],
        value,
      );
      assert.ok(isUnknown(r.specs[0]?.restart?.value), value);
      assert.deepEqual(bw1028(r.specs[0] as ContainerSpec), [], value);
    }
    // A run-time value is unknown, and BW1028 says so.
    assert.deepEqual(bw1028(spec('docker run --restart "$POLICY" img:1')), [
      'unknown 1:12 The restart policy of the docker run command cannot be known: shell variable POLICY is set at run time.',
    ]);
  });

  it('--restart on-failure:N: BW1028 names the count as written, exact up to int64 (no double rounding)', () => {
    for (const [count, shown] of [
      ['9223372036854775807', '9223372036854775807'],
      ['9007199254740993', '9007199254740993'],
      ['+0012', '12'],
    ] as const) {
      assert.deepEqual(bw1028(spec(`docker run --restart on-failure:${count} img:1`)), [
        `violation 1:12 The docker run command restarts up to ${shown} times, more than 5.`,
      ]);
    }
  });
});

describe('run line: --gpus and --device-cgroup-rule', () => {
  const requests = (s: ContainerSpec) =>
    (s.deviceRequests ?? []).map(
      (r) => `${r.at.line}:${r.at.column} ${r.at.path} ${isUnknown(r.value) ? `unknown: ${r.value.reason}` : JSON.stringify(r.value)}`,
    );

  it('each --gpus is one request, as docker/cli GpuOpts reads it: a bare count, quoted device ids, driver and capabilities', () => {
    const s = spec(`docker run --gpus all --gpus 2 --gpus '"device=0,1"' --gpus driver=nvidia,count=1,capabilities=compute --gpus 0 img:1`);
    assert.deepEqual(requests(s), [
      '1:12 docker run.--gpus[0] {"driver":"","count":"all","deviceIds":[],"capabilities":[["gpu"]]}',
      '1:23 docker run.--gpus[1] {"driver":"","count":2,"deviceIds":[],"capabilities":[["gpu"]]}',
      '1:32 docker run.--gpus[2] {"driver":"","count":0,"deviceIds":["0","1"],"capabilities":[["gpu"]]}',
      '1:54 docker run.--gpus[3] {"driver":"nvidia","count":1,"deviceIds":[],"capabilities":[["compute","gpu"]]}',
      '1:104 docker run.--gpus[4] {"driver":"","count":0,"deviceIds":[],"capabilities":[["gpu"]]}',
    ]);
    assert.deepEqual(requests(spec('docker run --gpus driver=nvidia img:1')), [
      '1:12 docker run.--gpus[0] {"driver":"nvidia","count":1,"deviceIds":[],"capabilities":[["gpu"]]}',
    ]);
    assert.deepEqual(requests(spec('docker run --gpus "$GPUS" img:1')), ['1:12 docker run.--gpus[0] unknown: shell variable GPUS is set at run time']);
  });

  it('refuses the --gpus and --device-cgroup-rule values the Docker CLI refuses: located input errors, left out of the model', () => {
    const r = scanRunCommand(
      "docker run --gpus all,count=2 --gpus foo=1 --gpus many --device-cgroup-rule 'c 42 rmw' --device-cgroup-rule a --device-cgroup-rule 'c 42:* rmw' img:1",
      '<run>',
    );
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.code} ${d.at.line}:${d.at.column} ${d.message}`),
      [
        'invalid-value 1:12 --gpus "all,count=2": gpu request key "count" can be specified only once',
        'invalid-value 1:31 --gpus "foo=1": unexpected key "foo" in "foo=1"',
        'invalid-value 1:44 --gpus "many": count must be an integer, not "many"',
        'invalid-value 1:56 --device-cgroup-rule "c 42 rmw": invalid device cgroup format: write TYPE MAJOR:MINOR ACCESS, as `c 42:* rmw`',
        'invalid-value 1:88 --device-cgroup-rule "a": invalid device cgroup format: write TYPE MAJOR:MINOR ACCESS, as `c 42:* rmw`',
      ],
    );
    const s = r.specs[0] as ContainerSpec;
    assert.deepEqual(requests(s), []);
    assert.deepEqual(
      s.deviceCgroupRules?.map((x) => x.value),
      ['c 42:* rmw'],
    );
    // The input error is the only report of a refused value: BW1021 adds no unknown finding for it.
    assert.deepEqual(
      checkContainer(RUNTIME_RULES, s)
        .filter((f) => f.ruleId === 'BW1021')
        .map((f) => f.location.column),
      [],
    );
  });

  it('refuses what dockerd refuses: a count with device ids (an unquoted device=0,1 is device 0 and the count 1), a count beyond 64 bits, an empty id', () => {
    const r = scanRunCommand(
      `docker run --gpus device=0,1 --gpus 2,device=0 --gpus '"device=0,1",count=2' --gpus 99999999999999999999 --gpus device= --gpus '"device=0,"' --gpus count=all,device=3 img:1`,
      '<run>',
    );
    const both = (count: string, ids: string) =>
      `count ${count} and device ids ${ids} together: dockerd refuses the container ("cannot set both Count and DeviceIDs on device request"); the Docker CLI splits --gpus at commas, so quote a list of ids: '"device=0,1"'`;
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.code} ${d.at.line}:${d.at.column} ${d.message}`),
      [
        `invalid-value 1:12 --gpus "device=0,1": ${both('1', '0')}`,
        `invalid-value 1:30 --gpus "2,device=0": ${both('2', '0')}`,
        `invalid-value 1:48 --gpus "\\"device=0,1\\",count=2": ${both('2', '0,1')}`,
        'invalid-value 1:78 --gpus "99999999999999999999": count must be an integer, not "99999999999999999999": out of range',
        'invalid-value 1:106 --gpus "device=": a device id is empty: write the ids after device= (`device=0`)',
        'invalid-value 1:121 --gpus "\\"device=0,\\"": a device id is empty: write the ids after device= (`device=0`)',
        `invalid-value 1:142 --gpus "count=all,device=3": ${both('all', '3')}`,
      ],
    );
    const s = r.specs[0] as ContainerSpec;
    assert.deepEqual(requests(s), []);
    assert.deepEqual(
      checkContainer(RUNTIME_RULES, s).filter((f) => f.ruleId === 'BW1021'),
      [],
    );
    // The largest count Atoi reads, and count 0 with ids (no count asked for), are taken.
    assert.deepEqual(requests(spec('docker run --gpus 9223372036854775807 --gpus \'"device=0,1",count=0\' img:1')), [
      '1:12 docker run.--gpus[0] {"driver":"","count":9223372036854776000,"deviceIds":[],"capabilities":[["gpu"]]}',
      '1:39 docker run.--gpus[1] {"driver":"","count":0,"deviceIds":["0","1"],"capabilities":[["gpu"]]}',
    ]);
  });
});

describe('run line: command, --entrypoint, --label and --health-cmd as written', () => {
  it('the words after the image are the exec-form command; run-time parts keep their text; a bare option value is located at it', () => {
    const s = spec(
      'docker run --entrypoint /bin/sh -l com.example.team=payments --label "com.example.x=$X" --health-cmd "curl -f http://localhost/" app:1 -c "exec app --token $TOKEN"',
    );
    const arg = (a: { value: unknown; at: { column?: number; endColumn?: number } }) => {
      const v = a.value as { value: unknown; written?: string };
      return `${a.at.column}-${a.at.endColumn} ${isUnknown(v.value) ? 'unknown' : JSON.stringify(v.value)}${v.written === undefined ? '' : ` written ${v.written}`}`;
    };
    const line = (l: ContainerSpec['command']) => (l === undefined || isUnknown(l.value) ? undefined : `${l.value.form} ${l.value.args.map(arg).join(' | ')}`);
    assert.equal(line(s.entrypoint), 'exec 25-32 "/bin/sh"');
    assert.equal(line(s.command), 'exec 136-138 "-c" | 139-164 unknown written exec app --token $TOKEN');
    // A quoted option value is located at the whole option: the line's text is not at hand to place its quotes.
    assert.equal(line(s.healthcheckTest), 'shell 89-129 "curl -f http://localhost/"');
    assert.deepEqual(
      s.labels?.map((l) =>
        isUnknown(l.value)
          ? 'unknown'
          : `${l.at.column}-${l.at.endColumn} ${l.value.name}=${isUnknown(l.value.value) ? 'unknown' : l.value.value}${l.value.written === undefined ? '' : ` written ${l.value.written}`}`,
      ),
      ['53-61 com.example.team=payments', '62-88 com.example.x=unknown written $X'],
    );
  });

  it('--no-healthcheck leaves no test command; --entrypoint "" an empty entrypoint', () => {
    const s = spec('docker run --health-cmd "true" --no-healthcheck --entrypoint "" app:1');
    assert.equal(s.healthcheckTest, undefined);
    assert.deepEqual(s.entrypoint?.value, { form: 'exec', args: [] });
    assert.equal(s.command, undefined);
  });
});

describe('run line: --cap-add and --cap-drop names dockerd refuses', () => {
  it('an unknown name is an input error at the option that names it once, cut when long, masked when secret-shaped; a known one is taken', () => {
    const long = 'Y'.repeat(5000);
    const r = scanRunCommand(
      `docker run --cap-add cap_net_raw --cap-add SYS_FOO --cap-drop ${long} --cap-add ghp_abcdefghijklmnopqrstuvwxyz0123456789 img:1`,
      '<run>',
    );
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.code} ${d.at.line}:${d.at.column} ${d.message}`),
      [
        'invalid-value 1:34 --cap-add "SYS_FOO": unknown capability (dockerd refuses the container)',
        `invalid-value 1:52 --cap-drop "${'Y'.repeat(100)}..." (5000 characters): unknown capability (dockerd refuses the container)`,
        'invalid-value 1:5064 --cap-add "ghp_...(40 chars)" (a GitHub token): unknown capability (dockerd refuses the container)',
      ],
    );
    const s = r.specs[0] as ContainerSpec;
    assert.equal(s.capAdd[0]?.value, 'NET_RAW');
    assert.ok(isUnknown(s.capAdd[1]?.value) && s.capAdd[1]?.value.refused);
    assert.deepEqual(
      checkContainer(RUNTIME_RULES, s)
        .filter((f) => ['BW1002', 'BW1003', 'BW1004'].includes(f.ruleId))
        .map((f) => `${f.ruleId} ${f.location.column} ${f.message}`),
      ['BW1004 12 The docker run command adds capability NET_RAW.'],
    );
  });
});
