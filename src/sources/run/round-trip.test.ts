import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerSpec } from '../../model/index.js';
import { scanComposeProject } from '../compose/index.js';
import { memoryFs } from '../fs.js';
import { runLinesToCompose, scanRunCommand } from './index.js';

/** The values of a spec with every location dropped: what both sources must agree on. */
function values(s: ContainerSpec): unknown {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('value' in o && 'at' in o) return strip(o.value);
      return Object.fromEntries(
        Object.entries(o)
          .filter(([k]) => !['at', 'name', 'origin', 'secrets', 'build'].includes(k))
          .map(([k, x]) => [k, strip(x)]),
      );
    }
    return v;
  };
  return strip(s);
}

const LINES = [
  'docker run -d --name api --cpus=1.0 --memory=512m --pids-limit=256 --read-only --tmpfs /run --tmpfs /tmp --cap-drop=ALL --cap-add=NET_BIND_SERVICE --security-opt no-new-privileges:true --security-opt seccomp=/etc/docker/seccomp-restrict.json -u 10001:10001 --network backend ghcr.io/acme/api:1.4',
  'docker run --privileged --net=host --pid host --ipc=host --uts host --userns host --cgroupns host -v /var/run/docker.sock:/var/run/docker.sock -v /srv:/data:ro,z -v cache:/cache --mount type=bind,source=/etc,target=/host/etc,readonly,bind-propagation=rslave --device /dev/sda:/dev/xvda:r nginx',
  'docker run -p 8080:80 -p 127.0.0.1::443 -p [::1]:9000:9000/udp -p 7000-7002:7000-7002 --sysctl net.ipv4.ip_forward=1 --ulimit nofile=1024:2048 -e A=1 -e B -e DB_PASSWORD=hunter2hunter2 --security-opt apparmor=unconfined --security-opt label=disable --security-opt seccomp:unconfined redis:7',
  "docker run --health-cmd 'wget -qO- http://localhost/ || exit 1' --health-interval 30s --health-timeout 5s --health-start-period 1m --health-retries 3 --restart on-failure:5 --log-driver json-file --log-opt max-size=10m --log-opt max-file=3 busybox:1.36",
  'docker run --no-healthcheck --restart=always --log-driver local --cap-add ALL --read-only=false alpine:3.20',
  // Literal dollars: compose must read back each value as written, not interpolate it.
  "docker run -e 'P=pa$$word$1' -e 'Q=${HOME:-x}' -u 'app$1' -v '/srv/$x:/x:ro' --tmpfs '/run/$r' --health-cmd 'echo $HOME' --log-opt 'tag=$t' --security-opt 'label=level:s0$' alpine:3.20",
];

describe('convert run-to-compose round trip', () => {
  for (const [i, line] of LINES.entries()) {
    it(`run line ${i + 1} and its generated compose service give the same ContainerSpec values`, () => {
      const run = scanRunCommand(line, '<run>');
      assert.deepEqual(run.diagnostics, []);
      const converted = runLinesToCompose(line);
      assert.deepEqual(converted.diagnostics, []);
      const compose = scanComposeProject(['/mem/compose.yaml'], memoryFs({ 'compose.yaml': converted.yaml }), {});
      assert.deepEqual(
        compose.diagnostics.filter((d) => d.severity === 'error'),
        [],
        converted.yaml,
      );
      assert.equal(compose.specs.length, 1);
      assert.deepEqual(values(compose.specs[0] as ContainerSpec), values(run.specs[0] as ContainerSpec), converted.yaml);
    });
  }

  it('names the service after --name and lists what compose cannot express', () => {
    const r = runLinesToCompose('docker run --rm --name web --blkio-weight 300 -it nginx:1.27');
    assert.deepEqual(
      r.services.map((s) => [s.name, s.dropped]),
      [['web', ['--rm (`docker compose down` removes the containers)', '--blkio-weight 300']]],
    );
    assert.match(r.yaml, /^# Not carried over/);
    assert.match(r.yaml, /stdin_open: true\n\s+tty: true/);
  });
});
