// Service names: compose-spec's schema allows `^[a-zA-Z0-9._-]+$` only (`services` patternProperties, no other
// property); compose refuses a file with another name, so Bulwark reports an input error and judges the rest.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryFs } from '../fs.js';
import { scanComposeProject } from './index.js';

const scan = (text: string) => scanComposeProject(['/mem/compose.yaml'], memoryFs({ 'compose.yaml': text }), {});
const shown = (r: ReturnType<typeof scan>) => r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.at.line}:${d.at.column} ${d.message}`);

describe('service names compose refuses', () => {
  it('a name with a blank, a slash or a colon is an error at the name, quoted and masked; the other services are judged', () => {
    const r = scan(
      'services:\n  "my app":\n    image: nginx:1.27\n  ok.name_1-x:\n    image: nginx:1.27\n  "postgres://u:hunter2hunter2@db":\n    image: nginx:1.27\n',
    );
    assert.deepEqual(shown(r), [
      'error invalid-value 2:3 service name "my app" is not valid: compose takes only letters, digits, ".", "_" and "-" (the service is not judged)',
      'error invalid-value 6:3 service name "postgres://u:...(14 chars)@db" is not valid: compose takes only letters, digits, ".", "_" and "-" (the service is not judged)',
    ]);
    assert.deepEqual(
      r.specs.map((s) => s.name),
      ['ok.name_1-x'],
    );
  });
});
