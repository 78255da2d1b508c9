import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkContainer } from '../../check/index.js';
import { type ContainerSpec, isUnknown, type Sourced } from '../../model/index.js';
import { RUNTIME_RULES } from '../../rules/index.js';
import { dedent } from '../../testing/dedent.js';
import { ONLY_ON_FAILURE, RESTART_COUNTS_REFUSED, RESTART_FORMS_TAKEN } from '../../testing/restart-forms.js';
import { memoryFs } from '../fs.js';
import { scanRunCommand } from '../run/index.js';
import { scanComposeProject } from './index.js';

const SECRETS = /hunter2|wJalrX|S3cr3t/;

function scan(compose: string, env: Record<string, string>) {
  const r = scanComposeProject(['/mem/compose.yaml'], memoryFs({ 'compose.yaml': compose }), env);
  return { ...r, messages: r.diagnostics.map((d) => `${d.code} ${d.at.line}:${d.at.column} ${d.message}`) };
}

const reason = (s: Sourced<unknown> | undefined) => (s && isUnknown(s.value) ? s.value.reason : undefined);

/**
 * A spec's labels as `line:column-endColumn NAME=VALUE` (`line:column-endColumn PATH VALUE` with `withPath`), then
 * ` written TEXT` when a variable is part of the value.
 */
function labelRows(s: ContainerSpec | undefined, withPath: boolean): string[] | undefined {
  return s?.labels?.map((l) => {
    if (isUnknown(l.value)) return 'unknown';
    const key = withPath ? `${l.at.path} ` : `${l.value.name}=`;
    return `${l.at.line}:${l.at.column}-${l.at.endColumn} ${key}${String(l.value.value)}${l.value.written === undefined ? '' : ` written ${l.value.written}`}`;
  });
}

describe('compose values in messages (quoteValue)', () => {
  const env = { DB_PASSWORD: 'hunter2hunter2SECRETVAL', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

  it('shows a value from the environment by its variable, in input errors and in what cannot be known', () => {
    const r = scan(
      dedent`
        services:
          web:
            image: nginx:1.27
            privileged: \${DB_PASSWORD}
            mem_limit: \${AWS_SECRET_ACCESS_KEY}
            pids_limit: x\${DB_PASSWORD}
            ports: ["\${DB_PASSWORD}:80"]
            healthcheck:
              interval: \${DB_PASSWORD}
      `,
      env,
    );
    assert.deepEqual(r.messages, [
      'invalid-value 4:17 service "web": "${DB_PASSWORD}" (from the environment, 23 characters) is not a boolean',
      'invalid-value 7:13 service "web": invalid host port "${DB_PASSWORD}" (from the environment, 23 characters) in "${DB_PASSWORD}:80" (from the environment, 26 characters)',
      'invalid-value 5:16 service "web": invalid size "${AWS_SECRET_ACCESS_KEY}" (from the environment, 40 characters): expected a number with an optional unit b, k, m, g, t or p',
      'invalid-value 6:17 service "web": "x${DB_PASSWORD}" (from the environment, 24 characters) is not an integer',
      'invalid-value 9:17 service "web": invalid duration "${DB_PASSWORD}" (from the environment, 23 characters): expected a number with a unit (ns, us, ms, s, m, h), e.g. 30s',
    ]);
    const web = r.specs[0] as ContainerSpec;
    assert.equal(reason(web.privileged), '"${DB_PASSWORD}" (from the environment, 23 characters) is not a valid value');
    assert.equal(reason(web.limits.memoryBytes), '"${AWS_SECRET_ACCESS_KEY}" (from the environment, 40 characters) is not a valid value');
    assert.equal(reason(web.limits.pidsLimit), '"x${DB_PASSWORD}" (from the environment, 24 characters) is not a valid value');
    // The value as written is kept only when the file wrote it: an Unknown never carries the environment's text.
    assert.equal(web.privileged && isUnknown(web.privileged.value) ? web.privileged.value.raw : 'known', undefined);
    assert.doesNotMatch(JSON.stringify(r.specs), /"reason":"[^"]*hunter2/);
  });

  it('masks a URL password written in the file', () => {
    const r = scan('services:\n  web:\n    image: "https://deploy:S3cr3tPassw0rdXYZ@registry.example.com/app:1"\n', {});
    assert.deepEqual(r.messages, [
      'invalid-value 3:12 service "web": "https://deploy:S3cr...(17 chars)@registry.example.com/app:1" is not a valid image reference',
    ]);
  });

  it('masks a secret-shaped value written in the file, and keeps other values as written', () => {
    const r = scan('services:\n  web:\n    image: nginx:1.27\n    read_only: ghp_abcdefghijklmnopqrstuvwxyz0123456789\n    cpus: lots\n', {});
    assert.deepEqual(r.messages, [
      'invalid-value 4:16 service "web": "ghp_...(40 chars)" (a GitHub token) is not a boolean',
      'invalid-value 5:11 service "web": invalid CPU count "lots"',
    ]);
    const web = r.specs[0] as ContainerSpec;
    assert.equal(reason(web.readonlyRootfs), '"ghp_...(40 chars)" (a GitHub token) is not a valid value');
    assert.equal(reason(web.limits.nanoCpus), '"lots" is not a valid value');
  });

  it('an interpolation error does not quote the value (an unclosed ${ is often a $ in a password)', () => {
    const r = scan('services:\n  web:\n    image: nginx:1.27\n    environment:\n      DB_URL: "postgres://app:S3cr3tPassw0rdXYZ@db/${DB"\n', {});
    assert.deepEqual(r.messages, ['invalid-interpolation 5:15 unclosed "${" at character 37 of the value: close it with "}", or write "$$" for a literal "$"']);
  });

  it('no message of a hostile file carries a secret', () => {
    const r = scan(
      dedent`
        services:
          web:
            image: "https://deploy:S3cr3tPassw0rdXYZ@registry.example.com/app:1"
            read_only: "\${DB_PASSWORD}"
            cpus: \${AWS_SECRET_ACCESS_KEY}
            ports: ["127.0.0.1:\${DB_PASSWORD}", "\${DB_PASSWORD}:\${DB_PASSWORD}/\${DB_PASSWORD}"]
            healthcheck: {timeout: "\${DB_PASSWORD}", retries: "\${DB_PASSWORD}"}
      `,
      env,
    );
    assert.equal(r.messages.length, 7);
    for (const m of r.messages) assert.doesNotMatch(m, SECRETS);
  });
});

