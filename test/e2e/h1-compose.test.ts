// End-to-end: compose inputs a first-time user tries, each finding checked by rule, status, line, column and
// message through the built CLI (text, JSON and SARIF report the same location).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-h1-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Runs the built CLI in `root` with only PATH (and `env`) in its environment. */
function bulwark(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes `files` (name → text) into a fresh folder `name` under root. */
function project(name: string, files: Record<string, string>): string {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, name, file, '..'), { recursive: true });
    writeFileSync(join(root, name, file), text);
  }
  return name;
}

interface Finding {
  ruleId: string;
  status: string;
  message: string;
  location: { source: string; line: number; column: number };
}
interface Report {
  findings: Finding[];
  errors: { code: string; severity: string; message: string; at: { source: string; line?: number; column?: number } }[];
}

/** The JSON report of `scan` for the folder, with its exit code. */
function scan(folder: string, env: Record<string, string> = {}): { code: number | null; report: Report } {
  const r = bulwark(['scan', folder, '--format', 'json'], env);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

/** `RULE status line:column message` for the findings of the given rules. */
function lines(report: Report, rules: string[]): string[] {
  return report.findings.filter((f) => rules.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.status} ${f.location.line}:${f.location.column} ${f.message}`);
}

describe('bulwark scan: long-syntax volumes and devices are located at their source', () => {
  it('a bind mount, a named volume and a device written as mappings: the finding is at the `source:` value, in JSON and SARIF', () => {
    const dir = project('long-syntax', {
      'compose.yaml': [
        'services:',
        '  a:',
        '    image: nginx:1.27',
        '    volumes:',
        '      - type: bind',
        '        source: /var/run/docker.sock',
        '        target: /var/run/docker.sock',
        '        read_only: true',
        '      - type: bind',
        '        read_only: true',
        '        target: /host-etc',
        '        source: /etc',
        '    devices:',
        '      - permissions: r',
        '        source: /dev/kvm',
        '        target: /dev/kvm',
        '',
      ].join('\n'),
    });
    const { code, report } = scan(dir);
    assert.equal(code, 1);
    assert.deepEqual(lines(report, ['BW1014', 'BW1015', 'BW1021']), [
      'BW1014 violation 6:17 Service "a" mounts the container engine socket /var/run/docker.sock.',
      'BW1015 violation 12:17 Service "a" bind-mounts host path /etc read-only.',
      'BW1021 violation 15:17 Service "a" is given host device /dev/kvm with permissions r.',
    ]);
    const sarif = JSON.parse(bulwark(['scan', dir, '--format', 'sarif']).stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { region: Record<string, number> } }[] }[] }[];
    };
    const socket = sarif.runs[0]?.results.find((r) => r.ruleId === 'BW1014');
    assert.deepEqual(socket?.locations[0]?.physicalLocation.region, { startLine: 6, startColumn: 17, endLine: 6, endColumn: 37 });
  });
});

describe('bulwark scan: a volume written with a variable without a value', () => {
  it('an unknown source or mode is an unknown finding (exit 0), a known sensitive path stays a violation (exit 1)', () => {
    const dir = project('volume-vars', {
      'compose.yaml':
        'services:\n  a:\n    image: nginx:1.27\n    volumes:\n      - "${HOSTDIR}:/data"\n      - "/etc/nginx:/etc/nginx:${MODE}"\n      - "/srv/${APP}:/app"\n',
    });
    const unknownOnly = scan(dir, { APP: 'x' });
    assert.deepEqual(lines(unknownOnly.report, ['BW1014', 'BW1015']), [
      'BW1015 unknown 5:9 Which host path service "a" bind-mounts at /data cannot be known: variable HOSTDIR is not set.',
      'BW1015 unknown 6:9 Whether service "a" mounts host path /etc/nginx read-only cannot be known: variable MODE is not set; read-write, it is sensitive.',
    ]);
    assert.equal(unknownOnly.code, 0);
    // A path from the environment is quoted by its variable (docs/compose.md "Secrets").
    const set = scan(dir, { HOSTDIR: '/boot', MODE: 'rw' });
    assert.deepEqual(lines(set.report, ['BW1014', 'BW1015']), [
      'BW1015 violation 5:9 Service "a" bind-mounts host path "${HOSTDIR}" (from the environment, 5 characters) read-write.',
      'BW1015 violation 6:9 Service "a" bind-mounts host path /etc/nginx read-write.',
    ]);
    assert.equal(set.code, 1);
  });
});

describe('bulwark scan: COMPOSE_FILE set in the environment of bulwark', () => {
  it('applies to every folder scanned, as to docker compose run in each; where it names no file, the error says how to judge the folder', () => {
    project('compose-file-env', {
      'a/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
      'a/prod.yml': 'services:\n  web:\n    privileged: true\n',
      'b/compose.yaml': 'services:\n  db:\n    image: postgres:16\n    privileged: true\n',
    });
    const { code, report } = scan('compose-file-env', { COMPOSE_FILE: 'compose.yaml:prod.yml' });
    assert.equal(code, 2);
    assert.deepEqual(
      report.findings.filter((f) => f.ruleId === 'BW1001').map((f) => `${f.location.source}:${f.location.line}:${f.location.column}`),
      ['compose-file-env/a/prod.yml:3:17'],
    );
    assert.deepEqual(
      report.errors.map((e) => `${e.code} ${e.severity} ${e.at.source} ${e.message}`),
      [
        'unreadable error compose-file-env/b COMPOSE_FILE (set in the environment) names "prod.yml", which is not there: compose refuses to run this folder\'s project, so it is not judged (COMPOSE_FILE set in the environment applies to every folder scanned, as to `docker compose` run in each: unset it to judge each folder by its own files)',
      ],
    );
    const own = scan('compose-file-env');
    assert.deepEqual(
      own.report.findings.filter((f) => f.ruleId === 'BW1001').map((f) => `${f.location.source}:${f.location.line}:${f.location.column}`),
      ['compose-file-env/b/compose.yaml:4:17'],
    );
  });
});

describe('bulwark scan: a URL password with an empty user (the Redis form) is never printed', () => {
  it('in an input error and a BW1024 finding, in every format', () => {
    const dir = project('redis-url', {
      'compose.yaml':
        'services:\n  a:\n    image: nginx:1.27\n    restart: "redis://:hunter2hunter2@redis:6379"\n    environment:\n      REDIS_URL: redis://:hunter2hunter2@redis:6379\n',
    });
    for (const format of ['text', 'json', 'sarif']) {
      const r = bulwark(['scan', dir, '--format', format]);
      assert.equal(r.code, 2, format);
      assert.equal(`${r.stdout}${r.stderr}`.includes('hunter2'), false, format);
    }
    const { report } = scan(dir);
    // The refused restart policy is the input error alone: BW1028 gives no unknown finding beside it.
    assert.deepEqual(
      report.errors.map((e) => `${e.at.line}:${e.at.column} ${e.message}`),
      [
        '4:14 service "a": "redis://:...(14 chars)@redis:6379" is not a restart policy: docker compose passes it on and dockerd refuses the container (no, always, on-failure[:N] or unless-stopped)',
      ],
    );
    assert.deepEqual(lines(report, ['BW1024', 'BW1028']), [
      'BW1024 violation 6:7 Service "a" sets environment variable REDIS_URL to a URL with a password (redi...(34 chars)).',
    ]);
  });
});

describe('bulwark scan: a hardened project in odd but valid syntax', () => {
  it('include, extends across files, YAML 1.1 words, strings for numbers, a digest from .env, long and short syntax: no finding, exit 0', () => {
    const dir = project('hardened-odd', {
      '.env': 'UID_GID=10001:10001\nDIGEST=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
      'compose.yaml':
        'name: hard2\ninclude:\n  - path: ./lib/inc.yaml\nservices:\n  web:\n    extends: {file: lib/base.yaml, service: hardened}\n    image: registry.example.com/web@${DIGEST}\n    ports:\n      - "127.0.0.1:8080:8080"\n      - "[::1]:8443:8443"\n    volumes:\n      - type: bind\n        source: ./static\n        target: /srv\n        read_only: true\n      - cache:/var/cache/app\n    environment:\n      - DB_PASSWORD_FILE=/run/secrets/db\n    secrets: [db]\nvolumes:\n  cache: {}\nsecrets:\n  db: {file: ./db.txt}\n',
      'lib/base.yaml':
        'services:\n  hardened:\n    read_only: yes\n    cap_drop: [all]\n    security_opt: ["no-new-privileges=1", "seccomp:builtin", "apparmor=docker-default", "label=type:container_t"]\n    user: ${UID_GID}\n    mem_limit: 256M\n    cpus: \'0.50\'\n    pids_limit: "128"\n    restart: on-failure:5\n    logging:\n      driver: json-file\n      options: {max-size: 10m, max-file: 3}\n    healthcheck:\n      test: curl -fsS http://127.0.0.1:8080/health\n      interval: 1m30s\n    tmpfs: [/tmp]\n',
      'lib/inc.yaml':
        'services:\n  worker:\n    extends: {file: base.yaml, service: hardened}\n    image: "registry.example.com/worker:2.1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"\n    network_mode: none\n    sysctls: {net.ipv4.ip_unprivileged_port_start: 80}\n',
    });
    const { code, report } = scan(dir);
    assert.deepEqual(
      report.findings.map((f) => `${f.ruleId} ${f.status} ${f.location.source}:${f.location.line}:${f.location.column} ${f.message}`),
      [],
    );
    // compose warns about `yes`, once per service that extends the base; nothing else.
    assert.deepEqual(
      report.errors.map((e) => `${e.severity} ${e.at.source}:${e.at.line}:${e.at.column}`),
      ['warning hardened-odd/lib/base.yaml:3:16', 'warning hardened-odd/lib/base.yaml:3:16'],
    );
    assert.equal(code, 0);
  });
});
