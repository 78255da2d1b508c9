import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Diagnostic, isUnknown } from '../../model/index.js';
import { type MemoryProblem, memoryFs } from '../fs.js';
import { composeFileSetting, scanComposeProject } from './index.js';

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

  it('that is a folder is skipped, as compose-go skips it (no error, the project judged, its variables unset); a folder named in env_file is refused', () => {
    const r = scan({ error: 'EISDIR' });
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.specs.length, 1);
    assert.ok(isUnknown(r.specs[0]?.privileged?.value));
    assert.deepEqual(r.project.read, ['/mem/c1/compose.yaml']);
    const diagnostics: Diagnostic[] = [];
    assert.equal(composeFileSetting('/mem/c1', memoryFs({ 'c1/compose.yaml': PRIV, 'c1/.env': { error: 'EISDIR' } }), {}, diagnostics), undefined);
    assert.deepEqual(diagnostics, []);
    const fromEnv = scanComposeProject(['/mem/c1/compose.yaml'], memoryFs({ 'c1/compose.yaml': PRIV, 'c1/.env': { error: 'EISDIR' } }), { P: 'true' });
    assert.deepEqual(fromEnv.diagnostics, []);
    assert.equal(fromEnv.specs[0]?.privileged?.value, true);
    const named = scanComposeProject(
      ['/mem/c1/compose.yaml'],
      memoryFs({ 'c1/compose.yaml': `${PRIV}    env_file: conf\n`, 'c1/.env': { error: 'EISDIR' }, 'c1/conf': { error: 'EISDIR' } }),
      { P: 'false' },
    );
    assert.deepEqual(shown(named), ['error unreadable c1/compose.yaml: service "web": cannot read env_file "conf": a folder, not a file']);
  });
});

describe("a project's .env, read as compose-go reads it", () => {
  const project = (compose: string, dotenv: string, env: Record<string, string> = {}) => {
    const r = scanComposeProject(['/mem/c1/compose.yaml'], memoryFs({ 'c1/compose.yaml': compose, 'c1/.env': dotenv }), env);
    return { ...r, shown: r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.at.source}:${d.at.line}:${d.at.column} ${d.message}`) };
  };
  const svc = (lines: string[]) => ['services:', '  web:', '    image: nginx:1.27', ...lines, ''].join('\n');

  it('a double-quoted value written across lines is one value', () => {
    const r = project(svc(['    environment:', '      PW: ${PW}', '      NEXT: ${NEXT}']), 'PW="line1\nline2"\nNEXT=after\n');
    assert.deepEqual(r.shown, []);
    assert.deepEqual(
      r.specs[0]?.env.map((e) => e.value),
      [
        { name: 'PW', value: 'line1\nline2' },
        { name: 'NEXT', value: 'after' },
      ],
    );
  });

  it('interpolates its values from the environment and its earlier keys; single-quoted values stay literal', () => {
    const r = project(
      svc(['    user: ${RUN_AS}', '    environment:', '      URL: ${URL}', '      LIT: ${LIT}']),
      'UID_=10001\nRUN_AS=${UID_}:${GID_:-10001}\nURL="http://${HOST}/"\nLIT=\'${UID_}\'\n',
      {
        HOST: 'api.internal',
      },
    );
    assert.deepEqual(r.shown, []);
    const web = r.specs[0];
    assert.equal(web?.user?.value, '10001:10001');
    assert.deepEqual(
      web?.env.map((e) => e.value),
      [
        { name: 'URL', value: 'http://api.internal/' },
        { name: 'LIT', value: '${UID_}' },
      ],
    );
  });

  it('a value made from a variable that is not set is unknown, never the empty string compose would use', () => {
    const r = project(svc(['    privileged: ${PRIV}']), 'PRIV=${PRIVILEGED}\n');
    assert.deepEqual(r.shown, []);
    const p = r.specs[0]?.privileged?.value;
    assert.equal(isUnknown(p) ? p.reason : p, 'variable PRIV cannot be known: variable PRIVILEGED is not set');
  });

  it('${NOPE:?boom} in the .env: an error located in the .env, and the project is not judged (compose refuses it)', () => {
    const r = project(svc(['    privileged: true']), 'A=1\nB=x${NOPE:?boom}\n');
    assert.deepEqual(r.shown, [
      'error invalid-interpolation c1/.env:2:4 required variable NOPE is missing a value: "boom" (compose refuses this .env); the project is not judged',
    ]);
    assert.deepEqual(r.specs, []);
  });

  it('an unterminated quote: an error at the quote', () => {
    const r = project(svc([]), 'A=1\nPW="never closed\n');
    assert.deepEqual(r.shown, ['error invalid-value c1/.env:2:4 unterminated quoted value (compose refuses this .env); the project is not judged']);
  });

  it('REQ= (set, empty): ${REQ:?msg} says the variable is empty, ${REQ?msg} takes the empty value', () => {
    const r = project(svc(['    user: "${REQ?set REQ}app"', '    read_only: ${REQ:?set REQ}']), 'REQ=\n');
    assert.deepEqual(r.shown, []);
    const web = r.specs[0];
    assert.equal(web?.user?.value, 'app');
    const ro = web?.readonlyRootfs?.value;
    assert.equal(isUnknown(ro) ? ro.reason : ro, 'required variable REQ is empty');
    const unset = project(svc(['    read_only: ${REQ:?set REQ}']), 'OTHER=1\n').specs[0]?.readonlyRootfs?.value;
    assert.equal(isUnknown(unset) ? unset.reason : unset, 'required variable REQ is not set');
  });
});
