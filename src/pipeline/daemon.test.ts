// daemon.json files that cannot be read: one located input error that says why in words (readProblem), never node's
// message with the absolute path; the other files are still read.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings } from '../check/index.js';
import { memoryFs } from '../sources/fs.js';
import { daemonHandler } from './daemon.js';

describe('daemonHandler: unreadable daemon.json', () => {
  it('is one error at the file, in words, and the readable one is still checked', () => {
    const fs = memoryFs({ 'locked/daemon.json': { error: 'EACCES' }, 'dir/daemon.json': { error: 'EISDIR' }, 'ok/daemon.json': '{ "icc": false }' });
    const r = daemonHandler.scan(['/mem/locked/daemon.json', '/mem/dir/daemon.json', '/mem/ok/daemon.json'], new Set(), {
      fs,
      env: {},
      settings: defaultSettings,
    });
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.at.source} ${d.message}`),
      ['error unreadable locked/daemon.json cannot read: permission denied', 'error unreadable dir/daemon.json cannot read: a folder, not a file'],
    );
    assert.equal(r.subjects, 1);
    assert.ok(r.findings.length > 0);
    assert.ok(r.findings.every((f) => f.location.source === 'ok/daemon.json'));
  });
});
