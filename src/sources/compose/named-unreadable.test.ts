import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryFs } from '../fs.js';
import { scanComposeProject } from './index.js';

const at = (s: { at: { source: string; line?: number; column?: number } }) => `${s.at.source}:${s.at.line}:${s.at.column}`;

describe('a file an include or extends names that cannot be read', () => {
  it('is one error, located where it is named, that says why in words (no errno text, no absolute path)', () => {
    const fs = memoryFs({
      'compose.yaml': [
        'include:',
        '  - locked.yaml',
        '  - path: [a.yaml, dir.yaml]',
        '  - loop.yaml',
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    extends: { file: locked.yaml, service: base }',
        '',
      ].join('\n'),
      'locked.yaml': { error: 'EACCES', size: 40 },
      'a.yaml': 'services:\n  oa: { image: nginx:1.27 }\n',
      'dir.yaml': { error: 'EISDIR' },
      'loop.yaml': { error: 'ELOOP' },
    });
    const r = scanComposeProject(['/mem/compose.yaml'], fs, {});
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.severity} ${d.code} ${at(d)} ${d.message}`),
      [
        'error unreadable compose.yaml:8:22 extends: cannot read "locked.yaml": permission denied',
        'error unreadable compose.yaml:2:5 include: cannot read "locked.yaml": permission denied',
        'error unreadable compose.yaml:3:20 include: cannot read "dir.yaml": a folder, not a file',
        'error unreadable compose.yaml:4:5 include: cannot read "loop.yaml": a symbolic link loop',
      ],
    );
    assert.deepEqual(
      r.specs.map((s) => s.name),
      ['web'],
    );
  });

  it('the main file that cannot be read is one error at the file itself', () => {
    const fs = memoryFs({ 'compose.yaml': { error: 'EACCES', size: 40 } });
    const r = scanComposeProject(['/mem/compose.yaml'], fs, {});
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.at.source} ${d.at.line} ${d.message}`),
      ['error unreadable compose.yaml undefined cannot read: permission denied'],
    );
  });
});
