import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings } from '../check/index.js';
import { memoryFs } from '../sources/fs.js';
import { composeHandler } from './compose.js';

describe('an unreadable file that a project includes and that is also the main file of its own folder', () => {
  it('gives two errors: the include is left out of the project that names it, and its own project is not judged', () => {
    const fs = memoryFs({
      'compose.yaml': 'include: [other/compose.yaml]\nservices:\n  web:\n    image: nginx:1.27\n',
      'other/compose.yaml': { error: 'EACCES', size: 40 },
    });
    const r = composeHandler.scan(['/mem/compose.yaml', '/mem/other/compose.yaml'], new Set(), { fs, env: {}, settings: defaultSettings });
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.at.source}:${d.at.line}:${d.at.column} ${d.message}`),
      [
        'error unreadable compose.yaml:1:11 include: cannot read "other/compose.yaml": permission denied',
        'error unreadable other/compose.yaml:undefined:undefined cannot read: permission denied',
      ],
    );
  });
});