describe('booleans, as compose-go reads them (toBoolean)', () => {
  const svc = (lines: string[], env: Record<string, string> = {}) => scan(['services:', '  web:', '    image: nginx:1.27', ...lines, ''].join('\n'), env);
  const warnings = (r: ReturnType<typeof scan>) => r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.at.line}:${d.at.column} ${d.message}`);

  it('true and false in any case, from the file or the environment, without a word', () => {
    for (const [text, want] of [
      ['true', true],
      ['"TRUE"', true],
      ['"False"', false],
      ['"${P}"', true],
    ] as const) {
      const r = svc([`    privileged: ${text}`], { P: 'tRuE' });
      assert.deepEqual(r.diagnostics, [], text);
      assert.equal(r.specs[0]?.privileged?.value, want, text);
    }
  });

  it('y, yes, on, n, no and off in any case: read as compose reads them, with a located warning', () => {
    const r = svc([
      '    privileged: yes',
      '    read_only: "Off"',
      '    healthcheck:',
      '      disable: Y',
      '    volumes:',
      '      - {type: bind, source: /srv, target: /srv, read_only: ON}',
    ]);
    assert.deepEqual(warnings(r), [
      'warning invalid-value 4:17 service "web": "yes" for a boolean is not YAML 1.2; compose reads it as true (write `true`)',
      'warning invalid-value 5:16 service "web": "Off" for a boolean is not YAML 1.2; compose reads it as false (write `false`)',
      'warning invalid-value 9:61 service "web": "ON" for a boolean is not YAML 1.2; compose reads it as true (write `true`)',
      'warning invalid-value 7:16 service "web": "Y" for a boolean is not YAML 1.2; compose reads it as true (write `true`)',
    ]);
    const web = r.specs[0] as ContainerSpec;
    assert.equal(web.privileged?.value, true);
    assert.equal(web.readonlyRootfs?.value, false);
    assert.equal(web.healthcheck?.value, 'disabled');
    assert.equal((web.mounts[0]?.value as { readOnly?: boolean } | undefined)?.readOnly, true);
  });

  it('a YAML 1.1 word from the environment: read, and the warning names the variable, not the value', () => {
    const r = svc(['    privileged: ${P}'], { P: 'on' });
    assert.deepEqual(warnings(r), [
      'warning invalid-value 4:17 service "web": "${P}" (from the environment, 2 characters) for a boolean is not YAML 1.2; compose reads it as true (write `true`)',
    ]);
    assert.equal(r.specs[0]?.privileged?.value, true);
  });

  it('anything else is refused, 1 and 0 included (Go strconv words are not compose booleans)', () => {
    for (const text of ['1', '"1"', '"0"', 't', 'F', 'maybe', '"yes please"']) {
      const r = svc([`    privileged: ${text}`]);
      const shown = text.startsWith('"') ? text : `"${text}"`;
      assert.deepEqual(warnings(r), [`error invalid-value 4:17 service "web": ${shown} is not a boolean`], text);
      assert.equal(reason(r.specs[0]?.privileged), `${shown} is not a valid value`, text);
    }
  });
});

describe('values of a shape the compose-spec schema does not allow (compose refuses them)', () => {
  const svc = (lines: string[], env: Record<string, string> = {}) => scan(['services:', '  web:', '    image: nginx:1.27', ...lines, ''].join('\n'), env);

  const cases: [string, string, string][] = [
    ['    cap_add: 5', '4:14', 'cap_add must be a list, not the number 5'],
    ['    cap_add: [NET_ADMIN, 5]', '4:26', 'cap_add[1] must be a string, not the number 5'],
    ['    security_opt: {a: b}', '4:19', 'security_opt must be a list, not a mapping'],
    ['    user: {a: 1}', '4:11', 'user must be a string, not a mapping'],
    ['    user: 1000', '4:11', 'user must be a string, not the number 1000'],
    ['    healthcheck: true', '4:18', 'healthcheck must be a mapping, not the boolean true'],
    ['    ports: {a: 1}', '4:12', 'ports must be a list, not a mapping'],
    ['    ports: ["80:80", true]', '4:22', 'ports[1] must be a string, a number or a mapping, not the boolean true'],
    ['    devices: [{target: /dev/x}]', '4:15', 'a long-syntax device needs a source'],
    ['    ports: ["localhost:80:80"]', '4:13', 'invalid IP address in port "localhost:80:80": compose takes an IP address, not a host name'],
    ['    ports: ["::]:80:80"]', '4:13', 'invalid IP address in port "::]:80:80": compose takes an IP address, not a host name'],
    // Go's net.ParseIP takes no zone.
    [
      '    ports: ["[fe80::1%eth0]:80:80"]',
      '4:13',
      'invalid IP address in port "[fe80::1%eth0]:80:80": compose takes the address without a zone index (%eth0)',
    ],
    ['    ports: ["fe80::1%eth0:80:80"]', '4:13', 'invalid IP address in port "fe80::1%eth0:80:80": compose takes the address without a zone index (%eth0)'],
    ['    ports: ["[eth0%fe80::1]:80:80"]', '4:13', 'invalid IP address in port "[eth0%fe80::1]:80:80": compose takes an IP address, not a host name'],
    ['    environment: {A: {b: 1}}', '4:22', 'environment.A must be a string, a number, a boolean or nothing, not a mapping'],
    ['    environment: [A=1, 2]', '4:24', 'environment[1] must be a string, not the number 2'],
    ['    sysctls: net.ipv4.ip_forward=1', '4:14', 'sysctls must be a list or a mapping, not the string "net.ipv4.ip_forward=1"'],
    ['    restart: false', '4:14', 'restart must be a string, not the boolean false'],
    ['    deploy: [a]', '4:13', 'deploy must be a mapping, not a list'],
    ['    deploy: {resources: {limits: {memory: [1]}}}', '4:43', 'deploy.resources.limits.memory must be a number or a string, not a list'],
    ['    logging: {driver: local, options: {max-size: true}}', '4:50', 'logging.options.max-size must be a string or a number, not the boolean true'],
    ['    ulimits: {nofile: {soft: x, hard: 2}}', '4:30', '"x" is not an integer'],
    ['    tmpfs: {a: 1}', '4:12', 'tmpfs must be a string or a list, not a mapping'],
    ['    networks: front', '4:15', 'networks must be a list or a mapping, not the string "front"'],
    ['    build: 5', '4:12', 'build must be a string or a mapping, not the number 5'],
    [
      '    device_cgroup_rules: ["c 42 rmw"]',
      '4:27',
      'invalid device cgroup rule "c 42 rmw": dockerd refuses to start the container ("invalid device cgroup rule format"); write TYPE MAJOR:MINOR ACCESS, as `c 42:* rmw`',
    ],
    [
      '    device_cgroup_rules: [" a *:* rwm"]',
      '4:27',
      'invalid device cgroup rule " a *:* rwm": dockerd refuses to start the container ("invalid device cgroup rule format"); write TYPE MAJOR:MINOR ACCESS, as `c 42:* rmw`',
    ],
    ['    gpus: some', '4:11', 'gpus must be `all` or a list of device requests, not the string "some"'],
    ['    gpus: {count: 1}', '4:11', 'gpus must be `all` or a list of device requests, not a mapping'],
    ['    gpus: [all]', '4:12', 'gpus[0] must be a mapping, not the string "all"'],
    ['    gpus: ["${GPU}"]', '4:12', 'gpus[0] must be a mapping, not the string "${GPU}"'],
    ['    gpus: [{count: some}]', '4:20', `invalid value "some", the only value allowed is 'all' or a number`],
    ['    gpus: [{count: true}]', '4:20', 'gpus[0].count must be `all` or a number, not the boolean true'],
    ['    gpus: [{count: 1, device_ids: ["0"]}]', '4:20', 'count and device_ids cannot both be set: compose refuses the file'],
    ['    gpus: [{device_ids: [0]}]', '4:26', 'gpus[0].device_ids[0] must be a string, not the number 0'],
    ['    gpus: [{drivers: nvidia}]', '4:13', 'unknown key "drivers" in a device request'],
    [
      '    gpus: [{count: 99999999999999999999}]',
      '4:20',
      'invalid count 99999999999999999999: compose takes `all` or an integer of at most 64 bits, not a float ("invalid type float64 for device count")',
    ],
    [
      '    gpus: [{count: 1e3}]',
      '4:20',
      'invalid count 1e3: compose takes `all` or an integer of at most 64 bits, not a float ("invalid type float64 for device count")',
    ],
    ['    gpus: [{count: "99999999999999999999"}]', '4:20', `invalid value "99999999999999999999", the only value allowed is 'all' or a number`],
    ['    gpus: [{device_ids: ["0", ""]}]', '4:31', 'a device id is empty: write the id of a device (`"0"`, a GPU UUID)'],
    [
      '    deploy: {resources: {reservations: {devices: [{capabilities: [gpu], device_ids: [""]}]}}}',
      '4:86',
      'a device id is empty: write the id of a device (`"0"`, a GPU UUID)',
    ],
    [
      '    device_cgroup_rules: [a]',
      '4:27',
      'invalid device cgroup rule "a": dockerd refuses to start the container ("invalid device cgroup rule format"); write TYPE MAJOR:MINOR ACCESS, as `c 42:* rmw`',
    ],
    ['    device_cgroup_rules: [5]', '4:27', 'device_cgroup_rules[0] must be a string, not the number 5'],
    [
      '    deploy: {resources: {reservations: {devices: [{driver: nvidia}]}}}',
      '4:51',
      'a device request needs `capabilities` (compose refuses the file: "capabilities" attribute is mandatory)',
    ],
  ];
  for (const [line, where, message] of cases) {
    it(line.trim(), () => assert.deepEqual(svc([line]).messages, [`invalid-value ${where} service "web": ${message}`]));
  }

  it('a long-syntax host_ip that is not an IP address: a warning, and where the port listens is unknown (BW1023)', () => {
    const r = svc(['    ports: [{target: 80, host_ip: localhost}]']);
    assert.deepEqual(r.messages, [
      'invalid-value 4:35 service "web": host_ip "localhost" is not an IP address: Docker does not resolve a host name there (write 127.0.0.1)',
    ]);
    const findings = checkContainer(RUNTIME_RULES, r.specs[0] as ContainerSpec)
      .filter((f) => f.ruleId === 'BW1023')
      .map((f) => `${f.status} ${f.location.line}:${f.location.column} ${f.message}`);
    assert.deepEqual(findings, [
      'unknown 4:13 Whether service "web" publishes port (ephemeral)->80/tcp on all interfaces cannot be known: host_ip "localhost" is not an IP address.',
    ]);
  });

  it('a long-syntax host_ip with an IPv6 zone index: a warning that names the zone', () => {
    assert.deepEqual(svc(['    ports: [{target: 80, host_ip: "fe80::1%eth0"}]']).messages, [
      'invalid-value 4:35 service "web": host_ip "fe80::1%eth0" is not an IP address: Docker takes no zone index (%eth0) there (write the address alone)',
    ]);
  });

  it('a string from the environment where compose wants a list names its variable', () => {
    const r = svc(['    cap_add: ${CAPS}'], { CAPS: 'hunter2hunter2SECRETVAL' });
    assert.deepEqual(r.messages, ['invalid-value 4:14 service "web": cap_add must be a list, not the string "${CAPS}" (from the environment, 23 characters)']);
  });

  it('a refused value is not read as another: no capability "5", no user, no health check; rules say they cannot be known', () => {
    const r = svc(['    cap_add: [5]', '    user: {a: 1}', '    healthcheck: true', '    security_opt: {a: b}', '    ports: {a: 1}']);
    const web = r.specs[0] as ContainerSpec;
    assert.equal(reason(web.capAdd[0]), '"5" is not a valid value');
    assert.equal(reason(web.user), 'a mapping is not a valid value');
    assert.equal(reason(web.healthcheck), '"true" is not a valid value');
    assert.deepEqual([web.securityOpt.other, web.ports], [[], []]);
    const findings = checkContainer(RUNTIME_RULES, web).map((f) => `${f.ruleId} ${f.status} ${f.message}`);
    assert.equal(
      findings.some((f) => /capability 5/.test(f)),
      false,
    );
    assert.ok(findings.includes('BW1030 unknown The user of service "web" cannot be known: a mapping is not a valid value.'), findings.join('\n'));
  });
});

describe('user with a blank around its user or group (moby/sys/user GetExecUser does not trim)', () => {
  const user = (value: string, env: Record<string, string> = {}) => {
    const r = scan(`services:\n  web:\n    image: nginx:1.27\n    user: ${value}\n`, env);
    const web = r.specs[0] as ContainerSpec;
    const findings = checkContainer(RUNTIME_RULES, web)
      .filter((f) => f.ruleId === 'BW1030')
      .map((f) => `${f.ruleId} ${f.status} ${f.location.line}:${f.location.column} ${f.message}`);
    return { messages: r.messages, findings };
  };
  const refused = (shown: string) =>
    `invalid-value 4:11 service "web": user ${shown} has a blank before or after its user or group: Docker looks that up as a name, which no passwd or group file holds, and the container does not start ("unable to find user")`;

  it('" 0", "0 ", "1000: 0" and a tab before the uid: an input error at the value, and not root', () => {
    for (const [value, shown] of [
      ['" 0"', '" 0"'],
      ['"0 "', '"0 "'],
      ['"1000: 0"', '"1000: 0"'],
      ['"\\t0"', '"\t0"'],
    ]) {
      const r = user(value as string);
      assert.deepEqual(r.messages, [refused(shown as string)], value);
      assert.deepEqual(r.findings, [`BW1030 unknown 4:11 The user of service "web" cannot be known: ${shown} is not a valid value.`], value);
    }
  });
  it('from the environment: named by its variable, never by its value', () => {
    const r = user('"${APP_UID}"', { APP_UID: ' 0' });
    assert.deepEqual(r.messages, [refused('"${APP_UID}" (from the environment, 2 characters)')]);
  });
  it('"0", "0:0" and ":0" stay root; "app" and "10001:10001" are not', () => {
    assert.deepEqual(user('"0:0"').findings, ['BW1030 violation 4:11 Service "web" runs as root (user 0:0).']);
    assert.deepEqual(user('":0"').findings, [
      'BW1030 violation 4:11 Service "web" runs as root (user :0): with no user before the colon, Docker runs uid 0, not the image user.',
    ]);
    assert.deepEqual(user('"10001:10001"').findings, []);
    assert.deepEqual(user('app').messages, []);
  });
});

describe('device requests (gpus, deploy.resources.reservations.devices)', () => {
  const requests = (c: ContainerSpec) =>
    (c.deviceRequests ?? []).map(
      (r) => `${r.at.line}:${r.at.column} ${r.at.path} ${isUnknown(r.value) ? `unknown: ${r.value.reason}` : JSON.stringify(r.value)}`,
    );

  it('gpus: all, and items (gpu added to the capabilities; no count nor device_ids is all); deploy devices as written', () => {
    const r = scan(
      dedent`
        services:
          a:
            image: cuda:12
            gpus: all
          b:
            image: cuda:12
            gpus:
              - driver: nvidia
                count: 2
              - device_ids: ["0", "3"]
                capabilities: [compute]
              - {driver: nvidia, x-note: kept}
            deploy:
              resources:
                reservations:
                  memory: 1g
                  devices:
                    - {capabilities: [gpu], driver: nvidia, count: ALL}
                    - {capabilities: [gpu, utility], count: "1"}
                    - {capabilities: [tpu], count: -1}
      `,
      {},
    );
    assert.deepEqual(r.messages, []);
    const [a, b] = r.specs as ContainerSpec[];
    assert.deepEqual(requests(a as ContainerSpec), ['4:11 services.a.gpus {"driver":"","count":"all","deviceIds":[],"capabilities":[["gpu"]]}']);
    assert.deepEqual(requests(b as ContainerSpec), [
      '8:9 services.b.gpus[0] {"driver":"nvidia","count":2,"deviceIds":[],"capabilities":[["gpu"]]}',
      '10:9 services.b.gpus[1] {"driver":"","count":0,"deviceIds":["0","3"],"capabilities":[["compute","gpu"]]}',
      '12:9 services.b.gpus[2] {"driver":"nvidia","count":"all","deviceIds":[],"capabilities":[["gpu"]]}',
      '18:15 services.b.deploy.resources.reservations.devices[0] {"driver":"nvidia","count":"all","deviceIds":[],"capabilities":[["gpu"]]}',
      '19:15 services.b.deploy.resources.reservations.devices[1] {"driver":"","count":1,"deviceIds":[],"capabilities":[["gpu","utility"]]}',
      '20:15 services.b.deploy.resources.reservations.devices[2] {"driver":"","count":"all","deviceIds":[],"capabilities":[["tpu"]]}',
    ]);
  });

  it('a variable without a value in a request makes it unknown, never guessed; gpus from a variable too', () => {
    const r = scan(
      dedent`
        services:
          a:
            image: cuda:12
            gpus: \${GPUS}
            deploy:
              resources:
                reservations:
                  devices:
                    - {capabilities: [gpu], driver: nvidia, count: "\${GPU_COUNT}"}
                    - {capabilities: [gpu], device_ids: ["\${GPU_ID}"]}
                    - {capabilities: [gpu], count: "\${SET_COUNT}"}
      `,
      { SET_COUNT: '2' },
    );
    assert.deepEqual(r.messages, []);
    assert.deepEqual(requests(r.specs[0] as ContainerSpec), [
      '4:11 services.a.gpus unknown: variable GPUS is not set',
      '9:15 services.a.deploy.resources.reservations.devices[0] unknown: variable GPU_COUNT is not set',
      '10:15 services.a.deploy.resources.reservations.devices[1] unknown: variable GPU_ID is not set',
      '11:15 services.a.deploy.resources.reservations.devices[2] {"driver":"","count":2,"deviceIds":[],"capabilities":[["gpu"]]}',
    ]);
  });

  it('a request compose refuses is an input error and is left out; a valid device cgroup rule is kept, a refused one left out', () => {
    const r = scan('services:\n  a:\n    image: cuda:12\n    gpus: [{count: x}]\n    device_cgroup_rules: ["c 42:* rmw", "c 42:* rwx", a, 5]\n', {});
    assert.deepEqual(r.messages, [
      'invalid-value 5:41 service "a": invalid device cgroup rule "c 42:* rwx": dockerd refuses to start the container ("invalid device cgroup rule format"); write TYPE MAJOR:MINOR ACCESS, as `c 42:* rmw`',
      'invalid-value 5:55 service "a": invalid device cgroup rule "a": dockerd refuses to start the container ("invalid device cgroup rule format"); write TYPE MAJOR:MINOR ACCESS, as `c 42:* rmw`',
      'invalid-value 5:58 service "a": device_cgroup_rules[3] must be a string, not the number 5',
      `invalid-value 4:20 service "a": invalid value "x", the only value allowed is 'all' or a number`,
    ]);
    const a = r.specs[0] as ContainerSpec;
    assert.equal(a.deviceRequests, undefined);
    assert.deepEqual(
      a.deviceCgroupRules?.map((x) => x.value),
      ['c 42:* rmw'],
    );
    // The input error is the only report of a refused value: BW1021 adds no unknown finding for it.
    assert.deepEqual(
      checkContainer(RUNTIME_RULES, a).filter((f) => f.ruleId === 'BW1021'),
      [],
    );
  });

  it('device_ids: [] requests as many devices as ids, none (count 0), as compose-go sets it; a count of 64 bits is taken', () => {
    const r = scan('services:\n  a:\n    image: cuda:12\n    gpus: [{device_ids: []}, {count: 9223372036854775807}, {count: "-1"}]\n', {});
    assert.deepEqual(r.messages, []);
    assert.deepEqual(requests(r.specs[0] as ContainerSpec), [
      '4:12 services.a.gpus[0] {"driver":"","count":0,"deviceIds":[],"capabilities":[["gpu"]]}',
      '4:30 services.a.gpus[1] {"driver":"","count":9223372036854776000,"deviceIds":[],"capabilities":[["gpu"]]}',
      '4:60 services.a.gpus[2] {"driver":"","count":"all","deviceIds":[],"capabilities":[["gpu"]]}',
    ]);
  });
});

describe('services compose runs no container for', () => {
  it('a service with provider: is not a container: no spec, so no container finding', () => {
    const r = scan(
      dedent`
        services:
          db:
            provider:
              type: awesomecloud
              options: {type: mysql}
          web:
            image: nginx:1.27
            depends_on: [db]
      `,
      {},
    );
    assert.deepEqual(r.messages, []);
    assert.deepEqual(
      r.specs.map((s) => s.name),
      ['web'],
    );
  });
});

describe('use_api_socket', () => {
  const socket = (r: ReturnType<typeof scan>) =>
    checkContainer(RUNTIME_RULES, r.specs[0] as ContainerSpec)
      .filter((f) => f.ruleId === 'BW1014')
      .map((f) => `${f.ruleId} ${f.severity} ${f.status} ${f.location.line}:${f.location.column} ${f.message}`);

  it('mounts the Docker API socket, as docker run --use-api-socket: BW1014 at the key', () => {
    const r = scan('services:\n  web:\n    image: nginx:1.27\n    use_api_socket: true\n', {});
    assert.deepEqual(r.messages, []);
    assert.deepEqual(socket(r), ['BW1014 critical violation 4:5 Service "web" mounts the container engine socket /var/run/docker.sock.']);
  });

  it('false, or not set: no socket', () => {
    assert.deepEqual(socket(scan('services:\n  web:\n    image: nginx:1.27\n    use_api_socket: false\n', {})), []);
    assert.deepEqual(socket(scan('services:\n  web:\n    image: nginx:1.27\n', {})), []);
  });

  it('a variable without a value: the mount is unknown (as for --use-api-socket=$X), at the key', () => {
    const web = scan('services:\n  web:\n    image: nginx:1.27\n    use_api_socket: ${SOCK}\n', {}).specs[0] as ContainerSpec;
    assert.equal(web.mounts.length, 1);
    assert.match(reason(web.mounts[0]) ?? '', /SOCK/);
    assert.deepEqual([web.mounts[0]?.at.line, web.mounts[0]?.at.column], [4, 5]);
  });

  it('a value compose refuses is an input error', () => {
    assert.deepEqual(scan('services:\n  web:\n    image: nginx:1.27\n    use_api_socket: maybe\n', {}).messages, [
      'invalid-value 4:21 service "web": "maybe" is not a boolean',
    ]);
  });
});

describe('restart', () => {
  const svc = (value: string, env: Record<string, string> = {}) => scan(`services:\n  web:\n    image: nginx:1.27\n    restart: ${value}\n`, env);
  const bw1028 = (r: ReturnType<typeof scan>) =>
    checkContainer(RUNTIME_RULES, r.specs[0] as ContainerSpec)
      .filter((f) => f.ruleId === 'BW1028')
      .map((f) => `${f.status} ${f.location.line}:${f.location.column} ${f.message}`);

  it('takes what Docker takes', () => {
    for (const [text, name, max] of [
      ['no', 'no', undefined],
      ['always', 'always', undefined],
      ['unless-stopped', 'unless-stopped', undefined],
      ['on-failure', 'on-failure', undefined],
      ['on-failure:0', 'on-failure', undefined],
      ['on-failure:5', 'on-failure', 5],
    ] as const) {
      const r = svc(`"${text}"`);
      assert.deepEqual(r.messages, [], text);
      assert.deepEqual(r.specs[0]?.restart?.value, max === undefined ? { name } : { name, maximumRetryCount: max }, text);
    }
  });

  it('refuses what Docker refuses: a located input error, and only that (the policy is unknown, BW1028 says nothing)', () => {
    // dockerd refuses a policy name it does not know (moby ValidateRestartPolicy: "unknown policy"), in any case.
    for (const text of ['sometimes', 'Always', 'ANY', 'sometimes:3']) {
      const r = svc(`"${text}"`);
      assert.deepEqual(
        r.messages,
        [
          `invalid-value 4:14 service "web": "${text}" is not a restart policy: docker compose passes it on and dockerd refuses the container (no, always, on-failure[:N] or unless-stopped)`,
        ],
        text,
      );
      assert.equal(reason(r.specs[0]?.restart), `"${text}" is not a valid value`, text);
      assert.deepEqual(bw1028(r), [], text);
    }
  });

  it('a refused value from the environment names its variable', () => {
    const r = svc('${R}', { R: 'hunter2hunter2SECRETVAL' });
    assert.deepEqual(r.messages, [
      'invalid-value 4:14 service "web": "${R}" (from the environment, 23 characters) is not a restart policy: docker compose passes it on and dockerd refuses the container (no, always, on-failure[:N] or unless-stopped)',
    ]);
    assert.doesNotMatch(reason(r.specs[0]?.restart) ?? '', /hunter2/);
  });

  it('reads the count of on-failure:N as docker compose does (strconv.Atoi): a sign, leading zeros, up to int64', () => {
    for (const [text, max] of [
      ['on-failure:+3', 3],
      ['on-failure:007', 7],
      ['on-failure:+0', undefined],
      ['on-failure:9223372036854775807', 9223372036854775807n], // int64's largest, exact
    ] as const) {
      const r = svc(`"${text}"`);
      assert.deepEqual(r.messages, [], text);
      assert.deepEqual(r.specs[0]?.restart?.value, max === undefined ? { name: 'on-failure' } : { name: 'on-failure', maximumRetryCount: max }, text);
    }
  });

  it('refuses a count beyond int64 or below 0: an input error at the value, quoted as written, and the policy is unknown', () => {
    const range = 'the retry count is out of range (Docker takes 0 to 9223372036854775807); docker compose would silently use 9223372036854775807';
    const negative = 'the retry count cannot be negative (dockerd refuses it)';
    // Atoi gives int64's smallest with its range error for a negative count, which compose passes on.
    const below =
      'the retry count is out of range (Docker takes 0 to 9223372036854775807); docker compose would silently use -9223372036854775808, which dockerd refuses (negative)';
    // A long value is cut in messages, as quoteValue cuts any.
    for (const [text, shown, why] of [
      ['on-failure:99999999999999999999', '"on-failure:99999999999999999999"', range],
      ['on-failure:9223372036854775808', '"on-failure:9223372036854775808"', range],
      ['on-failure:-99999999999999999999', '"on-failure:-99999999999999999999"', below],
      [`on-failure:${'9'.repeat(3000)}`, `"on-failure:${'9'.repeat(89)}..." (3011 characters)`, range],
      ['on-failure:-1', '"on-failure:-1"', negative],
      ['on-failure:-9223372036854775808', '"on-failure:-9223372036854775808"', negative],
      ['on-failure:-9223372036854775809', '"on-failure:-9223372036854775809"', below],
    ] as const) {
      const r = svc(`"${text}"`);
      assert.deepEqual(r.messages, [`invalid-value 4:14 service "web": ${shown} is not a restart policy: ${why}`], text);
      assert.equal(reason(r.specs[0]?.restart), `${shown} is not a valid value`, text);
      // No count is read from it, never a rounded or infinite one: the input error is the only report.
      assert.deepEqual(bw1028(r), [], text);
    }
  });

  it('a !!binary restart is its decoded text, as go-yaml gives it to compose ("one\\n", which dockerd refuses), never a list of byte values', () => {
    const r = svc('!!binary b25lCg==');
    assert.deepEqual(r.messages, [
      `invalid-value 4:23 service "web": "one\n" is not a restart policy: docker compose passes it on and dockerd refuses the container (no, always, on-failure[:N] or unless-stopped)`,
    ]);
    assert.deepEqual(bw1028(r), []);
  });

  it('deploy.restart_policy.max_attempts: an integer from 0 to int64, as written; another is an input error at the value', () => {
    const deploy = (value: string) =>
      scan(`services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy: {condition: on-failure, max_attempts: ${value}}\n`, {});
    const range = 'the retry count is out of range (Docker takes 0 to 9223372036854775807)';
    for (const [value, shown, why] of [
      ['99999999999999999999', '"99999999999999999999"', range],
      ['9223372036854775808', '"9223372036854775808"', range],
      ['"99999999999999999999"', '"99999999999999999999"', range],
      ['1e20', '"1e20"', range],
      ['9'.repeat(3000), `"${'9'.repeat(100)}..." (3000 characters)`, range],
      ['-1', '"-1"', 'the retry count cannot be negative (dockerd refuses it)'],
      ['3.5', '"3.5"', 'the retry count is not an integer'],
      ['"three"', '"three"', 'the retry count is not an integer'],
    ] as const) {
      const r = deploy(value);
      assert.deepEqual(r.messages, [`invalid-value 5:61 service "web": max_attempts ${shown}: ${why}`], value);
      assert.equal(reason(r.specs[0]?.restart), `${shown} is not a valid value`, value);
      assert.deepEqual(bw1028(r), [], value);
    }
    for (const [value, max] of [
      ['3', 3],
      ['"+3"', 3],
      ['0', undefined],
      ['9223372036854775807', 2 ** 63], // int64's largest, read as the nearest double
    ] as const) {
      const r = deploy(value);
      assert.deepEqual(r.messages, [], value);
      assert.deepEqual(r.specs[0]?.restart?.value, max === undefined ? { name: 'on-failure' } : { name: 'on-failure', maximumRetryCount: max }, value);
    }
  });

  it('an empty count is no count, and a count of 0 goes with any policy, as docker compose and dockerd take them', () => {
    for (const [text, name, finding] of RESTART_FORMS_TAKEN) {
      const r = svc(`"${text}"`);
      assert.deepEqual(r.messages, [], text);
      assert.deepEqual(r.specs[0]?.restart?.value, { name }, text);
      const message = finding === 'missing' ? 'Service "web" has no restart policy.' : `Service "web" restarts with policy ${name}, which has no retry bound.`;
      assert.deepEqual(bw1028(r), [`violation 4:14 ${message}`], text);
    }
  });

  it('a count other than 0 with no, always or unless-stopped: the input error says dockerd refuses it, and nothing else', () => {
    for (const [text, why] of RESTART_COUNTS_REFUSED) {
      const r = svc(`"${text}"`);
      assert.deepEqual(r.messages, [`invalid-value 4:14 service "web": "${text}" is not a restart policy: ${why}`], text);
      assert.equal(reason(r.specs[0]?.restart), `"${text}" is not a valid value`, text);
      assert.deepEqual(bw1028(r), [], text);
    }
    // From the environment: named by its variable, and still the error alone.
    const r = svc('${R}', { R: 'always:3' });
    assert.deepEqual(r.messages, [
      `invalid-value 4:14 service "web": "\${R}" (from the environment, 8 characters) is not a restart policy: ${ONLY_ON_FAILURE}")`,
    ]);
    assert.deepEqual(bw1028(r), []);
  });

  it('a restart value of a shape compose refuses, in restart: or deploy.restart_policy, is the input error alone; an unset variable is unknown', () => {
    for (const [text, message] of [
      ['    restart: false', 'invalid-value 4:14 service "web": restart must be a string, not the boolean false'],
      ['    deploy: {restart_policy: 5}', 'invalid-value 4:30 service "web": deploy.restart_policy must be a mapping, not the number 5'],
      ['    deploy: {restart_policy: {condition: [a]}}', 'invalid-value 4:42 service "web": deploy.restart_policy.condition must be a string, not a list'],
      [
        '    deploy: {restart_policy: {condition: "${C}", max_attempts: -1}}',
        'invalid-value 4:64 service "web": max_attempts "-1": the retry count cannot be negative (dockerd refuses it)',
      ],
    ] as const) {
      const r = scan(`services:\n  web:\n    image: nginx:1.27\n${text}\n`, {});
      assert.deepEqual(r.messages, [message], text);
      assert.ok(isUnknown(r.specs[0]?.restart?.value), text);
      assert.deepEqual(bw1028(r), [], text);
    }
    assert.deepEqual(bw1028(svc('${POLICY}')), ['unknown 4:14 The restart policy of service "web" cannot be known: variable POLICY is not set.']);
    assert.deepEqual(bw1028(scan('services:\n  web:\n    image: nginx:1.27\n    deploy: {restart_policy: {condition: "${C}"}}\n', {})), [
      'unknown 4:30 The restart policy of service "web" cannot be known: variable C is not set.',
    ]);
  });

  it('restart: as docker compose reads it (getRestartPolicy): any is always, none is no; a count that is not an integer is dropped, with a warning', () => {
    for (const [text, policy, warning, finding] of [
      ['any', { name: 'always' }, '', 'Service "web" restarts with policy always, which has no retry bound.'],
      ['none', { name: 'no' }, '', 'Service "web" has no restart policy.'],
      ['on-failure:3', { name: 'on-failure', maximumRetryCount: 3 }, '', ''],
      [
        'on-failure:abc',
        { name: 'on-failure' },
        'the retry count is not an integer; docker compose drops it, so on-failure has no retry count',
        'Service "web" restarts with policy on-failure, which has no retry bound.',
      ],
      [
        'always:x',
        { name: 'always' },
        'the retry count is not an integer; docker compose drops it, so always has no retry count',
        'Service "web" restarts with policy always, which has no retry bound.',
      ],
      ['on-failure:3:4', { name: 'on-failure', maximumRetryCount: 3 }, 'docker compose reads the retry count up to the second colon and ignores the rest', ''],
      [
        'on-failure:9:4',
        { name: 'on-failure', maximumRetryCount: 9 },
        'docker compose reads the retry count up to the second colon and ignores the rest',
        'Service "web" restarts up to 9 times, more than 5.',
      ],
      // An empty name is no policy, and dockerd takes it with any count (ValidateRestartPolicy: backward compatibility).
      [':3', { name: '' }, '', 'Service "web" has no restart policy.'],
      ['', { name: '' }, '', 'Service "web" has no restart policy.'],
    ] as const) {
      const r = svc(`"${text}"`);
      assert.deepEqual(r.messages, warning ? [`invalid-value 4:14 service "web": "${text}": ${warning}`] : [], text);
      assert.equal(r.diagnostics[0]?.severity ?? 'warning', 'warning', text);
      assert.deepEqual(r.specs[0]?.restart?.value, policy, text);
      assert.deepEqual(bw1028(r), finding ? [`violation 4:14 ${finding}`] : [], text);
    }
  });

  it('restart: on-failure with a count beyond 2^53: BW1028 names it as written, not as a rounded double', () => {
    assert.deepEqual(bw1028(svc('on-failure:9223372036854775807')), ['violation 4:14 Service "web" restarts up to 9223372036854775807 times, more than 5.']);
    assert.deepEqual(bw1028(svc('on-failure:9007199254740993')), ['violation 4:14 Service "web" restarts up to 9007199254740993 times, more than 5.']);
    const deploy = scan(
      'services:\n  web:\n    image: nginx:1.27\n    deploy: {restart_policy: {condition: on-failure, max_attempts: "9007199254740993"}}\n',
      {},
    );
    assert.deepEqual(bw1028(deploy), ['violation 4:30 Service "web" restarts up to 9007199254740993 times, more than 5.']);
  });

  it('deploy.restart_policy condition any (or none) with max_attempts: a warning (docker compose up gives dockerd a count it refuses), judged bounded as Swarm runs it', () => {
    const deploy = (policy: string) => scan(`services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy: ${policy}\n`, {});
    for (const [policy, message, finding] of [
      [
        '{condition: any, max_attempts: 3}',
        'invalid-value 5:54 service "web": condition any with max_attempts 3: docker compose up gives dockerd the policy always with a retry count, which it refuses; docker stack deploy restarts the task at most 3 times',
        '',
      ],
      [
        '{condition: any, max_attempts: 10}',
        'invalid-value 5:54 service "web": condition any with max_attempts 10: docker compose up gives dockerd the policy always with a retry count, which it refuses; docker stack deploy restarts the task at most 10 times',
        'violation 5:23 Service "web" restarts up to 10 times, more than 5.',
      ],
      [
        '{condition: none, max_attempts: 3}',
        'invalid-value 5:55 service "web": condition none with max_attempts 3: docker compose up gives dockerd the policy no with a retry count, which it refuses; docker stack deploy never restarts the task (max_attempts is ignored with none)',
        'violation 5:23 Service "web" has no restart policy.',
      ],
    ] as const) {
      const r = deploy(policy);
      assert.deepEqual(r.messages, [message], policy);
      assert.equal(r.diagnostics[0]?.severity, 'warning', policy);
      assert.deepEqual(bw1028(r), finding ? [finding] : [], policy);
    }
    // Without a count, any is always (unbounded); always or unless-stopped with a count are refused by dockerd and by
    // Swarm (no Swarm conditions), and a word dockerd does not know is refused too.
    assert.deepEqual(bw1028(deploy('{condition: any}')), ['violation 5:23 Service "web" restarts with policy always, which has no retry bound.']);
    for (const [policy, message] of [
      ['{condition: always, max_attempts: 3}', `invalid-value 5:57 service "web": max_attempts with condition always: ${ONLY_ON_FAILURE}")`],
      [
        '{condition: sometimes}',
        'invalid-value 5:35 service "web": "sometimes" is not a restart policy: docker compose passes it on and dockerd refuses the container (no, always, on-failure[:N] or unless-stopped)',
      ],
    ] as const) {
      const r = deploy(policy);
      assert.deepEqual(r.messages, [message], policy);
      assert.ok(isUnknown(r.specs[0]?.restart?.value), policy);
      assert.deepEqual(bw1028(r), [], policy);
    }
  });
});

