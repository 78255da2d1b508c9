// The JSON report against its published schema (docs/schema/bulwark-report.schema.json), with ajv.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { renderJson } from '../../src/report/json.js';
import { fixtureInput } from './fixture.js';

const root = process.cwd();
/** The CLI of this build (src/bin.js transpiled beside this test). */
const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'bin.js');
const schema = JSON.parse(readFileSync(join(root, 'docs', 'schema', 'bulwark-report.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
const validate = ajv.compile(schema);

function check(doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

describe('JSON report schema', () => {
  it('the fixture report validates', () => {
    assert.deepEqual(check(JSON.parse(renderJson(fixtureInput()))), []);
  });
  it('a real scan of examples/ validates', () => {
    const r = spawnSync(process.execPath, [BIN, 'scan', 'examples/', '--format', 'json'], { cwd: root, encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assert.deepEqual(check(JSON.parse(r.stdout)), []);
  });
  it('rejects a renamed key and a wrong version (the schema is strict)', () => {
    const doc = JSON.parse(renderJson(fixtureInput()));
    assert.notDeepEqual(check({ ...doc, version: 2 }), []);
    const f = { ...doc.findings[0], rule: 'x' };
    assert.notDeepEqual(check({ ...doc, findings: [f] }), []);
  });
});
