// Secret values from the environment never appear in findings either (README): rules quote model values (a host
// device, a restart policy, a mount source...), and the checker shows any of them that came from the environment
// or `.env` by its variable. Found by a hostile tester: BW1021 printed "is given host device <secret>" and BW1028
// "restarts with policy <secret>".
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-mask-findings-'));
after(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  join(dir, 'compose.yaml'),
  [
    'services:',
    '  web:',
    '    image: registry.example.com/app:${TAG}',
    '    devices: ["${DEV}:/dev/x"]',
    '    restart: ${POLICY}',
    '    user: ${RUN_AS}',
    '    cap_add: ["${CAP}"]',
    '    cap_drop: [CHOWN, "${DROP}"]',
    '    volumes: ["${SRC}:/data"]',
    '    sysctls: {net.ipv4.ip_forward: "${FWD}"}',
    '    environment: {AWS_SECRET_ACCESS_KEY: "${KEY}", DB_PASSWORD: "${PW}"}',
    '',
  ].join('\n'),
);
writeFileSync(
  join(dir, '.env'),
  [
    'TAG=AKIAIOSFODNN7EXAMPLE',
    'DEV=/dev/hunter2hunter2SECRETVAL',
    // A policy Docker takes: one it refuses is an input error, shown by its variable too.
    'POLICY=unless-stopped',
    'RUN_AS=0:hunter2hunter2SECRETVAL',
    // Capabilities dockerd knows: one it does not is an input error, shown by its variable too.
    'CAP=sys_time',
    'DROP=mknod',
    'SRC=/root/AKIAIOSFODNN7EXAMPLE',
    'FWD=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'PW=hunter2hunter2SECRETVAL',
    '',
  ].join('\n'),
);

// Any case: a capability is shown upper-cased.
const SECRETS = /AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI|K7MDENG|bPxRfiCYEXAMPLEKEY|hunter2|SECRETVAL/i;

function scan(format: string) {
  const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--no-color', '-f', format], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  assert.equal(r.status, 1, r.stderr);
  return `${r.stdout}\n${r.stderr}`;
}

describe('no secret value from the environment in any finding', () => {
  for (const format of ['text', 'json']) {
    it(`-f ${format}`, () => {
      const out = scan(format);
      assert.doesNotMatch(out, SECRETS);
      for (const rule of ['BW1021', 'BW1028', 'BW1026', 'BW1030', 'BW1004', 'BW1002', 'BW1015', 'BW1022', 'BW1024']) assert.match(out, new RegExp(rule), rule);
      // The messages name the variables instead.
      assert.match(out, /is given host device \\?"\$\{DEV\}\\?" \(from the environment, 28 characters\)/);
      assert.match(out, /restarts with policy \\?"\$\{POLICY\}\\?" \(from the environment, 14 characters\)/);
    });
  }
});

describe('no secret value from an env_file in any finding', () => {
  const envDir = mkdtempSync(join(tmpdir(), 'bulwark-mask-env-file-'));
  after(() => rmSync(envDir, { recursive: true, force: true }));
  writeFileSync(join(envDir, 'compose.yaml'), 'services:\n  api:\n    image: api:1\n    env_file: [config/api.env]\n');
  mkdirSync(join(envDir, 'config'));
  writeFileSync(
    join(envDir, 'config', 'api.env'),
    'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\nDB_PASSWORD=hunter2hunter2SECRETVAL\n',
  );
  for (const format of ['text', 'json']) {
    it(`-f ${format}: BW1024 judges its variables where the env file writes them, masked`, () => {
      const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--no-color', '-f', format], {
        cwd: envDir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      });
      assert.equal(r.status, 1, r.stderr);
      const out = `${r.stdout}\n${r.stderr}`;
      assert.doesNotMatch(out, SECRETS);
      assert.ok((out.match(/BW1024/g)?.length ?? 0) >= 3, out);
      assert.match(out, /config\/api\.env/);
    });
  }
});

describe('no secret-shaped value written in the file itself in any finding', () => {
  const litDir = mkdtempSync(join(tmpdir(), 'bulwark-mask-literal-'));
  after(() => rmSync(litDir, { recursive: true, force: true }));
  const token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
  writeFileSync(
    join(litDir, 'compose.yaml'),
    `services:\n  web:\n    image: nginx:1.27\n    restart: ${token}\n    cap_add: [${token}]\n    devices: [/dev/${token}]\n`,
  );
  const TOKEN = /abcdefghijklmnopqrstuvwxyz0123456789/i;
  for (const format of ['text', 'json', 'sarif']) {
    it(`-f ${format}: a token written as a restart policy or a capability (input errors) or a device path is masked`, () => {
      const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--no-color', '-f', format], {
        cwd: litDir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      });
      const out = `${r.stdout}\n${r.stderr}`;
      assert.doesNotMatch(out, TOKEN);
      for (const shown of [
        'ghp_...(40 chars)',
        '(a GitHub token) is not a restart policy',
        '(a GitHub token): unknown capability (dockerd refuses the container)',
        'host device /dev/ghp_...(40 chars)',
      ])
        assert.ok(out.includes(shown), shown);
    });
  }
  it('a service named like a URL with a password: an input error (compose refuses the name), the password masked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-mask-name-'));
    try {
      writeFileSync(join(dir, 'compose.yaml'), 'services:\n  "postgres://u:hunter2hunter2@db":\n    image: nginx:1.27\n    privileged: true\n');
      for (const format of ['text', 'json', 'sarif']) {
        const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--no-color', '-f', format], {
          cwd: dir,
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '' },
        });
        const out = `${r.stdout}\n${r.stderr}`;
        assert.doesNotMatch(out, /hunter2/, format);
        assert.ok(
          out.includes('service name \\"postgres://u:...(14 chars)@db\\" is not valid') ||
            out.includes('service name "postgres://u:...(14 chars)@db" is not valid'),
          format,
        );
        assert.equal(r.status, 2, format);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--command: a token as the container name is masked in every finding', () => {
    const r = spawnSync(process.execPath, [CLI, 'scan', '--command', `docker run --name ${token} --privileged nginx:1.27`, '--no-color', '-f', 'json'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    assert.doesNotMatch(`${r.stdout}\n${r.stderr}`, TOKEN);
    assert.match(r.stdout, /BW1001/);
  });

  it('a token pasted as the name of a variable that is not set is masked where the finding names the variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-mask-var-name-'));
    try {
      const compose = [
        'services:',
        '  a:',
        `    image: "nginx:\${${token}}"`,
        '    user: "${sk_live_abcdefghijklmnopqrstuvwx:?set it}"',
        '    read_only: $xoxb_123456789012_abcdefghijklmnopqrstuv',
        '',
      ].join('\n');
      writeFileSync(join(dir, 'compose.yaml'), compose);
      for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'html']) {
        const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--no-color', '-f', format], {
          cwd: dir,
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '' },
        });
        const out = `${r.stdout}\n${r.stderr}`;
        assert.doesNotMatch(out, /abcdefghijklmnopqrstuv/, format);
        if (format === 'text') {
          assert.match(out, /3:12 +unknown +The image of service "a" cannot be known: variable ghp_\.\.\.\(40 chars\) is not set\./);
          assert.match(out, /4:11 +unknown +The user of service "a" cannot be known: required variable sk_l\.\.\.\(32 chars\) is not set\./);
          assert.match(out, /5:16 +unknown .* cannot be known: variable xoxb\.\.\.\(40 chars\) is not set\./);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