describe('keys the compose-spec does not define', () => {
  it('warn at the key, with the nearest known key, and are not read; x- extensions and every spec key pass', () => {
    const r = scan(
      dedent`
        services:
          web:
            image: nginx:1.27
            privilegd: true
            Privileged: true
            x-team: payments
            use_api_socket: false
            frobnicate: 1
      `,
      {},
    );
    assert.deepEqual(r.messages, [
      'invalid-value 4:5 service "web": unknown key "privilegd" is not read (did you mean "privileged"?): compose refuses keys the compose-spec does not define',
      'invalid-value 5:5 service "web": unknown key "Privileged" is not read (did you mean "privileged"?): compose refuses keys the compose-spec does not define',
      'invalid-value 8:5 service "web": unknown key "frobnicate" is not read: compose refuses keys the compose-spec does not define',
    ]);
    assert.equal(
      r.diagnostics.every((d) => d.severity === 'warning'),
      true,
    );
  });

  it('in deploy, its resources, limits, reservations and restart_policy too; every spec key there passes', () => {
    const r = scan(
      dedent`
        services:
          web:
            image: nginx:1.27
            deploy:
              mode: replicated
              replicas: 2
              endpoint_mode: vip
              labels: {a: b}
              placement: {constraints: []}
              rollback_config: {parallelism: 1}
              update_config: {parallelism: 1}
              x-note: kept
              resource:
                limits: {memory: 512m}
              resources:
                limit: {memory: 512m}
                limits: {cpus: "0.5", memory: 512m, pids: 100, memroy: 1g}
                reservations: {cpus: "0.1", memory: 64m, devices: [], generic_resources: [], gpus: 1}
              restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3, window: 60s, max_attempt: 5}
      `,
      {},
    );
    const refused = 'compose refuses keys the compose-spec does not define';
    assert.deepEqual(r.messages, [
      `invalid-value 13:7 service "web": unknown key "resource" is not read (did you mean "resources"?): ${refused}`,
      `invalid-value 16:9 service "web": unknown key "limit" is not read (did you mean "limits"?): ${refused}`,
      `invalid-value 17:56 service "web": unknown key "memroy" is not read (did you mean "memory"?): ${refused}`,
      `invalid-value 18:86 service "web": unknown key "gpus" is not read (did you mean "cpus"?): ${refused}`,
      `invalid-value 19:88 service "web": unknown key "max_attempt" is not read (did you mean "max_attempts"?): ${refused}`,
    ]);
    assert.deepEqual(
      r.diagnostics.map((d) => d.at.path),
      [
        'services.web.deploy.resource',
        'services.web.deploy.resources.limit',
        'services.web.deploy.resources.limits.memroy',
        'services.web.deploy.resources.reservations.gpus',
        'services.web.deploy.restart_policy.max_attempt',
      ],
    );
  });
});

