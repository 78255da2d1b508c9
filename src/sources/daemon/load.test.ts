import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUnknown } from '../../model/index.js';
import { memoryRootFs } from '../host/root-fs.js';
import { parseDaemonJson } from './daemon-json.js';
import { buildDaemonSpec, loadHostDaemon, parseDockerdArgs } from './load.js';
import { splitWords } from './systemd.js';

const at = { source: 't' };
const words = (s: string) => splitWords(s, () => at);

describe('parseDockerdArgs', () => {
  it('reads long, short, joined and boolean forms', () => {
    const r = parseDockerdArgs(words('-H fd:// -Htcp://10.0.0.1:2376 --icc=false --live-restore --log-opt max-size=10m -l debug --tlsverify=1'));
    assert.deepEqual(
      r.flags.map((f) => `${f.key}=${f.value}`),
      ['hosts=fd://', 'hosts=tcp://10.0.0.1:2376', 'icc=false', 'live-restore=true', 'log-opts=max-size=10m', 'log-level=debug', 'tlsverify=true'],
    );
    assert.deepEqual(r.diagnostics, []);
  });

  it('a flag added after 20.10 is a warning naming its release, and its value is read', () => {
    const r = parseDockerdArgs(words('-H fd:// --log-format json --ip-forward-no-drop --log-formatt=json'));
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.severity} ${d.message}`),
      [
        'warning the flag --log-format was added in Docker Engine 25.0; dockerd 20.10 and older refuse it.',
        'warning the flag --ip-forward-no-drop was added in Docker Engine 28.0; dockerd 20.10 and older refuse it.',
        'error dockerd 20.10 refuses the unknown flag --log-formatt.',
      ],
    );
    assert.deepEqual(
      r.flags.map((f) => `${f.key}=${f.value}`),
      ['hosts=fd://', 'log-format=json', 'ip-forward-no-drop=true'],
    );
  });

  it('reports unknown flags, positional words and bad booleans', () => {
    const r = parseDockerdArgs(words('--no-such-flag daemon --icc=maybe -X'));
    assert.deepEqual(
      r.diagnostics.map((d) => d.message),
      [
        'dockerd 20.10 refuses the unknown flag --no-such-flag.',
        'dockerd takes no positional arguments; it refuses "daemon".',
        'dockerd refuses --icc=maybe: a boolean flag takes true or false.',
        'dockerd refuses the unknown flag -X.',
      ],
    );
  });
});

describe('loadHostDaemon', () => {
  it('applies drop-ins in name order across unit folders, with ExecStart= resets and environment files', () => {
    const fs = memoryRootFs({
      '/lib/systemd/system/docker.service': { text: '[Service]\nEnvironmentFile=-/etc/default/docker\nExecStart=/usr/sbin/dockerd -H fd:// $DOCKER_OPTS\n' },
      '/etc/default/docker': { text: 'DOCKER_OPTS="--icc=true"\n' },
      '/lib/systemd/system/docker.service.d/10-vendor.conf': { text: '[Service]\nEnvironment=EXTRA=--debug\n' },
      '/etc/systemd/system/docker.service.d/10-vendor.conf': { text: '[Service]\nEnvironment="EXTRA=--live-restore"\n' },
      '/etc/systemd/system/docker.service.d/20-cmd.conf': { text: '[Service]\nExecStart=\nExecStart=/usr/sbin/dockerd \\\n  -H fd:// $DOCKER_OPTS ${EXTRA}\n' },
    });
    const r = loadHostDaemon(fs);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(
      r.flags.map((f) => `${f.key}=${f.value} @${f.at.source}:${f.at.line}:${f.at.column}`),
      [
        'hosts=fd:// @/etc/systemd/system/docker.service.d/20-cmd.conf:4:3',
        'icc=true @/etc/default/docker:1:14',
        'live-restore=true @/etc/systemd/system/docker.service.d/20-cmd.conf:4:25',
      ],
    );
  });

  it('uses /etc/default/docker alone when there is no unit', () => {
    const fs = memoryRootFs({ '/etc/default/docker': { text: '#DOCKER_OPTS="--dns 8.8.8.8"\nDOCKER_OPTS="--userns-remap=default"\n' } });
    const r = loadHostDaemon(fs);
    assert.equal(r.spec.usernsRemap?.value, 'default');
    assert.equal(r.spec.usernsRemap?.at.line, 2);
  });

  it('reports a missing --config-file and a key set in both places', () => {
    const missing = loadHostDaemon(
      memoryRootFs({ '/etc/systemd/system/docker.service': { text: '[Service]\nExecStart=/usr/sbin/dockerd --config-file=/etc/docker/prod.json\n' } }),
    );
    assert.deepEqual(
      missing.diagnostics.map((d) => d.message),
      ['dockerd refuses to start: the configuration file /etc/docker/prod.json does not exist.'],
    );
    const both = loadHostDaemon(
      memoryRootFs({
        '/etc/systemd/system/docker.service': { text: '[Service]\nExecStart=/usr/sbin/dockerd --debug -H fd://\n' },
        '/etc/docker/daemon.json': { text: '{"debug": true}' },
      }),
    );
    assert.match(both.diagnostics[0]?.message ?? '', /"debug" is set here and also as the flag --debug/);
  });

  it('a boolean option of a type dockerd refuses is an Unknown for the rules, not "not set"', () => {
    const json = parseDaemonJson('{\n  "live-restore": "yes",\n  "icc": 0,\n  "iptables": null\n}', 'daemon.json');
    const spec = buildDaemonSpec('daemon-json', 'daemon.json', { source: 'daemon.json' }, json, []);
    assert.deepEqual(spec.liveRestore?.value, {
      kind: 'unknown',
      reason: 'invalid value: "live-restore" is "yes", not true or false, and dockerd refuses the file',
      raw: '"yes"',
    });
    assert.equal(spec.liveRestore?.at.line, 2);
    assert.equal(spec.liveRestore?.at.column, 19);
    assert.equal(isUnknown(spec.icc?.value), true);
    assert.equal(spec.iptables, undefined);
  });

  it('a proxy set both in the proxies object and as a flag is refused, as by the release that added both', () => {
    const r = loadHostDaemon(
      memoryRootFs({
        '/etc/systemd/system/docker.service': { text: '[Service]\nExecStart=/usr/sbin/dockerd --http-proxy=http://p:3128\n' },
        '/etc/docker/daemon.json': { text: '{\n  "proxies": {\n    "http-proxy": "http://q:3128"\n  }\n}\n' },
      }),
    );
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.severity} ${d.at.line}:${d.at.column} ${d.message}`),
      [
        'warning 2:29 the flag --http-proxy was added in Docker Engine 23.0; dockerd 20.10 and older refuse it.',
        'warning 2:3 "proxies" was added in Docker Engine 23.0; dockerd 20.10 and older refuse it.',
        'error 3:5 dockerd refuses this daemon.json: "http-proxy" is set here and also as the flag --http-proxy (/etc/systemd/system/docker.service:2); dockerd does not allow an option in both places.',
      ],
    );
  });

  it('a key inside a newer object option that 20.10 flattens into a flag conflict is a warning, not an input error', () => {
    const r = loadHostDaemon(
      memoryRootFs({
        '/etc/systemd/system/docker.service': { text: '[Service]\nExecStart=/usr/sbin/dockerd --bridge=none\n' },
        '/etc/docker/daemon.json': { text: '{\n  "default-network-opts": {\n    "bridge": {"com.docker.network.driver.mtu": "1400"}\n  }\n}\n' },
      }),
    );
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.severity} ${d.at.line}:${d.at.column} ${d.message}`),
      [
        'warning 2:3 "default-network-opts" was added in Docker Engine 24.0; dockerd 20.10 and older ignore it.',
        'warning 3:5 dockerd 20.10 and older refuse this file: they read "bridge" inside "default-network-opts" (added in Docker Engine 24.0) as a top-level option, and it is also the flag --bridge (/etc/systemd/system/docker.service:2).',
      ],
    );
  });

  it('an unreadable daemon.json makes the configuration unknown, with a warning, never a crash', () => {
    const r = loadHostDaemon(memoryRootFs({ '/etc/docker/daemon.json': { text: '{}', unreadable: true } }));
    assert.equal(r.known, false);
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.severity} ${d.message}`),
      ['warning cannot read /etc/docker/daemon.json: permission denied: the daemon configuration cannot be known.'],
    );
  });

  it('a drop-in, or a drop-in folder, that cannot be read makes the command line unknown, with a warning each', () => {
    const unit = { text: '[Service]\nExecStart=/usr/sbin/dockerd -H fd://\n' };
    const file = loadHostDaemon(
      memoryRootFs({
        '/lib/systemd/system/docker.service': unit,
        '/etc/systemd/system/docker.service.d/override.conf': {
          text: '[Service]\nExecStart=\nExecStart=/usr/sbin/dockerd -H tcp://0.0.0.0:2375\n',
          unreadable: true,
        },
      }),
    );
    assert.equal(file.known, false);
    assert.deepEqual(
      file.diagnostics.map((d) => `${d.severity} ${d.message}`),
      ['warning cannot read /etc/systemd/system/docker.service.d/override.conf: permission denied: the dockerd command line cannot be known.'],
    );
    const folder = loadHostDaemon(
      memoryRootFs({ '/lib/systemd/system/docker.service': unit, '/etc/systemd/system/docker.service.d': { kind: 'dir', unreadable: true } }),
    );
    assert.equal(folder.known, false);
    assert.deepEqual(
      folder.diagnostics.map((d) => `${d.severity} ${d.message}`),
      ['warning cannot read /etc/systemd/system/docker.service.d: permission denied: the dockerd command line cannot be known.'],
    );
    // Readable: known, no warning.
    assert.equal(loadHostDaemon(memoryRootFs({ '/lib/systemd/system/docker.service': unit })).known, true);
  });
});
