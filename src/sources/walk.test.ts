import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { walk } from './walk.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-walk-'));
after(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'b', '.git'), { recursive: true });
writeFileSync(join(root, 'stack.yml'), 'services: {}\n');
writeFileSync(join(root, 'b', 'compose.yaml'), 'services: {}\n');
writeFileSync(join(root, 'b', '.git', 'config'), '[core]\n');

describe('walk', () => {
  it('lists each file once, sorted by name, without VCS folders, even when a path is named twice', () => {
    const r = walk(['.', 'stack.yml', 'b/compose.yaml', 'missing.yml'], root);
    assert.deepEqual(r.files, [join(root, 'b', 'compose.yaml'), join(root, 'stack.yml')]);
    assert.deepEqual(r.missing, [{ path: 'missing.yml', reason: 'no such file or folder' }]);
    assert.deepEqual(r.skipped, []);
  });

  it('says which entries it cannot scan: a name that is not UTF-8, a FIFO, a link to a device', () => {
    const dir = join(root, 'odd');
    mkdirSync(dir);
    // A folder named with the Latin-1 byte 0xE9: Node.js reads the name back as U+FFFD.
    mkdirSync(Buffer.concat([Buffer.from(`${dir}/sub`), Buffer.from([0xe9])]));
    const fifo = spawnSync('mkfifo', [join(dir, 'compose.yaml')]);
    symlinkSync('/dev/null', join(dir, 'Dockerfile'));
    const r = walk(['odd'], root);
    assert.deepEqual(r.files, []);
    assert.deepEqual(
      r.skipped.map((s) => `${s.kind} ${s.path.slice(dir.length + 1)}: ${s.reason}`),
      [
        'special Dockerfile: a link to a character device, not a regular file',
        ...(fifo.status === 0 ? ['special compose.yaml: a named pipe (FIFO), not a regular file'] : []),
        'name sub\\xe9: the name is not valid UTF-8; rename it to scan it',
      ],
    );
    assert.equal(fifo.status, 0, 'mkfifo is available on these machines');
  });

  it('refuses to read a FIFO named on the command line (reading it could block forever)', () => {
    const r = walk(['odd/compose.yaml'], root);
    assert.deepEqual(r.files, []);
    assert.deepEqual(r.missing, [{ path: 'odd/compose.yaml', reason: 'a named pipe (FIFO), not a regular file' }]);
  });

  it('reports dangling links and link loops, and does not follow links to folders met while walking', () => {
    const dir = join(root, 'links');
    mkdirSync(join(dir, 'real'), { recursive: true });
    writeFileSync(join(dir, 'real', 'compose.yaml'), 'services: {}\n');
    symlinkSync('real', join(dir, 'via-link'));
    symlinkSync('gone.yaml', join(dir, 'compose.yaml'));
    symlinkSync('loop', join(dir, 'loop'));
    const r = walk(['links'], root);
    assert.deepEqual(r.files, [join(dir, 'real', 'compose.yaml')]);
    assert.deepEqual(
      r.skipped.map((s) => `${s.kind} ${s.path.slice(dir.length + 1)}: ${s.reason}`),
      ['special compose.yaml: a dangling symbolic link (to gone.yaml, which does not exist)', 'special loop: a symbolic link loop'],
    );
    assert.deepEqual(walk(['links/via-link'], root).files, [join(dir, 'via-link', 'compose.yaml')], 'a link named as a path is followed');
  });
});