describe('build.args as written (BuildSpec.argsWritten)', () => {
  const written = (compose: string, env: Record<string, string>) => {
    const r = scan(compose, env);
    assert.deepEqual(r.messages, []);
    const build = (r.specs[0] as ContainerSpec).build;
    return {
      args: build?.args,
      written: build?.argsWritten?.map((a) => {
        if (isUnknown(a.value)) return `${a.at.line}:${a.at.column} unknown`;
        const { name, value, pieces } = a.value;
        const shown = value === undefined ? 'no value' : isUnknown(value) ? `unknown (${value.reason})` : JSON.stringify(value);
        return `${a.at.line}:${a.at.column} ${name} ${shown}${pieces ? ` pieces ${JSON.stringify(pieces)}` : ''}`;
      }),
    };
  };

  it('list form: located at the item; the value after NAME=, its pieces without NAME=; a name alone has no value', () => {
    const r = written(
      dedent`
        services:
          app:
            image: app:1
            build:
              context: .
              args:
                - NODE_VERSION=20
                - NPM_TOKEN
                - GIT_URL=https://\${GIT_HOST}/acme/lib.git
                - UNSET=\${NOPE}
      `,
      { NPM_TOKEN: 'npm_fromTheEnvironment0123456789', GIT_HOST: 'gitlab.com' },
    );
    assert.deepEqual(r.written, [
      '7:11 NODE_VERSION "20"',
      '8:11 NPM_TOKEN no value',
      `9:11 GIT_URL "https://gitlab.com/acme/lib.git" pieces [{"text":"https://"},{"text":"gitlab.com","variable":"\${GIT_HOST}"},{"text":"/acme/lib.git"}]`,
      '10:11 UNSET unknown (variable NOPE is not set)',
    ]);
    // BuildSpec.args is unchanged: the name alone takes the environment's value.
    assert.equal(r.args?.get('NPM_TOKEN'), 'npm_fromTheEnvironment0123456789');
    assert.equal(r.args?.get('NODE_VERSION'), '20');
  });

  it('mapping form: located at the value, or at the key when the value is null; a later entry of a name wins', () => {
    const r = written(
      dedent`
        services:
          app:
            image: app:1
            build:
              context: .
              args:
                NODE_VERSION: 20
                NPM_TOKEN: "\${NPM_TOKEN}"
                EMPTY:
      `,
      { NPM_TOKEN: 'npm_fromTheEnvironment0123456789' },
    );
    assert.deepEqual(r.written, [
      '7:23 NODE_VERSION "20"',
      `8:20 NPM_TOKEN "npm_fromTheEnvironment0123456789" pieces [{"text":"npm_fromTheEnvironment0123456789","variable":"\${NPM_TOKEN}"}]`,
      '9:9 EMPTY no value',
    ]);
    const list = written('services:\n  app:\n    image: app:1\n    build:\n      args: [A=1, A=2]\n', {});
    assert.deepEqual(list.written, ['5:19 A "2"']);
  });
});

