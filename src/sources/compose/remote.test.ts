import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dedent } from '../../testing/dedent.js';
import { memoryFs } from '../fs.js';
import { isRemoteReference } from './include.js';
import { scanComposeProject } from './index.js';

const TOKEN = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
const DOTENV = `GH_TOKEN=${TOKEN}\nDB_PASSWORD=hunter2hunter2SECRETVAL\n`;
const SECRETS = /hunter2|SECRETVAL|ghp_0123|abcdefghijABCDEFGHIJ/;

function scan(files: Record<string, string>) {
  const r = scanComposeProject(['/mem/compose.yaml'], memoryFs(files), {});
  return { ...r, messages: r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.at.source}:${d.at.line}:${d.at.column} ${d.message}`) };
}

describe('remote includes and extends (Git, OCI): not fetched, a located warning', () => {
  it('knows what compose fetches with a remote loader', () => {
    for (const p of [
      'git@github.com:acme/stack.git',
      'https://github.com/acme/stack.git#main:deploy/compose.yaml',
      'http://example.com/compose.yaml',
      'oci://registry/x',
      'ssh://git@github.com/acme/stack.git',
      'git://example.com/stack.git',
    ])
      assert.equal(isRemoteReference(p), true, p);
    for (const p of ['a.yaml', './deploy/compose.yaml', '/srv/compose.yaml', 'c:/x.yaml', 'user@notes.yaml']) assert.equal(isRemoteReference(p), false, p);
  });

  it('an include of a Git repository or an OCI artifact is a warning, never an error, and the rest is judged', () => {
    const r = scan({
      'compose.yaml': dedent`
        include:
          - git@github.com:acme/stack.git
          - path: https://github.com/acme/stack.git#main:deploy/compose.yaml
          - path: [oci://registry/x, local.override.yaml]
          - ssh://git@github.com/acme/stack.git
        services:
          web:
            image: nginx:1.27
      `,
    });
    assert.deepEqual(r.messages, [
      'warning remote-reference compose.yaml:2:5 include: remote include "git@github.com:acme/stack.git" is not fetched: its services are not judged',
      'warning remote-reference compose.yaml:3:11 include: remote include "https://github.com/acme/stack.git#main:deploy/compose.yaml" is not fetched: its services are not judged',
      'warning remote-reference compose.yaml:4:12 include: remote include "oci://registry/x" is not fetched: its services are not judged',
      'warning remote-reference compose.yaml:5:5 include: remote include "ssh://git@github.com/acme/stack.git" is not fetched: its services are not judged',
    ]);
    assert.deepEqual(
      r.specs.map((s) => s.name),
      ['web'],
    );
  });

  it('a token in a remote include, from .env or written in the file, is masked', () => {
    const r = scan({
      'compose.yaml': dedent`
        include:
          - https://x-access-token:\${GH_TOKEN}@github.com/acme/stack.git
          - https://x-access-token:${TOKEN}@github.com/acme/other.git
        services:
          web:
            image: nginx:1.27
      `,
      '.env': DOTENV,
    });
    assert.deepEqual(r.messages, [
      'warning remote-reference compose.yaml:2:5 include: remote include "https://x-access-token:${GH_TOKEN}@github.com/acme/stack.git" (from the environment, 89 characters) is not fetched: its services are not judged',
      'warning remote-reference compose.yaml:3:5 include: remote include "https://x-access-token:ghp_...(40 chars)@github.com/acme/other.git" is not fetched: its services are not judged',
    ]);
    for (const m of r.messages) assert.doesNotMatch(m, SECRETS);
  });

  it('a remote extends file is a warning, and the service is judged with its own settings', () => {
    const r = scan({
      'compose.yaml': dedent`
        services:
          web:
            image: nginx:1.27
            privileged: true
            extends:
              file: https://x-access-token:\${GH_TOKEN}@github.com/acme/base.git#main:compose.yaml
              service: base
      `,
      '.env': DOTENV,
    });
    assert.deepEqual(r.messages, [
      'warning remote-reference compose.yaml:6:13 extends: remote file "https://x-access-token:${GH_TOKEN}@github.com/acme/base.git#main:compose.yaml" (from the environment, 106 characters) is not fetched: the service is judged with its own settings only',
    ]);
    assert.equal(r.specs[0]?.privileged?.value, true);
  });
});

describe('paths from the environment in messages are quoted through quoteValue', () => {
  it('an include path, an include env_file and an extends file name their variables, not their values', () => {
    const r = scan({
      'compose.yaml': dedent`
        include:
          - \${DB_PASSWORD}.yaml
          - path: other.yaml
            env_file: \${GH_TOKEN}.env
        services:
          web:
            image: nginx:1.27
            extends:
              file: "\${DB_PASSWORD}.yaml"
              service: base
      `,
      'other.yaml': 'services:\n  other:\n    image: nginx:1.27\n',
      '.env': DOTENV,
    });
    assert.deepEqual(r.messages, [
      'error extends-missing compose.yaml:9:13 extends: no such file "${DB_PASSWORD}.yaml" (from the environment, 28 characters)',
      'error include-missing compose.yaml:2:5 include: no such file "${DB_PASSWORD}.yaml" (from the environment, 28 characters)',
      'error include-missing compose.yaml:4:15 include: no such env file "${GH_TOKEN}.env" (from the environment, 44 characters)',
    ]);
    for (const m of r.messages) assert.doesNotMatch(m, SECRETS);
  });

  it('a path written in the file is shown where it is', () => {
    const r = scan({ 'compose.yaml': 'include:\n  - path: other.yaml\n    env_file: nope.env\n', 'other.yaml': 'services: {}\n' });
    assert.deepEqual(r.messages, ['error include-missing compose.yaml:3:15 include: no such env file "nope.env"']);
  });
});
