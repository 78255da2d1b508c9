import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkContainer } from '../../check/index.js';
import { RUNTIME_RULES } from '../../rules/index.js';
import { type MemoryProblem, memoryFs } from '../fs.js';
import { scanComposeProject } from './index.js';

const SECRETS = /AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI|K7MDENG|bPxRfiCYEXAMPLEKEY|hunter2|SECRETVAL/i;

function scan(files: Record<string, string | MemoryProblem>, env: Record<string, string> = {}, main = 'p/compose.yaml') {
  const r = scanComposeProject([`/mem/${main}`], memoryFs(files), env);
  const findings = r.specs
    .flatMap((s) => checkContainer(RUNTIME_RULES, s))
    .filter((f) => f.ruleId === 'BW1024')
    .map((f) => `${f.location.source}:${f.location.line}:${f.location.column} ${f.message}`);
  const shown = r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.at.source}:${d.at.line}:${d.at.column} ${d.message}`);
  for (const line of [...findings, ...shown]) assert.doesNotMatch(line, SECRETS, line);
  return { ...r, findings, shown };
}

const svc = (lines: string[]) => ['services:', '  web:', '    image: nginx:1.27', ...lines, ''].join('\n');

describe('env_file: its variables are the container environment, judged by BW1024 where the env file writes them', () => {
  it('a path: secret-shaped values and secret-named variables, located in the env file, masked', () => {
    const r = scan({
      'p/compose.yaml': svc(['    env_file: app.env']),
      'p/app.env': '# app\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n  export DB_PASSWORD="hunter2hunter2SECRETVAL"\nLOG_LEVEL=info\n',
    });
    assert.deepEqual(r.shown, []);
    assert.deepEqual(r.findings, [
      'p/app.env:2:1 Service "web" sets environment variable AWS_ACCESS_KEY_ID to an AWS access key id (AKIA...(20 chars)).',
      'p/app.env:3:10 Service "web" passes secret DB_PASSWORD as an environment variable (hunt...(23 chars)).',
    ]);
  });

  it('a list of paths and long syntax, relative to the folder of the compose file; a later file wins; environment wins over all', () => {
    const r = scan({
      'p/compose.yaml': svc([
        '    env_file:',
        '      - ../shared/base.env',
        '      - path: ./local.env',
        '        required: true',
        '      - {path: ./optional.env, required: false}',
        '    environment:',
        '      API_KEY: /run/secrets/api_key',
      ]),
      'shared/base.env': 'JWT_SECRET=first-value-overridden\nAPI_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
      'p/local.env': 'JWT_SECRET=hunter2hunter2SECRETVAL\n',
    });
    assert.deepEqual(r.shown, []);
    assert.deepEqual(r.findings, ['p/local.env:1:1 Service "web" passes secret JWT_SECRET as an environment variable (hunt...(23 chars)).']);
  });

  it('values are interpolated from the project variables (environment, .env), then the service environment, then earlier lines and files', () => {
    const r = scan({
      'p/compose.yaml': svc(['    env_file: [a.env, b.env]', '    environment:', '      DB_USER: app']),
      'p/.env': 'PW=hunter2hunter2SECRETVAL\n',
      'p/a.env': 'DB_PASSWORD=${PW}\nHOST=db\n',
      'p/b.env': 'DATABASE_URL="postgres://${DB_USER}:${DB_PASSWORD}@${HOST}/app"\nTOKEN=${NOT_SET}\n',
    });
    assert.deepEqual(r.shown, []);
    assert.deepEqual(r.findings, [
      'p/a.env:1:1 Service "web" passes secret DB_PASSWORD as an environment variable (hunt...(23 chars)).',
      'p/b.env:1:1 Service "web" sets environment variable DATABASE_URL to a URL with a password (post...(45 chars)).',
      'p/b.env:2:1 Service "web" passes secret TOKEN as an environment variable (value from ${NOT_SET}).',
    ]);
  });

  it('a missing env file: a warning where it is named (often kept out of the repository on purpose), unless required: false', () => {
    const r = scan({
      'p/compose.yaml': svc([
        '    env_file:',
        '      - nope.env',
        '      - path: ${DIR:-.}/also-missing.env',
        '        required: "false"',
        '      - path: gone.env',
      ]),
    });
    assert.deepEqual(r.shown, [
      'warning unreadable p/compose.yaml:5:9 service "web": env_file "nope.env" is not there, so the variables it sets are not judged (compose refuses to start without it; `required: false` makes it optional)',
      'warning unreadable p/compose.yaml:8:15 service "web": env_file "gone.env" is not there, so the variables it sets are not judged (compose refuses to start without it; `required: false` makes it optional)',
    ]);
  });

  it('one that cannot be read, or that compose refuses: an error, at the path or in the env file', () => {
    const r = scan({
      'p/compose.yaml': svc(['    env_file: [locked.env, bad.env]']),
      'p/locked.env': { error: 'EACCES', size: 10 },
      'p/bad.env': 'API_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\nPW="never closed\n',
    });
    assert.deepEqual(r.shown, [
      'error unreadable p/compose.yaml:4:16 service "web": cannot read env_file "locked.env": permission denied',
      'error invalid-value p/bad.env:2:4 unterminated quoted value (compose refuses this env_file)',
    ]);
    assert.deepEqual(r.findings, ['p/bad.env:1:1 Service "web" sets environment variable API_TOKEN to a GitHub token (ghp_...(40 chars)).']);
  });

  it('a value of another shape is refused like any other', () => {
    const r = scan({ 'p/compose.yaml': svc(['    env_file: {path: a.env}']) });
    assert.deepEqual(r.shown, ['error invalid-value p/compose.yaml:4:15 service "web": env_file must be a string or a list, not a mapping']);
  });
});