describe('command, entrypoint, healthcheck test and labels as written (ContainerSpec.command, entrypoint, healthcheckTest, labels)', () => {
  const shown = (line: Sourced<import('../../model/index.js').CommandLine> | undefined) => {
    if (line === undefined || isUnknown(line.value)) return line && 'unknown';
    return `${line.value.form} ${line.value.args
      .map((a) => {
        if (isUnknown(a.value)) return `${a.at.line}:${a.at.column} unknown`;
        const v = a.value.value;
        return `${a.at.line}:${a.at.column} ${isUnknown(v) ? 'unknown' : JSON.stringify(v)}${a.value.written === undefined ? '' : ` written ${JSON.stringify(a.value.written)}`}`;
      })
      .join(' | ')}`;
  };

  it('a string is the shell form, a list the exec form; interpolated parts keep their expression; NONE has no test', () => {
    const r = scan(
      dedent`
        services:
          app:
            image: app:1
            command: ["--token", "\${API_TOKEN}", 8080]
            entrypoint: sh -c "exec app"
            healthcheck:
              test: ["CMD-SHELL", "curl -u admin:\${NOPE} http://localhost/"]
          worker:
            image: app:1
            healthcheck:
              test: ["CMD", "wget", "-qO-", "http://localhost/"]
          off:
            image: app:1
            healthcheck: {test: ["NONE"]}
      `,
      { API_TOKEN: 'ghp_fromTheEnvironment0123456789abcdefgh' },
    );
    assert.deepEqual(r.messages, []);
    const [app, worker, off] = r.specs as ContainerSpec[];
    assert.equal(shown(app?.command), 'exec 4:15 "--token" | 4:26 "ghp_fromTheEnvironment0123456789abcdefgh" written "${API_TOKEN}" | 4:42 "8080"');
    assert.equal(shown(app?.entrypoint), 'shell 5:17 "sh -c \\"exec app\\""');
    assert.equal(shown(app?.healthcheckTest), 'shell 7:27 unknown written "curl -u admin:${NOPE} http://localhost/"');
    assert.equal(shown(worker?.healthcheckTest), 'exec 11:21 "wget" | 11:29 "-qO-" | 11:37 "http://localhost/"');
    assert.equal(off?.healthcheckTest, undefined);
    assert.equal(off?.command, undefined);
  });

  it('labels: the mapping located at the value, the list at the value after KEY=; interpolated values keep their expression', () => {
    const r = scan(
      dedent`
        services:
          app:
            image: app:1
            labels:
              com.example.team: payments
              com.example.port: 8080
              com.example.token: \${LABEL_TOKEN}
          worker:
            image: app:1
            labels: [com.example.team=payments, "com.example.token=\${LABEL_TOKEN}", com.example.empty]
      `,
      { LABEL_TOKEN: 'ghp_fromTheEnvironment0123456789abcdefgh' },
    );
    assert.deepEqual(r.messages, []);
    const labels = (s: ContainerSpec | undefined) => labelRows(s, false);
    const [app, worker] = r.specs as ContainerSpec[];
    assert.deepEqual(labels(app), [
      '5:25-33 com.example.team=payments',
      '6:25-29 com.example.port=8080',
      '7:26-40 com.example.token=ghp_fromTheEnvironment0123456789abcdefgh written ${LABEL_TOKEN}',
    ]);
    assert.deepEqual(labels(worker), [
      '10:31-39 com.example.team=payments',
      '10:60-74 com.example.token=ghp_fromTheEnvironment0123456789abcdefgh written ${LABEL_TOKEN}',
      '10:77-94 com.example.empty=',
    ]);
  });

  it('labels: a list item with a $ written as $$ is located whole (the file writes more characters than it reads)', () => {
    const r = scan(
      dedent`
      services:
        app:
          image: app:1
          labels:
            - com.example.password=Sup3r$$ecret$$Value
            - com.example.team=pay$$ments
            - com.example.plain=payments
      `,
      {},
    );
    assert.deepEqual(r.messages, []);
    const [app] = r.specs as ContainerSpec[];
    assert.deepEqual(
      app?.labels?.map((l) => `${l.at.line}:${l.at.column}-${l.at.endColumn} ${isUnknown(l.value) ? 'unknown' : String(l.value.value)}`),
      ['5:9-49 Sup3r$ecret$Value', '6:9-36 pay$ments', '7:27-35 payments'],
    );
  });

  it('deploy.labels: read after the labels, map and list syntax, interpolated, each located at its deploy.labels value', () => {
    const r = scan(
      dedent`
      services:
        app:
          image: app:1
          labels: {com.example.team: payments}
          deploy:
            labels:
              com.example.token: \${LABEL_TOKEN}
              com.example.tier: web
        worker:
          image: app:1
          deploy: {labels: ["com.example.team=payments", com.example.empty]}
        bad:
          image: app:1
          deploy: {labels: 5}
      `,
      { LABEL_TOKEN: 'ghp_fromTheEnvironment0123456789abcdefgh' },
    );
    const [app, worker, bad] = r.specs as ContainerSpec[];
    const labels = (s: ContainerSpec | undefined) => labelRows(s, true);
    assert.deepEqual(labels(app), [
      '4:32-40 services.app.labels.com.example.team payments',
      '7:28-42 services.app.deploy.labels.com.example.token ghp_fromTheEnvironment0123456789abcdefgh written ${LABEL_TOKEN}',
      '8:27-30 services.app.deploy.labels.com.example.tier web',
    ]);
    assert.deepEqual(labels(worker), [
      '11:41-49 services.worker.deploy.labels.com.example.team payments',
      '11:52-69 services.worker.deploy.labels.com.example.empty ',
    ]);
    assert.equal(bad?.labels, undefined);
    assert.deepEqual(r.messages, ['invalid-value 14:22 service "bad": deploy.labels must be a list or a mapping, not the number 5']);
  });
});

