import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerSpec } from '../../model/index.js';
import { dedent } from '../../testing/dedent.js';
import { memoryFs } from '../fs.js';
import { groupProjects, scanComposeProject } from './index.js';

function scan(files: Record<string, string>, order: string[], env: Record<string, string> = {}) {
  const fs = memoryFs(files);
  return scanComposeProject(
    order.map((f) => `/mem/${f}`),
    fs,
    env,
  );
}
const svc = (specs: ContainerSpec[], name: string) => specs.find((s) => s.name === name) as ContainerSpec;
const at = (s: { at: { source: string; line?: number; column?: number } }) => `${s.at.source}:${s.at.line}:${s.at.column}`;

describe('compose project loading', () => {
  it('a missing extends or include file is one located error where it is named', () => {
    const r = scan(
      {
        'compose.yaml': dedent`
          include:
            - gone.yaml
          services:
            app:
              image: nginx:1.27
              extends:
                file: missing.yaml
                service: base
        `,
      },
      ['compose.yaml'],
    );
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.code} ${at(d)} ${d.message}`),
      ['extends-missing compose.yaml:7:13 extends: no such file "missing.yaml"', 'include-missing compose.yaml:2:5 include: no such file "gone.yaml"'],
    );
  });

  it('merges an override file in order, each value located in the file that set it', () => {
    const r = scan(
      {
        'compose.yaml': dedent`
          services:
            web:
              image: nginx:1.27
              cap_add: [CHOWN]
              ports: ["80:80"]
              environment: { A: "1", B: "2" }
        `,
        'compose.override.yaml': dedent`
          services:
            web:
              image: nginx:1.28
              cap_add: [NET_BIND_SERVICE]
              environment: [B=3]
        `,
      },
      ['compose.yaml', 'compose.override.yaml'],
    );
    assert.deepEqual(r.diagnostics, []);
    const web = svc(r.specs, 'web');
    assert.equal((web.image?.value as { tag: string } | undefined)?.tag, '1.28');
    assert.equal(at(web.image as never), 'compose.override.yaml:3:12');
    assert.deepEqual(
      web.capAdd.map((c) => [c.value, at(c)]),
      [
        ['CHOWN', 'compose.yaml:4:15'],
        ['NET_BIND_SERVICE', 'compose.override.yaml:4:15'],
      ],
    );
    assert.deepEqual(
      web.env.map((e) => [(e.value as { name: string }).name, (e.value as { value: string }).value, e.at.source]),
      [
        ['A', '1', 'compose.yaml'],
        ['B', '3', 'compose.override.yaml'],
      ],
    );
  });

  it('honours !reset and !override', () => {
    const r = scan(
      {
        'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80", "443:443"]\n    privileged: true\n    cap_add: [SYS_ADMIN]\n',
        'compose.override.yaml': 'services:\n  web:\n    ports: !override ["127.0.0.1:8080:80"]\n    privileged: !reset null\n    cap_add: !reset []\n',
      },
      ['compose.yaml', 'compose.override.yaml'],
    );
    const web = svc(r.specs, 'web');
    assert.deepEqual(
      web.ports.map((p) => (p.value as { hostIp?: string }).hostIp),
      ['127.0.0.1'],
    );
    assert.equal(web.privileged, undefined);
    assert.deepEqual(web.capAdd, []);
  });

  it('drops a !reset value in the first file too, and in a part of an override that nothing below defines', () => {
    // compose-go removes reset paths from the merged model after every file, the first one included.
    const r = scan(
      {
        'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: !reset true\n    cap_add: [!reset SYS_ADMIN, NET_BIND_SERVICE]\n',
        'compose.override.yaml': 'services:\n  api:\n    image: nginx:1.27\n    pid: !reset host\n    ports: !override ["127.0.0.1:8080:80"]\n',
      },
      ['compose.yaml', 'compose.override.yaml'],
    );
    const web = svc(r.specs, 'web');
    assert.equal(web.privileged, undefined);
    assert.deepEqual(
      web.capAdd.map((c) => c.value),
      ['NET_BIND_SERVICE'],
    );
    const api = svc(r.specs, 'api');
    assert.equal(api.pidMode, undefined);
    assert.deepEqual(
      api.ports.map((p) => (p.value as { hostIp?: string }).hostIp),
      ['127.0.0.1'],
    );
  });

  it('resolves extends in the same file and in another file, and reports cycles', () => {
    const r = scan(
      {
        'compose.yaml': dedent`
          services:
            base:
              image: app:1
              read_only: true
            web:
              extends: base
              user: "1000"
            api:
              extends: { file: common.yaml, service: hardened }
              image: api:2
            a: { image: x:1, extends: b }
            b: { image: x:1, extends: a }
        `,
        'common.yaml': 'services:\n  hardened:\n    image: base:1\n    cap_drop: [ALL]\n',
      },
      ['compose.yaml'],
    );
    const web = svc(r.specs, 'web');
    assert.equal(web.readonlyRootfs?.value, true);
    assert.equal(at(web.readonlyRootfs as never), 'compose.yaml:4:16');
    const api = svc(r.specs, 'api');
    assert.deepEqual(
      api.capDrop.map((c) => at(c)),
      ['common.yaml:4:16'],
    );
    assert.equal((api.image?.value as { repository: string } | undefined)?.repository, 'library/api');
    assert.deepEqual(
      r.diagnostics.map((d) => [d.code, at(d)]),
      [
        ['extends-cycle', 'compose.yaml:11:20'],
        ['extends-cycle', 'compose.yaml:12:20'],
      ],
    );
  });

  it('resolves a chain of 3,000 extends, each service once (s0 reaches what only s2999 sets)', () => {
    const n = 3000;
    const lines = ['services:'];
    for (let i = 0; i < n - 1; i++) lines.push(`  s${i}: { extends: s${i + 1}${i % 1000 === 500 ? `, user: "${i}"` : ''} }`);
    lines.push(`  s${n - 1}: { image: nginx:1.27, read_only: true }`);
    const r = scan({ 'compose.yaml': `${lines.join('\n')}\n` }, ['compose.yaml']);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.specs.length, n);
    const s0 = svc(r.specs, 's0');
    assert.equal((s0.image?.value as { tag: string } | undefined)?.tag, '1.27');
    assert.equal(at(s0.image as never), `compose.yaml:${n + 1}:19`);
    assert.equal(s0.readonlyRootfs?.value, true);
    // The nearest base that sets user wins: s500 for s0..s500, s1500 for s501..s1500, none past s2500.
    assert.deepEqual(
      ['s0', 's500', 's501', 's1500', 's2000', 's2500', 's2501', 's2999'].map((name) => svc(r.specs, name).user?.value),
      ['500', '500', '1500', '1500', '2500', '2500', undefined, undefined],
    );
    assert.equal(at(svc(r.specs, 's0').user as never), 'compose.yaml:502:32');
  });

  it('reports a cycle at the end of a long chain once per service on it, located at its extends key', () => {
    const n = 3000;
    const lines = ['services:'];
    // s0 -> s1 -> ... -> s2999 -> s2997: the cycle is s2997 -> s2998 -> s2999 -> s2997.
    for (let i = 0; i < n; i++) lines.push(`  s${i}: { image: x:1, extends: s${i === n - 1 ? n - 3 : i + 1} }`);
    const r = scan({ 'compose.yaml': `${lines.join('\n')}\n` }, ['compose.yaml']);
    assert.deepEqual(
      r.diagnostics.map((d) => [d.code, at(d), d.message]),
      [
        ['extends-cycle', `compose.yaml:${n - 1}:24`, 'extends cycle: s2997 -> s2998 -> s2999 -> s2997'],
        ['extends-cycle', `compose.yaml:${n}:24`, 'extends cycle: s2998 -> s2999 -> s2997 -> s2998'],
        ['extends-cycle', `compose.yaml:${n + 1}:24`, 'extends cycle: s2999 -> s2997 -> s2998 -> s2999'],
      ],
    );
  });

  it('reports a cycle through 3,000 services with a shortened message', () => {
    const n = 3000;
    const lines = ['services:'];
    for (let i = 0; i < n; i++) lines.push(`  s${i}: { extends: s${(i + 1) % n} }`);
    const r = scan({ 'compose.yaml': `${lines.join('\n')}\n` }, ['compose.yaml']);
    assert.equal(r.diagnostics.length, n);
    assert.ok(r.diagnostics.every((d) => d.code === 'extends-cycle'));
    assert.deepEqual(
      [r.diagnostics[0], r.diagnostics[n - 1]].map((d) => [at(d as never), d?.message]),
      [
        ['compose.yaml:2:9', 'extends cycle: s0 -> s1 -> s2 -> s3 -> s4 -> s5 -> … 2989 more … -> s2995 -> s2996 -> s2997 -> s2998 -> s2999 -> s0'],
        [
          `compose.yaml:${n + 1}:12`,
          'extends cycle: s2999 -> s0 -> s1 -> s2 -> s3 -> s4 -> … 2989 more … -> s2994 -> s2995 -> s2996 -> s2997 -> s2998 -> s2999',
        ],
      ],
    );
  });

  it('resolves extends chains across files once, and reports a missing base once', () => {
    const r = scan(
      {
        'compose.yaml': dedent`
          services:
            web: { extends: { file: lib/base.yaml, service: mid } }
            api: { extends: { file: lib/base.yaml, service: mid }, user: "1000" }
            bad: { extends: ghost }
            worse: { extends: bad }
        `,
        'lib/base.yaml': 'services:\n  mid: { extends: root, cap_drop: [ALL] }\n  root: { image: app:1, read_only: true }\n',
      },
      ['compose.yaml'],
    );
    assert.deepEqual(
      r.diagnostics.map((d) => [d.code, at(d), d.message]),
      [['extends-missing', 'compose.yaml:4:19', 'extends: service "ghost" not found']],
    );
    for (const name of ['web', 'api']) {
      const s = svc(r.specs, name);
      assert.equal(at(s.readonlyRootfs as never), 'lib/base.yaml:3:36');
      assert.deepEqual(
        s.capDrop.map((c) => at(c)),
        ['lib/base.yaml:2:36'],
      );
    }
    assert.equal(svc(r.specs, 'api').user?.value, '1000');
  });

  it("resolves a build context an extends base in another file writes against that file's folder", () => {
    const r = scan(
      {
        'main/compose.yaml': dedent`
          services:
            m: { extends: { file: ../other/base.yaml, service: b } }
            dev:
              extends: { file: ../other/base.yaml, service: b }
              build: { dockerfile: Dockerfile.dev }
            own: { extends: { file: ../other/base.yaml, service: b }, build: ./app }
            nocontext: { extends: { file: ../other/base.yaml, service: nc } }
            local: { extends: here }
            here: { build: ./here }
        `,
        'other/base.yaml': 'services:\n  b:\n    build: .\n  nc:\n    build: { dockerfile: Dockerfile.x }\n',
      },
      ['main/compose.yaml'],
    );
    assert.deepEqual(r.diagnostics, []);
    const build = (name: string) => {
      const b = svc(r.specs, name).build;
      return b && `${b.baseDir} ${b.context} ${b.dockerfile}`;
    };
    assert.equal(build('m'), '/mem/other . Dockerfile');
    // A long form merged over a short one keeps its context, as compose-go's mergeBuildNode does.
    assert.equal(build('dev'), '/mem/other . Dockerfile.dev');
    assert.equal(build('own'), '/mem/main ./app Dockerfile');
    // No context written: compose's default "." is the extending project's folder.
    assert.equal(build('nocontext'), '/mem/main . Dockerfile.x');
    assert.equal(build('local'), '/mem/main ./here Dockerfile');
  });

  it('merges a short build: over a long one and the other way round', () => {
    const r = scan(
      {
        'compose.yaml': 'services:\n  a: { build: ./app }\n  b: { build: { context: ./b, target: prod } }\n',
        'compose.override.yaml': 'services:\n  a: { build: { dockerfile: Dockerfile.dev } }\n  b: { build: ./b2 }\n',
      },
      ['compose.yaml', 'compose.override.yaml'],
    );
    assert.deepEqual(r.diagnostics, []);
    const a = svc(r.specs, 'a').build;
    assert.deepEqual([a?.context, a?.dockerfile], ['./app', 'Dockerfile.dev']);
    const b = svc(r.specs, 'b').build;
    assert.deepEqual([b?.context, b?.target?.value, at(b?.target as never)], ['./b2', 'prod', 'compose.yaml:3:39']);
  });

  it('adds services from include', () => {
    const r = scan(
      {
        'compose.yaml': 'include:\n  - db/compose.yaml\nservices:\n  web: { image: nginx:1.27 }\n',
        'db/compose.yaml': 'services:\n  db: { image: postgres:16, privileged: true }\n',
      },
      ['compose.yaml'],
    );
    assert.deepEqual(r.specs.map((s) => s.name).sort(), ['db', 'web']);
    assert.equal(at(svc(r.specs, 'db').privileged as never), 'db/compose.yaml:2:41');
  });

  it('reads an include with a list of paths as one project, later files merged over the first', () => {
    const r = scan(
      {
        'compose.yaml': dedent`
          include:
            - path: [other/a.yaml, other/a.override.yaml, other/a.debug.yaml]
          services:
            web: { image: nginx:1.27 }
        `,
        'other/a.yaml': 'services:\n  oa: { image: nginx:1.27, user: "1000" }\n',
        'other/a.override.yaml': 'services:\n  oa:\n    pid: host\n    privileged: true\n',
        'other/a.debug.yaml': 'services:\n  oa:\n    user: "0"\n  dbg: { image: busybox:1.36 }\n',
      },
      ['compose.yaml'],
    );
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.specs.map((s) => s.name).sort(), ['dbg', 'oa', 'web']);
    const oa = svc(r.specs, 'oa');
    assert.equal(at(oa.image as never), 'other/a.yaml:2:16');
    assert.equal(at(oa.privileged as never), 'other/a.override.yaml:4:17');
    assert.equal(at(oa.pidMode as never), 'other/a.override.yaml:3:10');
    assert.equal(oa.user?.value, '0');
    assert.equal(at(oa.user as never), 'other/a.debug.yaml:3:11');
    assert.deepEqual(r.project.read.sort(), ['/mem/compose.yaml', '/mem/other/a.debug.yaml', '/mem/other/a.override.yaml', '/mem/other/a.yaml']);
  });

  it('an override file of the project merges over a service its main file includes, as compose does', () => {
    const r = scan(
      {
        'compose.yaml': 'include:\n  - db/compose.yaml\n',
        'db/compose.yaml': 'services:\n  db: { image: postgres:16, read_only: true }\n',
        'compose.override.yaml': 'services:\n  db:\n    privileged: true\n',
      },
      ['compose.yaml', 'compose.override.yaml'],
    );
    assert.deepEqual(r.diagnostics, []);
    const db = svc(r.specs, 'db');
    assert.equal(at(db.image as never), 'db/compose.yaml:2:16');
    assert.equal(at(db.readonlyRootfs as never), 'db/compose.yaml:2:40');
    assert.equal(at(db.privileged as never), 'compose.override.yaml:3:17');
  });

  it("interpolates an included project with its env_file, else its folder's .env; the including project's variables win", () => {
    const r = scan(
      {
        'compose.yaml': dedent`
          include:
            - path: other/a.yaml
              env_file: [other/custom.env, other/more.env]
            - db/compose.yaml
          services:
            web: { image: "nginx:\${TAG}" }
        `,
        '.env': 'TAG=1.27\n',
        'other/a.yaml': 'services:\n  oa:\n    image: nginx:${TAG}\n    network_mode: ${NETMODE}\n    user: ${USR}\n',
        'other/custom.env': 'NETMODE=bridge\nTAG=0.1\nUSR=0\n',
        'other/more.env': 'NETMODE=host\n',
        // Not read: the entry names its env files.
        'other/.env': 'USR=1000\n',
        'db/compose.yaml': 'services:\n  db:\n    image: postgres:16\n    pid: ${PIDMODE}\n    user: ${USR}\n',
        'db/.env': 'PIDMODE=host\nUSR=70\n',
      },
      ['compose.yaml'],
      { USR: '999' },
    );
    assert.deepEqual(r.diagnostics, []);
    const oa = svc(r.specs, 'oa');
    assert.equal(oa.networkMode?.value, 'host');
    assert.equal(at(oa.networkMode as never), 'other/a.yaml:4:19');
    assert.equal((oa.image?.value as { tag: string } | undefined)?.tag, '1.27');
    assert.equal(oa.user?.value, '999');
    const db = svc(r.specs, 'db');
    assert.equal(db.pidMode?.value, 'host');
    assert.equal(at(db.pidMode as never), 'db/compose.yaml:4:10');
    assert.equal(db.user?.value, '999');
  });

  it('an env_file an include names that is not there is a located error, and that include is left out', () => {
    const r = scan(
      {
        'compose.yaml': 'include:\n  - path: other/a.yaml\n    env_file: other/gone.env\nservices:\n  web: { image: nginx:1.27 }\n',
        'other/a.yaml': 'services:\n  oa: { image: nginx:1.27 }\n',
      },
      ['compose.yaml'],
    );
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.code} ${at(d)} ${d.message}`),
      ['include-missing compose.yaml:3:15 include: no such env file "other/gone.env"'],
    );
    assert.deepEqual(
      r.specs.map((s) => s.name),
      ['web'],
    );
  });

  it("an included project's .env that is there but cannot be read is a located error, and that include is left out", () => {
    // A folder named .env is skipped, as compose-go skips it (include-env.test.ts); a file it cannot read is not.
    const reader = memoryFs({
      'compose.yaml': 'include:\n  - other/a.yaml\nservices:\n  web: { image: nginx:1.27 }\n',
      'other/a.yaml': 'services:\n  oa: { image: nginx:1.27, privileged: ${PRIV} }\n',
      'other/.env': { error: 'EACCES', size: 10 },
    });
    const r = scanComposeProject(['/mem/compose.yaml'], reader, {});
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.code} ${at(d)} ${d.message}`),
      [
        'unreadable compose.yaml:2:5 include: cannot read env file "other/.env": permission denied; the include is not read (the values it interpolates would be guesses)',
      ],
    );
    assert.deepEqual(
      r.specs.map((s) => s.name),
      ['web'],
    );
  });

  it("an included file in a folder that cannot be entered is the error, not its folder's .env: compose-go skips a .env it cannot stat", () => {
    const fs = memoryFs({
      'compose.yaml': 'include: [sec/inc.yaml]\nservices:\n  web: { image: nginx:1.27 }\n',
      // No size: neither can be stat'ed (chmod 000 sec).
      'sec/inc.yaml': { error: 'EACCES' },
      'sec/.env': { error: 'EACCES' },
    });
    const r = scanComposeProject(['/mem/compose.yaml'], fs, {});
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.code} ${at(d)} ${d.message}`),
      ['unreadable compose.yaml:1:11 include: cannot read "sec/inc.yaml": permission denied'],
    );
  });

  it("reads an include's relative paths and .env from its project_directory", () => {
    const r = scan(
      {
        'compose.yaml': 'include:\n  - path: stacks/app.yaml\n    project_directory: app\n',
        'stacks/app.yaml': 'include:\n  - db.yaml\nservices:\n  app:\n    build: .\n    network_mode: ${NETMODE}\n',
        'app/db.yaml': 'services:\n  db: { image: postgres:16 }\n',
        'app/.env': 'NETMODE=host\n',
      },
      ['compose.yaml'],
    );
    assert.deepEqual(r.diagnostics, []);
    const app = svc(r.specs, 'app');
    assert.equal(app.networkMode?.value, 'host');
    assert.equal(app.build?.baseDir, '/mem/app');
    assert.deepEqual(r.specs.map((s) => s.name).sort(), ['app', 'db']);
  });

  it('an include cycle is a located error where the file that closes it names it; the rest is still read', () => {
    const r = scan(
      {
        'compose.yaml': 'include:\n  - b.yaml\nservices:\n  web: { image: nginx:1.27 }\n',
        'b.yaml': 'include:\n  - sub/c.yaml\nservices:\n  bb: { image: nginx:1.27 }\n',
        'sub/c.yaml': 'include:\n  - ../compose.yaml\n  - ../b.yaml\nservices:\n  cc: { image: nginx:1.27 }\n',
        'self.yaml': 'include:\n  - path: [self.yaml]\nservices:\n  s: { image: nginx:1.27 }\n',
      },
      ['compose.yaml'],
    );
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.code} ${at(d)} ${d.message}`),
      [
        'include-cycle sub/c.yaml:2:5 include cycle: compose.yaml -> b.yaml -> sub/c.yaml -> compose.yaml',
        'include-cycle sub/c.yaml:3:5 include cycle: b.yaml -> sub/c.yaml -> b.yaml',
      ],
    );
    assert.deepEqual(r.specs.map((s) => s.name).sort(), ['bb', 'cc', 'web']);
    const self = scan({ 'self.yaml': 'include:\n  - path: [self.yaml]\nservices:\n  s: { image: nginx:1.27 }\n' }, ['self.yaml']);
    assert.deepEqual(
      self.diagnostics.map((d) => `${d.code} ${at(d)} ${d.message}`),
      ['include-cycle self.yaml:2:12 include cycle: self.yaml -> self.yaml'],
    );
  });

  it('a file included twice through two includes is no cycle and no conflict', () => {
    const r = scan(
      {
        'compose.yaml': 'include:\n  - a/compose.yaml\n  - b/compose.yaml\n',
        'a/compose.yaml': 'include:\n  - ../common.yaml\nservices:\n  a: { image: nginx:1.27 }\n',
        'b/compose.yaml': 'include:\n  - ../common.yaml\nservices:\n  b: { image: nginx:1.27 }\n',
        'common.yaml': 'services:\n  db: { image: postgres:16 }\nnetworks:\n  back: {}\n',
      },
      ['compose.yaml'],
    );
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.specs.map((s) => s.name).sort(), ['a', 'b', 'db']);
  });

  it('a resource defined by the file and an include with other settings is a located error; the first definition is kept', () => {
    const r = scan(
      {
        'compose.yaml': dedent`
          include:
            - b.yaml
            - c.yaml
          services:
            web: { image: nginx:1.27 }
            same: { image: nginx:1.27 }
          networks:
            front: { internal: true }
        `,
        'b.yaml':
          'services:\n  web: { image: nginx:1.27, privileged: true }\n  same: { image: nginx:1.27 }\n  db: { image: postgres:16 }\nnetworks:\n  front: {}\n',
        'c.yaml': 'services:\n  db: { image: postgres:16, pid: host }\n',
      },
      ['compose.yaml'],
    );
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.code} ${at(d)} ${d.message}`),
      [
        'include-conflict compose.yaml:5:3 services.web conflicts with imported resource: b.yaml:2:3 defines it with other settings',
        'include-conflict compose.yaml:8:3 networks.front conflicts with imported resource: b.yaml:6:3 defines it with other settings',
        'include-conflict compose.yaml:3:5 services.db conflicts with imported resource: c.yaml:2:3 defines it with other settings',
      ],
    );
    assert.deepEqual(r.specs.map((s) => s.name).sort(), ['db', 'same', 'web']);
    assert.equal(svc(r.specs, 'web').privileged, undefined);
    assert.equal(svc(r.specs, 'db').pidMode, undefined);
  });

  it('reads at most 1,000 includes in one project (a lattice of includes grows exponentially)', () => {
    const files: Record<string, string> = { 'compose.yaml': 'include:\n  - l0a.yaml\n  - l0b.yaml\n' };
    for (let i = 0; i < 20; i++) {
      for (const x of ['a', 'b'])
        files[`l${i}${x}.yaml`] = `include:\n  - l${i + 1}a.yaml\n  - l${i + 1}b.yaml\nservices:\n  s${i}${x}: { image: nginx:1.27 }\n`;
    }
    files['l20a.yaml'] = 'services:\n  end: { image: nginx:1.27 }\n';
    files['l20b.yaml'] = 'services:\n  end: { image: nginx:1.27 }\n';
    const started = Date.now();
    const r = scan(files, ['compose.yaml']);
    assert.ok(Date.now() - started < 5000);
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.code} ${at(d)} ${d.message}`),
      ['too-large l18b.yaml:3:5 include: more than 1000 includes in one project; the rest are not read'],
    );
  });

  it('a missing file in an include list is one located error, and that include is left out', () => {
    const r = scan(
      {
        'compose.yaml': 'include:\n  - path:\n      - a.yaml\n      - a.gone.yaml\nservices:\n  web: { image: nginx:1.27 }\n',
        'a.yaml': 'services:\n  oa: { image: nginx:1.27 }\n',
      },
      ['compose.yaml'],
    );
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.code} ${at(d)} ${d.message}`),
      ['include-missing compose.yaml:4:9 include: no such file "a.gone.yaml"'],
    );
    assert.deepEqual(
      r.specs.map((s) => s.name),
      ['web'],
    );
  });

  it('interpolates from .env, overridden by the environment', () => {
    const r = scan({ 'compose.yaml': 'services:\n  web:\n    image: nginx:${TAG}\n    user: ${UID_}\n', '.env': 'TAG=1.25\nUID_=1000\n' }, ['compose.yaml'], {
      UID_: '0',
    });
    const web = svc(r.specs, 'web');
    assert.equal((web.image?.value as { tag: string } | undefined)?.tag, '1.25');
    assert.equal(web.user?.value, '0');
  });

  it('keeps list-style merge keys <<: [*a, *b], first map wins', () => {
    const r = scan(
      {
        'compose.yaml':
          'x-a: &a { user: "1", read_only: true }\nx-b: &b { user: "2", privileged: true }\nservices:\n  web:\n    <<: [*a, *b]\n    image: nginx:1.27\n',
      },
      ['compose.yaml'],
    );
    const web = svc(r.specs, 'web');
    assert.equal(web.user?.value, '1');
    assert.equal(web.privileged?.value, true);
    assert.equal(web.readonlyRootfs?.value, true);
  });
});

