import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { memoryFs, readProblem, realFs } from './fs.js';

describe('FileReader.list: the regular files of a folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'bulwark-fs-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('realFs: files and links to files, sorted; not subfolders, what is in them, links to folders or dangling links', () => {
    writeFileSync(join(root, 'b.pem'), 'b');
    writeFileSync(join(root, '.hidden.pem'), 'h');
    writeFileSync(join(root, 'A.pem'), 'a');
    mkdirSync(join(root, 'sub.pem'));
    writeFileSync(join(root, 'sub.pem', 'inner.pem'), 'i');
    symlinkSync(join(root, 'b.pem'), join(root, 'link.pem'));
    symlinkSync(join(root, 'sub.pem'), join(root, 'dirlink.pem'));
    symlinkSync(join(root, 'missing.pem'), join(root, 'dangling.pem'));
    const fs = realFs(root);
    assert.deepEqual(fs.list?.(root), ['.hidden.pem', 'A.pem', 'b.pem', 'link.pem']);
    assert.deepEqual(fs.list?.(join(root, 'sub.pem')), ['inner.pem']);
  });

  it('realFs: a folder that is not there, or a file, cannot be listed', () => {
    const fs = realFs(root);
    assert.equal(fs.list?.(join(root, 'nope')), undefined);
    writeFileSync(join(root, 'file.txt'), 'x');
    assert.equal(fs.list?.(join(root, 'file.txt')), undefined);
  });

  it('memoryFs: texts and EACCES files directly in the folder, sorted; a folder with only subfolders is empty; none is not there', () => {
    const fs = memoryFs({
      'b.pem': 'b',
      'a.pem': 'a',
      'locked.pem': { error: 'EACCES', size: 3 },
      'fifo.pem': { error: 'ENOTREG' },
      'certs/ca.pem': 'c',
      'deep/er/x.pem': 'x',
    });
    assert.deepEqual(fs.list?.('/mem'), ['a.pem', 'b.pem', 'locked.pem']);
    assert.deepEqual(fs.list?.('/mem/certs'), ['ca.pem']);
    assert.deepEqual(fs.list?.('/mem/deep'), []);
    assert.equal(fs.list?.('/mem/nope'), undefined);
    assert.equal(fs.list?.('/mem/a.pem'), undefined);
  });
});

describe("readProblem: a read error in words, never node's text with the absolute path", () => {
  const root = mkdtempSync(join(tmpdir(), 'bulwark-fs-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const why = (absolute: string): string => {
    try {
      realFs(root).readText(absolute);
    } catch (e) {
      return readProblem(e);
    }
    return 'read';
  };

  it('realFs: a folder, a symbolic link loop, a name too long; errno codes without words are named by their code', () => {
    mkdirSync(join(root, 'dir.yaml'));
    symlinkSync('loop.yaml', join(root, 'loop.yaml'));
    assert.equal(why(join(root, 'dir.yaml')), 'a folder, not a file');
    assert.equal(why(join(root, 'loop.yaml')), 'a symbolic link loop');
    assert.equal(why(join(root, 'x'.repeat(300))), 'the path is too long');
    const raw = (code: string) => Object.assign(new Error(`${code}: something, open '${root}/compose.yaml'`), { code });
    assert.deepEqual(
      ['EACCES', 'EPERM', 'EMFILE', 'EIO', 'ENXIO', 'EBUSY', 'ERR_FS_FILE_TOO_LARGE', 'EXDEV'].map((code) => readProblem(raw(code))),
      [
        'permission denied',
        'permission denied',
        'too many open files',
        'an input/output error',
        'no such device',
        'the file is busy',
        'too large to read',
        'EXDEV',
      ],
    );
  });
});
