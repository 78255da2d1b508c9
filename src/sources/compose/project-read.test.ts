import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dedent } from '../../testing/dedent.js';
import { type MemoryProblem, memoryFs } from '../fs.js';
import { scanComposeProject } from './index.js';

// ComposeProject.read: every file read for a project, env files included (the scan's file count is made from it).

function scan(files: Record<string, string | MemoryProblem>) {
  const r = scanComposeProject(['/mem/compose.yaml'], memoryFs(files), {});
  return {
    ...r,
    read: [...r.project.read].sort(),
    messages: r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.at.source}:${d.at.line}:${d.at.column} ${d.message}`),
  };
}

const COMPOSE = dedent`
  include:
    - path: inc/a.yaml
      env_file: inc/a.env
    - dflt/compose.yaml
  services:
    web:
      image: nginx:1.27
      extends: { file: base.yaml, service: base }
      env_file:
        - app.env
        - path: optional.env
          required: false
`;

describe('ComposeProject.read lists the env files read for the project', () => {
  it("the project's .env, its services' env_files and its includes' env files, each once, besides the compose files", () => {
    const r = scan({
      'compose.yaml': COMPOSE,
      '.env': 'TAG=1.27\n',
      'app.env': 'LOG_LEVEL=info\n',
      'base.yaml': 'services:\n  base:\n    env_file: app.env\n',
      'inc/a.yaml': 'services:\n  a:\n    image: nginx:${TAG}\n',
      'inc/a.env': 'TAG=1.26\n',
      'dflt/compose.yaml': 'services:\n  d:\n    image: nginx:1.27\n',
      'dflt/.env': 'X=1\n',
      // Not read: no include or service names it, and an include with env_file does not read its folder's .env.
      'inc/.env': 'TAG=0\n',
      'other.env': 'UNUSED=1\n',
    });
    assert.deepEqual(r.messages, []);
    assert.deepEqual(r.read, [
      '/mem/.env',
      '/mem/app.env',
      '/mem/base.yaml',
      '/mem/compose.yaml',
      '/mem/dflt/.env',
      '/mem/dflt/compose.yaml',
      '/mem/inc/a.env',
      '/mem/inc/a.yaml',
    ]);
  });

  it('an env file that is not there or cannot be read is not counted; one compose refuses a line of is', () => {
    const r = scan({
      'compose.yaml': COMPOSE,
      'app.env': 'PW="unterminated\n',
      'base.yaml': 'services:\n  base: {}\n',
      'inc/a.yaml': 'services:\n  a:\n    image: nginx:1.27\n',
      'inc/a.env': { error: 'EACCES', size: 10 },
      'dflt/compose.yaml': 'services:\n  d:\n    image: nginx:1.27\n',
      'dflt/.env': 'BAD KEY=1\n',
    });
    assert.deepEqual(r.messages, [
      'error unreadable compose.yaml:3:15 include: cannot read env file "inc/a.env": permission denied; the include is not read (the values it interpolates would be guesses)',
      'error invalid-value dflt/.env:1:1 a variable name cannot contain a space (compose refuses this env file); the include is not read',
      'error invalid-value app.env:1:4 unterminated quoted value (compose refuses this env_file)',
    ]);
    assert.deepEqual(r.read, ['/mem/app.env', '/mem/base.yaml', '/mem/compose.yaml', '/mem/dflt/.env']);
  });

  it('a project .env compose refuses is counted, and the project is not judged; one that cannot be read is not', () => {
    const refused = scan({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n', '.env': "A='open\n" });
    assert.deepEqual(refused.messages, ['error invalid-value .env:1:3 unterminated quoted value (compose refuses this .env); the project is not judged']);
    assert.deepEqual(refused.read, ['/mem/.env']);
    assert.deepEqual(refused.specs, []);
    const unreadable = scan({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n', '.env': { error: 'EACCES' } });
    assert.deepEqual(unreadable.read, []);
  });
});
