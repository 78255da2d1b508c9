// Text output on a terminal: names and values from scanned files are printed with their control characters
// escaped, so a hostile file cannot move the cursor, erase findings or retitle the window (found by a
// first-user test: a service named "ok\e[1A\e[2K\rinnocent" erased the line above each of its findings).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const BIN = CLI;
const dir = mkdtempSync(join(tmpdir(), 'bulwark-ansi-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('text output escapes control characters from scanned files', () => {
  it('in messages, input errors and file names', () => {
    // A service name outside compose's `^[a-zA-Z0-9._-]+$` and a capability dockerd does not know are input errors,
    // quoted; a value written in the file (a host device) reaches a finding's message.
    writeFileSync(
      join(dir, 'compose.yaml'),
      'services:\n  "ok\\e[1A\\e[2K\\rinnocent":\n    image: nginx:1.27\n    privileged: true\n  web:\n    image: nginx:1.27\n    cap_add: ["NET_RAW\\e[1A\\e[2K\\rok"]\n    devices: ["/dev/sda\\e[1A\\e[2K\\rok:/dev/x"]\n',
    );
    writeFileSync(join(dir, 'x\u001b[2J.Dockerfile'), 'FROM alpine:3.20\n\u001b]0;pwned\u0007 x\n');
    // Named explicitly: discovery in folders does not take such a name for a Dockerfile.
    const r = spawnSync(process.execPath, [BIN, 'scan', '.', 'x\u001b[2J.Dockerfile', '--no-color'], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    assert.equal(r.status, 2, r.stderr);
    assert.doesNotMatch(r.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/, 'no raw control character but newlines');
    assert.match(r.stdout, / {2}2:3 {6}error {4}service name "ok\\x1b\[1A\\x1b\[2K\\rinnocent" is not valid/);
    assert.match(r.stdout, / {2}7:15 {5}error {4}service "web": cap_add\[0\] "NET_RAW\\x1b\[1A\\x1b\[2K\\rok": unknown capability/);
    assert.match(r.stdout, / {2}8:15 {5}medium {3}Service "web" is given host device \/dev\/sda\\x1b\[1A\\x1b\[2K\\rok with permissions rwm\./);
    assert.match(r.stdout, /^x\\x1b\[2J\.Dockerfile$/m);
    assert.match(r.stdout, /unknown instruction: \\x1b\]0;pwned\\x07/);
  });
});
