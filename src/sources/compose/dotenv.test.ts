import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type MemoryProblem, memoryFs } from '../fs.js';
import { scanComposeProject } from './index.js';

const PRIV = 'services:\n  web:\n    image: nginx:1.27\n    privileged: ${P}\n';

function scan(env: string | MemoryProblem | undefined) {
  const files: Record<string, string | MemoryProblem> = { 'c1/compose.yaml': PRIV };
  if (env !== undefined) files['c1/.env'] = env;
  return scanComposeProject(['/mem/c1/compose.yaml'], memoryFs(files), {});
}
const shown = (r: ReturnType<typeof scan>) => r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.at.source}: ${d.message}`);

describe("a project's .env", () => {
  it('gives the variables compose interpolates (the environment wins)', () => {
    const r = scan('P=true\n');
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.specs[0]?.privileged?.value, true);
    const fromEnv = scanComposeProject(['/mem/c1/compose.yaml'], memoryFs({ 'c1/compose.yaml': PRIV, 'c1/.env': 'P=true\n' }), { P: 'false' });
    assert.equal(fromEnv.specs[0]?.privileged?.value, false);
  });

  it('is optional: no .env, no diagnostic, unset variables stay unknown', () => {
    const r = scan(undefined);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.specs.length, 1);
  });

  const cases: [string, MemoryProblem, string][] = [
    ['without read permission', { error: 'EACCES', size: 7 }, 'permission denied'],
    ['in a folder that cannot be searched', { error: 'EACCES' }, 'permission denied'],
    ['that is a folder', { error: 'EISDIR' }, 'a folder, not a file'],
    ['that is a named pipe (never opened)', { error: 'ENOTREG' }, 'not a regular file (a named pipe, socket or device), which is never opened'],
    ['that is a symbolic link loop', { error: 'ELOOP' }, 'a symbolic link loop'],
  ];
  for (const [what, problem, words] of cases) {
    it(`${what}: an unreadable error at the .env, and the project is not judged`, () => {
      const r = scan(problem);
      assert.deepEqual(shown(r), [
        `error unreadable c1/.env: cannot read the project's .env: ${words}; the project is not judged (the values it interpolates would be guesses)`,
      ]);
      assert.deepEqual(r.specs, []);
    });
  }

  it('an unreadable .env is reported for each project of its folder (the scan de-duplicates), never thrown', () => {
    const fs = memoryFs({ 'c1/compose.yaml': PRIV, 'c1/x.compose.yaml': PRIV, 'c1/.env': { error: 'EACCES', size: 7 } });
    for (const f of ['/mem/c1/compose.yaml', '/mem/c1/x.compose.yaml']) {
      const r = scanComposeProject([f], fs, {});
      assert.equal(r.diagnostics.length, 1, f);
      assert.equal(r.diagnostics[0]?.at.source, 'c1/.env');
    }
  });
});