describe('cap_add and cap_drop: names dockerd refuses', () => {
  const caps = (lines: string, env: Record<string, string> = {}) => scan(`services:\n  web:\n    image: nginx:1.27\n${lines}`, env);
  const findings = (r: ReturnType<typeof scan>) =>
    checkContainer(RUNTIME_RULES, r.specs[0] as ContainerSpec)
      .filter((f) => ['BW1002', 'BW1003', 'BW1004', 'BW1005'].includes(f.ruleId))
      .map((f) => `${f.ruleId} ${f.status} ${f.location.line}:${f.location.column} ${f.message}`);

  it('any case, with or without CAP_, and every capability up to CHECKPOINT_RESTORE: taken; ALL too', () => {
    const r = caps('    cap_add: [cap_checkpoint_restore, Perfmon, CAP_BPF, wake_alarm]\n    cap_drop: [all]\n');
    assert.deepEqual(r.messages, []);
    assert.deepEqual(
      r.specs[0]?.capAdd.map((c) => c.value),
      ['CHECKPOINT_RESTORE', 'PERFMON', 'BPF', 'WAKE_ALARM'],
    );
    assert.deepEqual(
      r.specs[0]?.capDrop.map((c) => c.value),
      ['ALL'],
    );
  });

  it('an unknown name (CAP_ALL too) is an input error at the item, quoted once as written, and its only report', () => {
    const r = caps('    cap_add: [NET_ADMIN, SYS_FOO]\n    cap_drop: [CAP_ALL]\n');
    assert.deepEqual(r.messages, [
      'invalid-value 4:26 service "web": cap_add[1] "SYS_FOO": unknown capability (dockerd refuses the container)',
      'invalid-value 5:16 service "web": cap_drop[0] "CAP_ALL": unknown capability (dockerd refuses the container)',
    ]);
    assert.deepEqual(findings(r), ['BW1003 violation 4:15 Service "web" adds capability NET_ADMIN.']);
  });

  it('a long name is cut (100 characters, then its length), a secret-shaped one masked, one from the environment named by its variable', () => {
    const r = caps(`    cap_add: ["${'X'.repeat(1_200_000)}", ghp_abcdefghijklmnopqrstuvwxyz0123456789]\n    cap_drop: ["\${DROP}"]\n`, {
      DROP: 'hunter2hunter2SECRETVAL',
    });
    assert.deepEqual(r.messages, [
      `invalid-value 4:15 service "web": cap_add[0] "${'X'.repeat(100)}..." (1200000 characters): unknown capability (dockerd refuses the container)`,
      'invalid-value 4:1200019 service "web": cap_add[1] "ghp_...(40 chars)" (a GitHub token): unknown capability (dockerd refuses the container)',
      'invalid-value 5:16 service "web": cap_drop[0] "${DROP}" (from the environment, 23 characters): unknown capability (dockerd refuses the container)',
    ]);
    assert.deepEqual(findings(r), []);
  });

  it('an unknown service key or device request key is quoted through quoteValue too: cut when long, masked when secret-shaped', () => {
    const r = caps(
      `    ${'k'.repeat(300)}: 1\n    ghp_abcdefghijklmnopqrstuvwxyz0123456789: 1\n    gpus: [{driver: nvidia, capabilities: [gpu], ${'z'.repeat(200)}: 1}]\n`,
    );
    assert.deepEqual(r.messages, [
      `invalid-value 4:5 service "web": unknown key "${'k'.repeat(100)}..." (300 characters) is not read: compose refuses keys the compose-spec does not define`,
      'invalid-value 5:5 service "web": unknown key "ghp_...(40 chars)" (a GitHub token) is not read: compose refuses keys the compose-spec does not define',
      `invalid-value 6:50 service "web": unknown key "${'z'.repeat(100)}..." (200 characters) in a device request`,
    ]);
  });

  it('a name with blanks around it is unknown: dockerd and compose do not trim it (cap_drop "ALL " drops nothing), nor does docker run', () => {
    const r = caps('    cap_add: [" SYS_ADMIN", NET_RAW]\n    cap_drop: ["ALL "]\n');
    assert.deepEqual(r.messages, [
      'invalid-value 4:15 service "web": cap_add[0] " SYS_ADMIN": unknown capability (dockerd refuses the container)',
      'invalid-value 5:16 service "web": cap_drop[0] "ALL ": unknown capability (dockerd refuses the container)',
    ]);
    assert.deepEqual(findings(r), ['BW1004 violation 4:29 Service "web" adds capability NET_RAW.']);
    const run = scanRunCommand('docker run --cap-drop "ALL " --cap-add " NET_ADMIN" --cap-add=sys_time img:1', '<run>');
    assert.deepEqual(
      run.diagnostics.map((d) => `${d.code} ${d.at.line}:${d.at.column} ${d.message}`),
      [
        'invalid-value 1:12 --cap-drop "ALL ": unknown capability (dockerd refuses the container)',
        'invalid-value 1:30 --cap-add " NET_ADMIN": unknown capability (dockerd refuses the container)',
      ],
    );
    assert.equal(run.specs[0]?.capAdd[1]?.value, 'SYS_TIME');
  });
});
