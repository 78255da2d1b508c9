import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../../model/index.js';
import { groupProjects } from './discover.js';

const exists = (set: string[]) => (abs: string) => set.includes(abs);

describe('groupProjects: the files compose reads in a folder (compose-go cli/options.go)', () => {
  it('merges the first override of compose.override.yml, compose.override.yaml, ...; the other is a warning, judged over the main file', () => {
    const files = ['/p/compose.yaml', '/p/compose.override.yaml', '/p/compose.override.yml'];
    const notes: Diagnostic[] = [];
    assert.deepEqual(groupProjects(files, exists(files), { notes }), [
      ['/p/compose.yaml', '/p/compose.override.yml'],
      ['/p/compose.yaml', '/p/compose.override.yaml'],
    ]);
    assert.deepEqual(
      notes.map((d) => `${d.severity} ${d.code} ${d.at.source}`),
      ['warning unreadable /p/compose.override.yaml'],
    );
  });

  it('picks docker-compose.yml before docker-compose.yaml; the other main file is judged alone, with a warning', () => {
    const files = ['/p/docker-compose.yaml', '/p/docker-compose.yml'];
    const notes: Diagnostic[] = [];
    assert.deepEqual(groupProjects(files, exists(files), { notes }), [['/p/docker-compose.yml'], ['/p/docker-compose.yaml']]);
    assert.deepEqual(
      notes.map((d) => d.message),
      [
        'compose reads docker-compose.yml (the first of compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml), not this file; judged as `docker compose -f docker-compose.yaml` runs it',
      ],
    );
  });

  it('with COMPOSE_FILE, reads its files and no default override; a refused COMPOSE_FILE leaves the default files out', () => {
    const files = ['/p/compose.yaml', '/p/compose.override.yaml', '/p/compose.prod.yaml'];
    const notes: Diagnostic[] = [];
    const listed = { files: ['/p/compose.yaml', '/p/prod.yml'], from: '/p/.env' };
    assert.deepEqual(groupProjects(files, exists(files), { notes, composeFile: () => listed }), [
      ['/p/compose.yaml', '/p/prod.yml'],
      ['/p/compose.yaml', '/p/compose.override.yaml'],
      ['/p/compose.yaml', '/p/compose.prod.yaml'],
    ]);
    assert.deepEqual(
      notes.map((d) => d.message),
      [
        'compose reads the files COMPOSE_FILE names (set in /p/.env: /p/compose.yaml, /p/prod.yml), not this file; judged as `docker compose -f compose.yaml -f compose.override.yaml` runs it',
      ],
    );
    const refused: Diagnostic[] = [];
    assert.deepEqual(groupProjects(files, exists(files), { notes: refused, composeFile: () => null }), [['/p/compose.yaml', '/p/compose.prod.yaml']]);
    assert.deepEqual(refused, []);
  });

  it('lists a project once when two folders name the same files (COMPOSE_FILE with absolute paths in the environment)', () => {
    const files = ['/p/compose.yaml', '/q/compose.yaml'];
    const listed = { files: ['/x/compose.yaml'], from: 'the environment' };
    // Each folder's own compose.yaml is not read by compose there: judged alone (with a warning).
    assert.deepEqual(groupProjects(files, exists(files), { composeFile: () => listed }), [['/x/compose.yaml'], ['/p/compose.yaml'], ['/q/compose.yaml']]);
  });
});
