import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { defaultOptions, type SettingsLookup } from '../../src/check/index.js';
import { auditHost } from '../../src/pipeline/audit-host.js';

// Fixture trees of test/fixtures/host, audited as `bulwark audit host --root <copy>` would (no commands run).
// Git keeps only 0644/0755, so each copy gets the modes the real host would have.
const FIXTURES = join(process.cwd(), 'test/fixtures/host');
const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function copy(name: string, modes: Record<string, number> = {}, extra: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), `bwtest-host-${name}-`));
  made.push(root);
  cpSync(join(FIXTURES, name), root, { recursive: true });
  for (const [p, text] of Object.entries(extra)) writeFileSync(join(root, p), text);
  for (const [p, m] of Object.entries(modes)) chmodSync(join(root, p), m);
  return root;
}

// Disk usage depends on the machine running the tests: leave it out of exact comparisons.
const settings: SettingsLookup = (meta) => ({ enabled: meta.id !== 'BW5008', options: defaultOptions(meta) });

function run(root: string) {
  const r = auditHost({ root, run: null, cwd: root, settings });
  return {
    findings: r.findings.map(
      (f) =>
        `${f.ruleId} ${f.location.source}${f.location.line !== undefined ? `:${f.location.line}:${f.location.column}` : ''}${f.status === 'unknown' ? ' unknown' : ''}`,
    ),
    diagnostics: r.diagnostics.map((d) => `${d.severity} ${d.at.source}:${d.at.line}:${d.at.column} ${d.message}`),
    result: r,
  };
}

const asRoot = process.getuid?.() === 0;

describe('audit host on fixture trees', { skip: asRoot ? false : 'file ownership checks need the copies to be owned by root' }, () => {
  it('hardened host: only the notes that cannot pass without commands or a plugin', () => {
    const root = copy('hardened', {
      'etc/docker/pki/ca.pem': 0o444,
      'etc/docker/pki/server.pem': 0o444,
      'etc/docker/pki/server-key.pem': 0o400,
      'var/lib/docker': 0o710,
    });
    const r = run(root);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.findings, ['BW5010 . unknown', 'BW4015 etc/docker/daemon.json:1:1']);
    assert.equal(r.result.checks, 30);
  });

  it('hardened host: a key readable by its group (0440) fails; 0400 and 0444 pass (octal, not decimal)', () => {
    const root = copy('hardened', { 'etc/docker/pki/ca.pem': 0o400, 'etc/docker/pki/server.pem': 0o444, 'etc/docker/pki/server-key.pem': 0o440 });
    const f = run(root).result.findings.filter((x) => x.ruleId === 'BW5001');
    assert.deepEqual(
      f.map((x) => x.message),
      ['The daemon TLS key (/etc/docker/pki/server-key.pem) has mode 0440, wider than 0400 (CIS 3.13/3.14).'],
    );
  });

  it('default Debian host with a hand-made TCP drop-in: exact findings with locations in daemon.json and the drop-in', () => {
    const root = copy('debian-default');
    const r = run(root);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.findings, [
      'BW5010 . unknown',
      'BW5004 etc/audit/rules.d',
      'BW4002 etc/docker/daemon.json:1:1',
      'BW4004 etc/docker/daemon.json:1:1',
      'BW4005 etc/docker/daemon.json:1:1',
      'BW4006 etc/docker/daemon.json:1:1',
      'BW4010 etc/docker/daemon.json:1:1',
      'BW4011 etc/docker/daemon.json:1:1',
      'BW4015 etc/docker/daemon.json:1:1',
      'BW4001 etc/docker/daemon.json:2:17',
      'BW4008 etc/docker/daemon.json:3:27',
      'BW5002 etc/group:6:14',
      'BW5002 etc/group:6:20',
      'BW5011 etc/ssh/sshd_config',
      'BW5012 etc/ssh/sshd_config',
      'BW5003 etc/sudoers.d/deploy:1:29',
      'BW4016 etc/systemd/system/docker.service.d/override.conf:4:1',
      'BW4016 etc/systemd/system/docker.service.d/override.conf:4:1',
      'BW4016 etc/systemd/system/docker.service.d/override.conf:4:1',
      'BW4016 etc/systemd/system/docker.service.d/override.conf:4:1',
      'BW4016 etc/systemd/system/docker.service.d/override.conf:4:1',
      'BW4013 etc/systemd/system/docker.service.d/override.conf:4:38',
      'BW4014 etc/systemd/system/docker.service.d/override.conf:4:38',
      'BW5006 var/lib/docker',
      'BW5007 var/lib/docker',
    ]);
  });

  it('what dockerd and systemd refuse is located in daemon.json and the drop-in', () => {
    const root = copy(
      'debian-default',
      {},
      {
        'etc/docker/daemon.json': '{\n  "hosts": ["unix:///var/run/docker.sock"],\n  "log-opts": { "max-size": "10m", "max-file": 3 },\n}\n',
        'etc/systemd/system/docker.service.d/override.conf': '[Service]\nExecStart=/usr/sbin/dockerd -H fd:// --iptables=false\n',
      },
    );
    const r = run(root);
    assert.deepEqual(r.diagnostics, [
      'error etc/systemd/system/docker.service.d/override.conf:2:1 systemd refuses to start this service: it has 2 ExecStart= lines and is not Type=oneshot. A drop-in that replaces the command must first clear it with an empty "ExecStart=" line.',
      'error etc/docker/daemon.json:3:51 dockerd refuses this daemon.json: a trailing comma before a closing bracket is not JSON.',
      'error etc/docker/daemon.json:3:15 dockerd refuses this daemon.json: "log-opts" must be an object of strings; "max-file" is the number 3 (write it in quotes).',
      'error etc/docker/daemon.json:2:3 dockerd refuses this daemon.json: "hosts" is set here and also as the flag -H (etc/systemd/system/docker.service.d/override.conf:2); dockerd does not allow an option in both places.',
    ]);
    assert.ok(r.findings.includes('BW4003 etc/systemd/system/docker.service.d/override.conf:2:38'), r.findings.join('\n'));
  });
});
