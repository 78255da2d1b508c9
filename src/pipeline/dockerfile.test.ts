import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings } from '../check/index.js';
import { type MemoryProblem, memoryFs } from '../sources/fs.js';
import { composeHandler } from './compose.js';
import { checkDockerfile } from './dockerfile.js';
import type { ScanContext } from './types.js';

const DOCKERFILE = 'FROM alpine:3.20\nUSER 10001\nCOPY . /app\n';
const context = (files: Record<string, string | MemoryProblem>): ScanContext => ({ fs: memoryFs(files), env: {}, settings: defaultSettings });
const rules = (r: { findings: { ruleId: string }[] }) => [...new Set(r.findings.map((f) => f.ruleId))].sort();
const shown = (r: { diagnostics: { severity: string; code: string; message: string; at: { source: string } }[] }) =>
  r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.at.source}: ${d.message}`);

describe('a .dockerignore that cannot be read', () => {
  it('without one, BW2012 reports the context', () => {
    const r = checkDockerfile('/mem/ctx/Dockerfile', '/mem/ctx', context({ 'ctx/Dockerfile': DOCKERFILE }));
    assert.deepEqual(shown(r), []);
    assert.ok(rules(r).includes('BW2012'));
  });

  const cases: [string, string, MemoryProblem, string][] = [
    ['without permission', 'ctx/.dockerignore', { error: 'EACCES', size: 5 }, 'permission denied'],
    ['in a folder that cannot be searched', 'ctx/.dockerignore', { error: 'EACCES' }, 'permission denied'],
    ['that is a folder', 'ctx/.dockerignore', { error: 'EISDIR' }, 'a folder, not a file'],
    [
      'beside the Dockerfile (Dockerfile.dockerignore, which BuildKit prefers)',
      'ctx/Dockerfile.dockerignore',
      { error: 'EACCES', size: 5 },
      'permission denied',
    ],
  ];
  for (const [what, file, problem, reason] of cases) {
    it(`${what}: an unreadable error at it, no false BW2012, and the Dockerfile's other rules still run`, () => {
      const r = checkDockerfile('/mem/ctx/Dockerfile', '/mem/ctx', context({ 'ctx/Dockerfile': DOCKERFILE, [file]: problem }));
      assert.deepEqual(shown(r), [
        `error unreadable ${file}: cannot read this .dockerignore: ${reason}; whether the build context keeps secrets and VCS data out cannot be known`,
      ]);
      assert.equal(r.subjects, 1);
      assert.ok(!rules(r).includes('BW2012'), rules(r).join(' '));
      assert.ok(rules(r).includes('BW2005'), 'the base image rule still runs');
    });
  }
});

describe('a compose build whose Dockerfile cannot be read', () => {
  const COMPOSE = 'services:\n  app:\n    build: ./ctx\n';
  const scan = (files: Record<string, string | MemoryProblem>) =>
    composeHandler.scan(['/mem/compose.yaml'], new Set(), context({ 'compose.yaml': COMPOSE, ...files }));

  it('not there: a warning (the context is not part of this scan)', () => {
    assert.deepEqual(shown(scan({})), [
      `warning unreadable compose.yaml: service "app" builds from ctx/Dockerfile, which is not there; the image's user and health check stay unknown`,
    ]);
  });

  it('in a context folder without permission: an unreadable error that says so, not "not there"', () => {
    assert.deepEqual(shown(scan({ 'ctx/Dockerfile': { error: 'EACCES' } })), [
      `error unreadable compose.yaml: service "app" builds from ctx/Dockerfile, which cannot be read (permission denied); the image's user and health check stay unknown`,
    ]);
  });
});

describe('build.args replace the ARG defaults of the Dockerfile a service builds', () => {
  const COMPOSE = [
    'services:',
    '  app:',
    '    build: {context: ., args: {APP_USER: root}}',
    '  ok:',
    '    build: .',
    '  listed:',
    '    build: {context: ., args: [APP_USER]}',
    '  var:',
    '    build: {context: ., args: ["APP_USER=${WHO}"]}',
    '  other:',
    '    build: {context: ., args: {OTHER: root}}',
    '',
  ].join('\n');
  const DF = 'FROM alpine:3.20\nARG APP_USER=app\nHEALTHCHECK CMD true\nUSER ${APP_USER}\n';
  const bw1030 = (env: Record<string, string>) =>
    composeHandler
      .scan(['/mem/compose.yaml'], new Set(), { ...context({ 'compose.yaml': COMPOSE, Dockerfile: DF }), env })
      .findings.filter((f) => f.ruleId === 'BW1030')
      .map((f) => `${f.location.line}:${f.location.column} ${f.status} ${f.message}`);

  it('a service whose args make the image run as root is reported; one without args keeps the default user', () => {
    assert.deepEqual(bw1030({}), [
      '2:3 violation Service "app" sets no user, and its image runs as root.',
      '6:3 unknown The user of service "listed" cannot be known: build argument APP_USER has no default value, and the value a build gives it (--build-arg, compose build.args) is not known.',
      '8:3 unknown The user of service "var" cannot be known: build argument APP_USER has no default value, and the value a build gives it (--build-arg, compose build.args) is not known.',
    ]);
  });

  it('a name listed alone takes its value from the environment, as compose does', () => {
    assert.deepEqual(bw1030({ APP_USER: 'root', WHO: '10001' }), [
      '2:3 violation Service "app" sets no user, and its image runs as root.',
      '6:3 violation Service "listed" sets no user, and its image runs as root.',
    ]);
  });
});
