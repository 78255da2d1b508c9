import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkContainer } from '../../check/index.js';
import { RUNTIME_RULES } from '../../rules/index.js';
import { memoryFs } from '../fs.js';
import { scanComposeProject } from './index.js';

/** The hostile tester's fake secrets: an AWS key pair and a password, in a project's `.env` (one variable each where a message could take either). */
const DOTENV = [
  'DEV=/dev/AKIAIOSFODNN7EXAMPLE',
  // A restart policy Docker takes: one it refuses is an input error (to-model.test.ts).
  'POLICY=unless-stopped',
  'TAG=AKIAIOSFODNN7EXAMPLE',
  'RUN_AS=0:hunter2hunter2SECRETVAL',
  // Capabilities dockerd knows: one it does not is an input error (to-model.test.ts).
  'CAP=cap_sys_time',
  'DROP=mknod',
  'SRC=/root/AKIAIOSFODNN7EXAMPLE',
  'SOCK=/var/run/hunter2hunter2SECRETVAL',
  'FWD=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'LABEL=disable',
  'IP=0.0.0.0',
  'HP=18080',
  'KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  '',
].join('\n');

const COMPOSE = [
  'services:',
  '  web:',
  '    image: registry.example.com/app:${TAG}',
  '    devices: ["${DEV}:/dev/x:rw"]',
  '    restart: ${POLICY}',
  '    user: ${RUN_AS}',
  '    cap_add: ["${CAP}"]',
  '    cap_drop: [CHOWN, "${DROP}"]',
  '    volumes: ["${SRC}:/data", "${SOCK}:/s"]',
  '    sysctls: {net.ipv4.ip_forward: "${FWD}"}',
  '    security_opt: ["label=${LABEL}"]',
  '    ports: ["${IP}:${HP}:80"]',
  '    environment: {AWS_SECRET_ACCESS_KEY: "${KEY}"}',
  '',
].join('\n');

const SECRETS = /AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI|K7MDENG|bPxRfiCYEXAMPLEKEY|hunter2|SECRETVAL/i;

function findings(compose: string, dotenv: string, env: Record<string, string> = {}) {
  const r = scanComposeProject(['/mem/compose.yaml'], memoryFs({ 'compose.yaml': compose, '.env': dotenv }), env);
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    [],
  );
  return r.specs.flatMap((s) => checkContainer(RUNTIME_RULES, s)).map((f) => `${f.ruleId} ${f.location.line}:${f.location.column} ${f.message}`);
}

describe('message data taken from the environment is shown by its variables (quoteValue)', () => {
  it('no rule message carries a secret from the .env, and each names the variable it came from', () => {
    const all = findings(COMPOSE, DOTENV);
    for (const f of all) assert.doesNotMatch(f, SECRETS, f);
    const shown = (id: string) => all.filter((f) => f.startsWith(`${id} `));
    assert.deepEqual(shown('BW1021'), ['BW1021 4:15 Service "web" is given host device "${DEV}" (from the environment, 25 characters) with permissions rw.']);
    assert.deepEqual(shown('BW1028'), [
      'BW1028 5:14 Service "web" restarts with policy "${POLICY}" (from the environment, 14 characters), which has no retry bound.',
    ]);
    assert.deepEqual(shown('BW1026'), [
      'BW1026 3:12 Service "web" uses image "registry.example.com/app:${TAG}" (from the environment, 45 characters), which is not pinned by digest.',
    ]);
    assert.deepEqual(shown('BW1030'), ['BW1030 6:11 Service "web" runs as root (user "${RUN_AS}" (from the environment, 25 characters)).']);
    assert.deepEqual(shown('BW1004'), ['BW1004 7:15 Service "web" adds capability "${CAP}" (from the environment, read as 8 characters).']);
    assert.deepEqual(shown('BW1002'), ['BW1002 8:16 Service "web" drops CHOWN, "${DROP}" (from the environment, 5 characters) but not ALL.']);
    assert.deepEqual(shown('BW1015'), ['BW1015 9:15 Service "web" bind-mounts host path "${SRC}" (from the environment, 26 characters) read-write.']);
    assert.deepEqual(shown('BW1022'), [
      'BW1022 10:15 Service "web" sets sysctl net.ipv4.ip_forward="${FWD}" (from the environment, 40 characters), which turns the container into a router.',
    ]);
    assert.deepEqual(shown('BW1009'), ['BW1009 11:20 Service "web" disables SELinux labelling (label="${LABEL}" (from the environment, 7 characters)).']);
    assert.deepEqual(shown('BW1023'), ['BW1023 12:13 Service "web" publishes port "${HP}" (from the environment, 5 characters)->80/tcp on all interfaces.']);
    assert.equal(shown('BW1024').length, 1);
  });

  it('the same values written in the file are shown as written', () => {
    const all = findings('services:\n  web:\n    image: nginx:1.27\n    devices: ["/dev/sda:/dev/x"]\n    restart: always\n    cap_drop: [CHOWN]\n', '');
    assert.ok(all.includes('BW1021 4:15 Service "web" is given host device /dev/sda with permissions rwm.'), all.join('\n'));
    assert.ok(all.includes('BW1028 5:14 Service "web" restarts with policy always, which has no retry bound.'), all.join('\n'));
    assert.ok(all.includes('BW1002 6:16 Service "web" drops CHOWN but not ALL.'), all.join('\n'));
  });

  it('a short value is quoted only as a whole variable where the finding points, not where it merely matches', () => {
    const all = findings('services:\n  web:\n    image: nginx:1.27\n    restart: "on-failure:${N}"\n    pids_limit: ${P}\n', 'N=15\nP=5\n');
    assert.ok(all.includes('BW1028 4:14 Service "web" restarts up to "${N}" (from the environment, 2 characters) times, more than 5.'), all.join('\n'));
  });

  it("a variable's text inside a longer literal value written elsewhere is left as written (/etc of HOSTDIR in /etc/nginx)", () => {
    const all = findings('services:\n  web:\n    image: nginx:1.27\n    volumes: ["${HOSTDIR}:/data", "/etc/nginx:/etc/nginx:rw"]\n', 'HOSTDIR=/etc\n').filter(
      (f) => f.startsWith('BW1015 '),
    );
    assert.deepEqual(all, [
      'BW1015 4:15 Service "web" bind-mounts host path "${HOSTDIR}" (from the environment, 4 characters) read-write.',
      'BW1015 4:35 Service "web" bind-mounts host path /etc/nginx read-write.',
    ]);
  });
});
