import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerSpec } from '../../model/index.js';
import { dedent } from '../../testing/dedent.js';
import { type MemoryProblem, memoryFs } from '../fs.js';
import { scanComposeProject } from './index.js';

// The env files of an `include:` entry (compose-spec include.md `env_file`), read as compose-go's ApplyInclude reads
// them (loader/include.go, dotenv/env.go GetEnvFromFile): with the dotenv parser of the project `.env`, interpolated
// from the including project's variables, then the files read before, then the file's own earlier lines.

function scan(files: Record<string, string | MemoryProblem>, env: Record<string, string> = {}) {
  const r = scanComposeProject(['/mem/compose.yaml'], memoryFs(files), env);
  return {
    ...r,
    messages: r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.at.source}:${d.at.line}:${d.at.column} ${d.message}`),
    names: r.specs.map((s) => s.name).sort(),
  };
}
const svc = (specs: ContainerSpec[], name: string) => specs.find((s) => s.name === name) as ContainerSpec;

/** A project that includes `inc/a.yaml` with the env files named, and judges a service of its own. */
const INCLUDING = (envFiles: string) => `include:\n  - path: inc/a.yaml\n    env_file: ${envFiles}\nservices:\n  web: { image: nginx:1.27 }\n`;
const INCLUDED = 'services:\n  inc:\n    image: nginx:1.27\n    network_mode: ${NETMODE}\n    privileged: ${PRIV}\n';

describe('include env_file: read with the dotenv reader', () => {
  it('a line compose refuses is an error at its line and column in the env file, and the include is left out', () => {
    const cases: [string, string][] = [
      [
        'NETMODE=host\nBAD KEY=1\n',
        'error invalid-value inc/a.env:2:1 a variable name cannot contain a space (compose refuses this env file); the include is not read',
      ],
      [
        'NETMODE=host\n  PW="s3cret-never-shown\nPRIV=true\n',
        'error invalid-value inc/a.env:2:6 unterminated quoted value (compose refuses this env file); the include is not read',
      ],
      [
        '# a comment\nNETMODE=${NOPE:?set NOPE first}\n',
        'error invalid-interpolation inc/a.env:2:9 required variable NOPE is missing a value: "set NOPE first" (compose refuses this env file); the include is not read',
      ],
      [
        'NETMODE=host\nA$B=1\n',
        'error invalid-value inc/a.env:2:2 unexpected character "$" in a variable name (compose refuses this env file); the include is not read',
      ],
    ];
    for (const [text, message] of cases) {
      const r = scan({ 'compose.yaml': INCLUDING('inc/a.env'), 'inc/a.yaml': INCLUDED, 'inc/a.env': text });
      assert.deepEqual(r.messages, [message], text);
      assert.deepEqual(r.names, ['web'], text);
    }
  });

  it("the default .env of the include's folder is read the same way, its errors located in it", () => {
    const r = scan({
      'compose.yaml': 'include:\n  - inc/a.yaml\nservices:\n  web: { image: nginx:1.27 }\n',
      'inc/a.yaml': INCLUDED,
      'inc/.env': "PRIV=true\nNETMODE='host\n",
    });
    assert.deepEqual(r.messages, ['error invalid-value inc/.env:2:9 unterminated quoted value (compose refuses this env file); the include is not read']);
    assert.deepEqual(r.names, ['web']);
  });

  it('a second env file is refused on its own line; the first one is fine', () => {
    const r = scan({
      'compose.yaml': INCLUDING('[inc/a.env, inc/b.env]'),
      'inc/a.yaml': INCLUDED,
      'inc/a.env': 'NETMODE=host\n',
      'inc/b.env': 'PRIV=true\n\n\nX=${BROKEN\n',
    });
    assert.deepEqual(r.messages, [
      'error invalid-interpolation inc/b.env:4:3 unclosed "${" at character 1 of the value: close it with "}", or write "$$" for a literal "$" (compose refuses this env file); the include is not read',
    ]);
    assert.deepEqual(r.names, ['web']);
  });

  it('${VAR} in an env file takes the including project first, then earlier files, then earlier lines', () => {
    const r = scan(
      {
        'compose.yaml': INCLUDING('[inc/a.env, inc/b.env]'),
        '.env': 'HOSTNET=host\n',
        'inc/a.yaml': 'services:\n  inc:\n    image: "nginx:${TAG}"\n    network_mode: ${NETMODE}\n    privileged: ${PRIV}\n    user: ${USR}\n',
        // TRUTH, set in a.env and again in b.env: compose-go's lookup (the including project, then the files
        // read before) comes before the file's own earlier lines, so PRIV takes a.env's.
        'inc/a.env': 'TRUTH=true\nBASE=1.27\n',
        'inc/b.env': 'TRUTH=false\nNETMODE=${HOSTNET}\nPRIV=${TRUTH}\nTAG=${BASE}-alpine\nUID_BASE=10\nUSR="${UID_BASE}001"\n',
      },
      { HOSTNET: 'none' },
    );
    assert.deepEqual(r.messages, []);
    const inc = svc(r.specs, 'inc');
    assert.equal(inc.networkMode?.value, 'none');
    assert.equal(inc.privileged?.value, true);
    assert.equal((inc.image?.value as { tag?: string } | undefined)?.tag, '1.27-alpine');
    assert.equal(inc.user?.value, '10001');
  });

  it('a value made from a variable without a value is unknown, not empty, and the including project still wins', () => {
    const r = scan({
      'compose.yaml': INCLUDING('inc/a.env'),
      '.env': 'PRIV=${NOT_SET_ANYWHERE}\n',
      'inc/a.yaml': INCLUDED,
      'inc/a.env': 'NETMODE=${ALSO_NOT_SET}\nPRIV=false\n',
    });
    assert.deepEqual(r.messages, []);
    const inc = svc(r.specs, 'inc');
    assert.deepEqual(inc.networkMode?.value, {
      kind: 'unknown',
      reason: 'variable NETMODE cannot be known: variable ALSO_NOT_SET is not set',
      raw: '${NETMODE}',
    });
    // PRIV is set by the including project's .env (unknown there): the include's env file does not override it.
    assert.deepEqual(inc.privileged?.value, { kind: 'unknown', reason: 'variable PRIV cannot be known: variable NOT_SET_ANYWHERE is not set', raw: '${PRIV}' });
  });

  it('a secret in an include env file is never printed, in a refused value or a refused line', () => {
    const SECRET = 'hunter2hunter2SECRETVAL';
    const r = scan({
      'compose.yaml': dedent`
        include:
          - path: inc/a.yaml
            env_file: inc/a.env
          - path: inc/b.yaml
            env_file: inc/b.env
      `,
      'inc/a.yaml': 'services:\n  a:\n    image: nginx:1.27\n    privileged: ${DB_PASSWORD}\n',
      'inc/a.env': `DB_PASSWORD=${SECRET}\n`,
      'inc/b.yaml': INCLUDED,
      'inc/b.env': `TOKEN="${SECRET}\n`,
    });
    assert.deepEqual(r.messages, [
      'error invalid-value inc/b.env:1:7 unterminated quoted value (compose refuses this env file); the include is not read',
      'error invalid-value inc/a.yaml:4:17 service "a": "${DB_PASSWORD}" (from the environment, 23 characters) is not a boolean',
    ]);
    for (const m of r.messages) assert.doesNotMatch(m, /hunter2|SECRETVAL/);
  });

  it("a folder named .env in the include's folder is skipped, as compose-go skips it; a folder named in env_file is refused", () => {
    const skipped = scan(
      { 'compose.yaml': 'include:\n  - inc/a.yaml\nservices:\n  web: { image: nginx:1.27 }\n', 'inc/a.yaml': INCLUDED, 'inc/.env': { error: 'EISDIR' } },
      { NETMODE: 'host', PRIV: 'false' },
    );
    assert.deepEqual(skipped.messages, []);
    assert.deepEqual(skipped.names, ['inc', 'web']);
    assert.equal(svc(skipped.specs, 'inc').networkMode?.value, 'host');
    const named = scan({ 'compose.yaml': INCLUDING('inc/conf'), 'inc/a.yaml': INCLUDED, 'inc/conf': { error: 'EISDIR' } });
    assert.deepEqual(named.messages, [
      'error unreadable compose.yaml:3:15 include: cannot read env file "inc/conf": a folder, not a file; the include is not read (the values it interpolates would be guesses)',
    ]);
    assert.deepEqual(named.names, ['web']);
  });
});
