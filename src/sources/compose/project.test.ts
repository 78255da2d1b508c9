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
    assert.equal(deep.diagnostics[0]?.message, 'YAML nesting is too deep to read; not scanned');
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