describe('compose input errors', () => {
  it('locates YAML syntax errors and keeps going', () => {
    const r = scan({ 'compose.yaml': 'services:\n  web:\n    image: [unclosed\n' }, ['compose.yaml']);
    assert.equal(r.specs.length, 0);
    assert.equal(r.diagnostics[0]?.code, 'yaml-syntax');
    assert.equal(r.diagnostics[0]?.at.source, 'compose.yaml');
    assert.ok((r.diagnostics[0]?.at.line ?? 0) >= 3);
  });
  it('refuses duplicate keys, as compose does', () => {
    const r = scan({ 'compose.yaml': 'services:\n  web:\n    image: a:1\n    image: b:1\n' }, ['compose.yaml']);
    assert.equal(r.diagnostics[0]?.code, 'yaml-syntax');
    assert.equal(r.diagnostics[0]?.at.line, 4);
  });
  it('refuses an alias bomb', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    lines.push('services: {}');
    const r = scan({ 'compose.yaml': `${lines.join('\n')}\n` }, ['compose.yaml']);
    assert.equal(r.diagnostics[0]?.code, 'alias-bomb');
    assert.equal(r.diagnostics[0]?.at.source, 'compose.yaml');
  });
  it('refuses values compose refuses, with their location', () => {
    const r = scan({ 'compose.yaml': 'services:\n  web:\n    image: Nginx\n    ports: ["80/icmp"]\n    privileged: maybe\n    mem_limit: lots\n' }, [
      'compose.yaml',
    ]);
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.code} ${d.at.line}:${d.at.column}`),
      ['invalid-value 3:12', 'invalid-value 5:17', 'invalid-value 4:13', 'invalid-value 6:16'],
    );
  });
  it('refuses what compose refuses: an empty file, services as a list, an empty service', () => {
    const cases: [string, string][] = [
      ['', 'not-a-mapping 1:1 empty compose file'],
      ['# only a comment\n', 'not-a-mapping 1:1 empty compose file'],
      ['services:\n  - web\n', 'not-a-mapping 2:3 "services" must be a mapping of service names'],
      ['services:\n  web:\n', 'invalid-value 2:7 service "web" must be a mapping'],
    ];
    for (const [text, want] of cases) {
      const r = scan({ 'compose.yaml': text }, ['compose.yaml']);
      assert.deepEqual(
        r.diagnostics.map((d) => `${d.code} ${d.at.line}:${d.at.column} ${d.message}`),
        [want],
        JSON.stringify(text),
      );
      assert.equal(r.specs.length, 0);
    }
  });
  it('a refused value is unknown to the rules, not missing', () => {
    const r = scan({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: lots\n    read_only: maybe\n' }, ['compose.yaml']);
    const web = svc(r.specs, 'web');
    assert.equal((web.limits.memoryBytes?.value as { reason: string } | undefined)?.reason, '"lots" is not a valid value');
    assert.equal((web.readonlyRootfs?.value as { reason: string } | undefined)?.reason, '"maybe" is not a valid value');
  });
  it('refuses binary files and an unclosed ${', () => {
    const b = scan({ 'compose.yaml': 'services:\n  web:\u0000' }, ['compose.yaml']);
    assert.deepEqual(
      b.diagnostics.map((d) => `${d.code} ${d.at.line}:${d.at.column}`),
      ['binary 2:7'],
    );
    const deep = scan({ 'compose.yaml': `${'['.repeat(5000)}${']'.repeat(5000)}\n` }, ['compose.yaml']);
    assert.deepEqual(
      deep.diagnostics.map((d) => `${d.code} ${d.at.line}:${d.at.column} ${d.message}`),
      ['yaml-syntax 1:257 YAML nesting is deeper than 256 levels; not scanned'],
    );
    const i = scan({ 'compose.yaml': 'services:\n  web:\n    image: "nginx:${TAG"\n' }, ['compose.yaml']);
    assert.deepEqual(
      i.diagnostics.map((d) => `${d.code} ${d.at.line}:${d.at.column}`),
      ['invalid-interpolation 3:12'],
    );
  });
});

describe('groupProjects (discovery)', () => {
  const exists = (set: string[]) => (abs: string) => set.includes(abs);
  it('pairs a main file with its override and variants, and keeps standalone files alone', () => {
    const files = [
      '/p/compose.yaml',
      '/p/compose.override.yaml',
      '/p/compose.prod.yaml',
      '/p/docker-compose.ci.yml',
      '/p/tools.compose.yaml',
      '/q/docker-compose.yml',
      '/r/compose.dev.yaml',
    ];
    assert.deepEqual(groupProjects(files, exists(files)), [
      ['/p/compose.yaml', '/p/compose.override.yaml'],
      ['/p/compose.yaml', '/p/compose.prod.yaml'],
      ['/p/compose.yaml', '/p/docker-compose.ci.yml'],
      ['/p/tools.compose.yaml'],
      ['/q/docker-compose.yml'],
      ['/r/compose.dev.yaml'],
    ]);
  });
  it('prefers compose.yaml and scans a second main-named file on its own', () => {
    const files = ['/p/compose.yaml', '/p/docker-compose.yml'];
    assert.deepEqual(groupProjects(files, exists(files)), [['/p/compose.yaml'], ['/p/docker-compose.yml']]);
  });
});
