import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { runLinesToCompose } from './index.js';

describe('runLinesToCompose: a compose file compose accepts', () => {
  it('declares the named volumes and (external) networks the service uses', () => {
    const r = runLinesToCompose('docker run --rm -d -e FOO=bar -v data:/data -v /srv:/srv -v /anon --network mynet alpine:3.20 sh');
    assert.deepEqual(r.diagnostics, []);
    const doc = parse(r.yaml) as Record<string, unknown>;
    assert.deepEqual(doc.volumes, { data: {} });
    assert.deepEqual(doc.networks, { mynet: { external: true } });
    assert.deepEqual((doc.services as Record<string, { networks: string[] }>).app?.networks, ['mynet']);
  });

  it('writes --gpus as compose gpus: all for --gpus all, else one request per flag; a run-time value is listed, not written', () => {
    const gpus = (line: string) => {
      const r = runLinesToCompose(line);
      assert.deepEqual(r.diagnostics, []);
      return [(parse(r.yaml) as { services: Record<string, { gpus?: unknown }> }).services.app?.gpus, r.services[0]?.dropped];
    };
    assert.deepEqual(gpus('docker run --gpus all x:1'), ['all', []]);
    assert.deepEqual(gpus('docker run --gpus 2 x:1'), [[{ count: 2 }], []]);
    assert.deepEqual(gpus(`docker run --gpus '"device=0,1"' x:1`), [[{ device_ids: ['0', '1'] }], []]);
    assert.deepEqual(gpus('docker run --gpus driver=nvidia,count=1,capabilities=compute x:1'), [
      [{ driver: 'nvidia', count: 1, capabilities: ['compute'] }],
      [],
    ]);
    assert.deepEqual(gpus('docker run --gpus $G --gpus 1 x:1'), [[{ count: 1 }], ['--gpus ${G} (known only at run time: write gpus: for the value it takes)']]);
  });

  it('writes no top-level sections when no named volume or network is used', () => {
    const doc = parse(runLinesToCompose('docker run --network host -v /srv:/srv nginx:1.27').yaml) as Record<string, unknown>;
    assert.deepEqual(Object.keys(doc), ['services']);
  });

  it('merges the top-level entries of several run lines', () => {
    const r = runLinesToCompose(
      'docker run -v data:/a --network front nginx:1.27\ndocker run --mount type=volume,source=logs,target=/l --network back nginx:1.27',
    );
    const doc = parse(r.yaml) as Record<string, unknown>;
    assert.deepEqual(doc.volumes, { data: {}, logs: {} });
    assert.deepEqual(doc.networks, { front: { external: true }, back: { external: true } });
  });

  it('lists --rm, -d and --cidfile in the top comment, and not --name', () => {
    const r = runLinesToCompose('docker run --rm -d --cidfile /tmp/id --name api nginx:1.27');
    assert.deepEqual(r.services[0]?.dropped, ['--rm (`docker compose down` removes the containers)', '-d (use `docker compose up -d`)', '--cidfile /tmp/id']);
    assert.match(r.yaml, /^# Not carried over \(no compose equivalent\):\n# {3}api: --rm .*\n# {3}api: -d .*\n# {3}api: --cidfile \/tmp\/id\n/);
  });
});

describe('runLinesToCompose: values compose would not interpolate or parse as written', () => {
  it('quotes a key written <<, which YAML readers with merge keys (compose, Bulwark) would take for a merge', () => {
    const r = runLinesToCompose("docker run -e '<<=1' --network '<<' nginx:1.27");
    assert.match(r.yaml, /\n {6}"<<": "1"\n/);
    assert.match(r.yaml, /\nnetworks:\n {2}"<<":\n {4}external: true\n/);
    const doc = parse(r.yaml, { merge: true }) as { services: { app: { environment: Record<string, string> } }; networks: Record<string, unknown> };
    assert.deepEqual(doc.services.app.environment, { '<<': '1' });
    assert.deepEqual(Object.keys(doc.networks), ['<<']);
  });

  it('doubles every literal $ and writes shell variables as compose interpolation', () => {
    const r = runLinesToCompose(`docker run -e 'P=pa$$word$1' --label 'x=\${A:-b}' nginx:1.27 sh -c 'echo $HOME'`);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(
      r.yaml,
      [
        'services:',
        '  app:',
        '    image: nginx:1.27',
        '    command:',
        '      - sh',
        '      - -c',
        '      - echo $$HOME',
        '    environment:',
        '      P: pa$$$$word$$1',
        '    labels:',
        '      x: $${A:-b}',
        '',
      ].join('\n'),
    );
  });

  it('keeps the literal parts of a value with a variable, each $ of them doubled', () => {
    const r = runLinesToCompose(
      `docker run -e "H=$HOME/x" -e 'Q='"$USER"'$lit' -u "$UID:1000" -v "$PWD/\\$d:/data" --label "y=\${Y:-a}-z" --log-driver json-file --log-opt "tag=$TAG-x" --health-cmd "curl $URL/\\$h" nginx:1.27`,
    );
    assert.deepEqual(r.diagnostics, []);
    const app = (parse(r.yaml) as { services: Record<string, Record<string, unknown>> }).services.app;
    assert.deepEqual(app?.environment, { H: '${HOME}/x', Q: '${USER}$$lit' });
    assert.equal(app?.user, '${UID}:1000');
    assert.deepEqual(app?.volumes, [{ type: 'bind', source: '${PWD}/$$d', target: '/data' }]);
    assert.deepEqual(app?.labels, { y: '${Y:-a}-z' });
    assert.deepEqual(app?.logging, { driver: 'json-file', options: { tag: '${TAG}-x' } });
    assert.deepEqual(app?.healthcheck, { test: ['CMD-SHELL', 'curl ${URL}/$$h'] });
  });

  it('warns about run-time parts compose cannot compute, and writes them as literal text', () => {
    const r = runLinesToCompose('docker run nginx:1.27 echo "$(date)" $1');
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.code} ${d.severity} ${d.at.line}:${d.at.column}`),
      ['invalid-interpolation warning 1:28', 'invalid-interpolation warning 1:38'],
    );
    assert.deepEqual((parse(r.yaml) as { services: Record<string, { command: string[] }> }).services.app?.command, ['echo', '$$(date)', '$$1']);
  });

  it('refuses a container name the daemon refuses, and characters a YAML reader takes for line breaks', () => {
    const name = runLinesToCompose('docker run --name "api\n    privileged: true" nginx:1.27');
    assert.deepEqual(
      name.diagnostics.map((d) => `${d.code} ${d.severity} ${d.at.line}:${d.at.column}`),
      ['invalid-value error 1:12'],
    );
    assert.equal(runLinesToCompose('docker run --name a nginx:1.27').diagnostics[0]?.code, 'invalid-value');
    assert.deepEqual(runLinesToCompose('docker run --name "" --name /api-1.x nginx:1.27').diagnostics, []);
    for (const c of ['\u2028', '\u2029', '\u0085', '\u007f', '\ufeff']) {
      const r = runLinesToCompose(`docker run --label "x=a${c}privileged:" nginx:1.27`);
      assert.deepEqual(
        r.diagnostics.map((d) => `${d.code} ${d.severity} ${d.at.line}:${d.at.column}`),
        ['invalid-value error 1:20'],
        JSON.stringify(c),
      );
      assert.equal(r.yaml, '');
    }
  });

  it('writes newlines and other control characters in labels and values quoted, as one key each', () => {
    const r = runLinesToCompose("docker run --label $'k\\ney: v=1\\n  privileged: true' -e $'A=x\\nprivileged: true' -e $'B=\\x1b[31m' nginx:1.27");
    assert.deepEqual(r.diagnostics, []);
    const app = (parse(r.yaml) as { services: Record<string, Record<string, unknown>> }).services.app;
    assert.deepEqual(Object.keys(app ?? {}), ['image', 'environment', 'labels']);
    assert.deepEqual(app?.labels, { 'k\ney: v': '1\n  privileged: true' });
    assert.deepEqual(app?.environment, { A: 'x\nprivileged: true', B: '\u001b[31m' });
  });
});
