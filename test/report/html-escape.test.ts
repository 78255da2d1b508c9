// The HTML report shows control characters from scanned names as escapes, as the text, JSON, JUnit and Markdown
// reports do: a service named "evil\e[2J\e[31mFAKE\a\r\n" must not put raw ESC, BEL or CR into the file (found by a
// hostile test: `cat report.html` cleared the terminal and printed a fake line).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { htmlEscape } from '../../src/report/html.js';
import { CLI } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-html-escape-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('HTML report: control characters', () => {
  it('htmlEscape shows them as printable escapes, then escapes HTML', () => {
    assert.equal(
      htmlEscape('evil\u001b[2J\u001b[31mFAKE\u0007\r\n<b>"x"</b>\u202e'),
      'evil\\x1b[2J\\x1b[31mFAKE\\x07\\r\\n&lt;b&gt;&quot;x&quot;&lt;/b&gt;\\u202e',
    );
    assert.equal(htmlEscape('plain & simple'), 'plain &amp; simple');
  });

  it('a hostile service name, file name and input error reach the file escaped', () => {
    // The service name and the capability are input errors (compose refuses the name, dockerd the capability) that
    // quote them; a host device carries it into a finding.
    writeFileSync(
      join(dir, 'compose.yaml'),
      'services:\n  "evil\\e[2J\\e[31mFAKE\\a\\r\\n":\n    image: nginx:1.27\n  web:\n    image: nginx:1.27\n    cap_add: ["NET_RAW\\e[2J\\e[31mFAKE\\a\\r\\n"]\n    devices: ["/dev/sda\\e[2J\\e[31mFAKE\\a:/dev/x"]\n',
    );
    writeFileSync(join(dir, 'x\u001b[2J.Dockerfile'), 'FROM alpine:3.20\n\u001b]0;pwned\u0007 x\n');
    const r = spawnSync(process.execPath, [CLI, 'scan', '.', 'x\u001b[2J.Dockerfile', '-f', 'html'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    assert.doesNotMatch(r.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, 'no raw control character but newlines');
    assert.match(r.stdout, /service name &quot;evil\\x1b\[2J\\x1b\[31mFAKE\\x07\\r\\n&quot; is not valid/);
    assert.match(r.stdout, /cap_add\[0\] &quot;NET_RAW\\x1b\[2J\\x1b\[31mFAKE\\x07\\r\\n&quot;: unknown capability/);
    assert.match(r.stdout, /Service &quot;web&quot; is given host device \/dev\/sda\\x1b\[2J\\x1b\[31mFAKE\\x07 with permissions rwm\./);
    assert.match(r.stdout, /<td class="loc">x\\x1b\[2J\.Dockerfile<span class="pos">/);
    assert.match(r.stdout, /unknown instruction: \\x1b\]0;pwned\\x07/);
  });
});
