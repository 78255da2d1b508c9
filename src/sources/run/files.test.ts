import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RunScan, scanRunFile, scanRunFileAsync, scanRunFilesAsync } from './index.js';

/** `line:column privileged?` of each run line found, and diagnostics as `code line:column`. */
async function scan(path: string, text: string) {
  const r = await scanRunFileAsync(path, text, path);
  if (!r) return undefined;
  return {
    specs: r.specs.map((s) => `${s.at.line}:${s.at.column}${s.privileged ? ` privileged@${s.privileged.at.line}:${s.privileged.at.column}` : ''}`),
    diagnostics: r.diagnostics.map((d) => `${d.code} ${d.at.line}:${d.at.column}`),
  };
}

describe('finding run lines in files', () => {
  it('shell scripts: by extension or shebang; inside $(...), if and functions; not in comments, strings or here-documents', async () => {
    const sh = [
      '#!/usr/bin/env bash',
      'set -euo pipefail',
      '# docker run --privileged commented',
      'echo "docker run --privileged quoted"',
      'start() {',
      '  if [ -n "$X" ]; then',
      '    ID=$(docker run -d \\',
      '      --privileged img:1)',
      '  fi',
      '}',
      'cat <<EOF',
      'docker run --privileged heredoc',
      'EOF',
      'sudo docker container create --privileged=true img:2 && echo ok',
    ].join('\n');
    assert.deepEqual(await scan('deploy.sh', sh), { specs: ['7:10 privileged@8:7', '14:6 privileged@14:30'], diagnostics: [] });
    assert.deepEqual((await scan('bin/deploy', sh))?.specs.length, 2);
    assert.equal(await scan('notes', 'docker run --privileged x'), undefined);
  });

  it('command strings run by sh -c and ssh, located at the characters inside the string', async () => {
    const sh = [
      '#!/bin/sh',
      "ssh -i key.pem -p 2222 deploy@web 'docker run -d --privileged app:1'",
      'bash -lc "cd /srv && docker run --privileged app:2"',
      'ssh web docker ps',
      'sh -c "$CMD"',
    ].join('\n');
    assert.deepEqual(await scan('remote.sh', sh), { specs: ['2:36 privileged@2:50', '3:22 privileged@3:33'], diagnostics: [] });
  });

  it('Makefile recipes, with prefixes, make variables and continuations', async () => {
    const mk = [
      'IMAGE ?= app:1',
      'run: build',
      '\t@docker run --rm \\',
      '\t  --privileged $(IMAGE)',
      'x: ; -docker run --privileged app:2',
      'not-a-recipe = docker run --privileged',
    ].join('\n');
    assert.deepEqual(await scan('Makefile', mk), { specs: ['3:3 privileged@4:4', '5:7 privileged@5:18'], diagnostics: [] });
  });

  it('GitHub Actions run: blocks, literal and plain, with ${{ }} expressions', async () => {
    const wf = [
      'on: push',
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: docker run --privileged ${{ matrix.image }}',
      '      - name: many',
      '        run: |',
      '          echo "${{ github.sha }}"',
      '          docker run \\',
      '            --privileged app:1',
      '    env:',
      '      run: docker run --privileged not-a-step',
    ].join('\n');
    assert.deepEqual(await scan('.github/workflows/ci.yml', wf), { specs: ['6:14 privileged@6:25', '10:11 privileged@11:13'], diagnostics: [] });
    const action = ['name: x', 'runs:', '  using: composite', '  steps:', '    - shell: bash', '      run: docker run --privileged app:1'].join('\n');
    assert.deepEqual(await scan('action.yml', action), { specs: ['6:12 privileged@6:23'], diagnostics: [] });
  });

  it('GitHub Actions job and service containers: their options are docker create options', async () => {
    const wf = [
      'on: push',
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    container:',
      '      image: node:20.17',
      '      options: --cpus 1 --privileged',
      '    services:',
      '      db:',
      '        image: postgres:16.4',
      '        options: >-',
      '          --cap-add SYS_ADMIN',
      '          --health-cmd "pg_isready -U app"',
      '      cache:',
      '        image: redis:7.4',
      '      web: nginx:1.27',
      '    steps:',
      '      - run: echo hi',
      '  other:',
      '    container: alpine:3.20',
      '    steps:',
      '      - run: docker run --privileged app:1',
    ].join('\n');
    const r = await scanRunFileAsync('.github/workflows/ci.yml', wf, 'ci.yml');
    assert.deepEqual(
      r?.specs.map((s) => [s.name, `${s.at.line}:${s.at.column}`, s.privileged ? `privileged@${s.privileged.at.line}:${s.privileged.at.column}` : '']),
      [
        ['run@22', '22:14', 'privileged@22:25'],
        ['jobs.test.container', '7:7', 'privileged@7:25'],
        ['jobs.test.services.db', '11:9', ''],
      ],
    );
    const db = r?.specs[2];
    assert.deepEqual(
      db?.capAdd.map((c) => `${c.value}@${c.at.line}:${c.at.column}`),
      ['SYS_ADMIN@12:11'],
    );
    assert.equal(db?.image && !('reason' in db.image.value) ? db.image.value.raw : undefined, 'postgres:16.4');
    assert.deepEqual(r?.diagnostics, []);
  });

  it('GitHub Actions container options: expressions, a word that is no option, a broken quote', async () => {
    const wf = [
      'jobs:',
      '  a:',
      '    container:',
      '      image: ${{ matrix.image }}',
      '      options: ${{ matrix.options }}',
      '    services:',
      '      b:',
      '        image: redis:7.4',
      '        options: --read-only oops',
      '      c:',
      '        image: redis:7.4',
      '        options: --health-cmd "redis-cli ping',
      '      d:',
      '        image: redis:7.4',
      '        options: --db-password Sup3rS3cretPw --read-only',
    ].join('\n');
    const r = await scanRunFileAsync('.github/workflows/ci.yml', wf, 'ci.yml');
    const a = r?.specs.find((s) => s.name === 'jobs.a.container');
    assert.ok(a?.image && 'reason' in a.image.value, 'an image from an expression is unknown');
    assert.ok(a?.readonlyRootfs && typeof a.readonlyRootfs.value === 'object', 'options from an expression may set anything');
    assert.deepEqual(
      r?.diagnostics.map((d) => `${d.code} ${d.severity} ${d.at.line}:${d.at.column}`),
      [
        'unknown-flag warning 5:16',
        'unknown-flag warning 9:30',
        'shell-syntax error 12:31',
        'unknown-flag error 15:18',
        'unknown-flag warning 15:32',
        'unknown-flag warning 15:46',
      ],
    );
    // The word after an unknown flag may be its value: never shown.
    assert.deepEqual(
      r?.diagnostics.filter((d) => d.at.line === 15).map((d) => d.message),
      [
        'unknown flag: --db-password',
        'the word after unknown flag --db-password is not an option; the runner would put it before the image, where it would be taken for the image',
        '--read-only is not an option; the runner would put it before the image, where it would be taken for the image',
      ],
    );
  });

  it('GitLab CI script, before_script and after_script items', async () => {
    const gl = [
      'variables:',
      '  IMG: app:1',
      'build:',
      '  before_script:',
      '    - docker login',
      '  script:',
      '    - docker run --privileged $IMG',
      "    - 'docker run --privileged app:2'",
    ].join('\n');
    assert.deepEqual(await scan('.gitlab-ci.yml', gl), { specs: ['7:7 privileged@7:18', '8:8 privileged@8:19'], diagnostics: [] });
  });

  it('systemd ExecStart= lines, with prefixes, specifiers and continuations', async () => {
    const unit = [
      '[Service]',
      'ExecStartPre=-/usr/bin/docker rm -f %n',
      'ExecStart=/usr/bin/docker run --rm --name %n \\',
      '  --privileged app:1',
      'ExecStop=/usr/bin/docker stop %n',
    ].join('\n');
    assert.deepEqual(await scan('app.service', unit), { specs: ['3:11 privileged@4:3'], diagnostics: [] });
  });

  it('Markdown sh, bash, shell and console blocks; prompts stripped, output lines skipped', async () => {
    const md = [
      '# Title',
      '```console',
      '$ docker run --privileged app:1',
      'docker run --privileged output-not-a-command',
      '```',
      '```yaml',
      'x: docker run --privileged no',
      '```',
      '```sh',
      'docker run \\',
      '  --privileged app:2',
      '```',
      '1. In a list item:',
      '',
      '    ```bash',
      '    docker run --privileged app:3',
      '    ```',
    ].join('\n');
    assert.deepEqual(await scan('README.md', md), { specs: ['3:3 privileged@3:14', '10:1 privileged@11:3', '16:5 privileged@16:16'], diagnostics: [] });
  });
});

describe('hostile input', () => {
  it('an unterminated quote gives a located shell-syntax diagnostic, synchronously and with mvdan/sh', async () => {
    const text = 'echo ok\ndocker run --name "api nginx:1.27\n';
    assert.deepEqual(await scan('bad.sh', text), { specs: [], diagnostics: ['shell-syntax 2:19'] });
    assert.deepEqual(
      scanRunFile('bad.sh', text, 'bad.sh')?.diagnostics.map((d) => `${d.code} ${d.at.line}:${d.at.column}`),
      ['shell-syntax 2:19'],
    );
  });

  it('a bad block in a Markdown file is reported and the other blocks are still scanned', async () => {
    const md = ['```sh', 'docker run "oops', '```', '```sh', 'docker run --privileged app:1', '```'].join('\n');
    assert.deepEqual(await scan('README.md', md), { specs: ['5:1 privileged@5:12'], diagnostics: ['shell-syntax 2:12'] });
  });

  it('files checked in one batch: a broken file is located in itself and the others are still scanned', async () => {
    const rs = await scanRunFilesAsync([
      { path: 'a.sh', text: 'docker run --privileged a:1 \\\n', source: 'a.sh' },
      { path: 'b.sh', text: 'x=1\ndocker run "b:1\n', source: 'b.sh' },
      { path: 'c.md', text: '```sh\ndocker run --privileged c:1\n```\n```sh\nif true; then docker run d:1\n```\n', source: 'c.md' },
    ]);
    assert.deepEqual(
      rs.map((r) => [r?.specs.map((s) => `${s.at.source}:${s.at.line}`), r?.diagnostics.map((d) => `${d.code} ${d.at.source}:${d.at.line}:${d.at.column}`)]),
      [
        [['a.sh:1'], []],
        [[], ['shell-syntax b.sh:2:12']],
        [['c.md:2'], ['shell-syntax c.md:5:1']],
      ],
    );
  });

  it('an unclosed quote is blamed on its own block, not on a later one it runs into, in either order', async () => {
    const x1 = { path: 'p/x1.sh', text: '#!/bin/sh\ndocker run -d app:1 echo "x\n', source: 'p/x1.sh' };
    const x2 = { path: 'q/x2.sh', text: '#!/bin/sh\ndocker run -d --name "web" --privileged app:1\n', source: 'q/x2.sh' };
    const brief = (rs: (RunScan | undefined)[]) =>
      rs.map((r) => [
        r?.specs.map((s) => `${s.at.source}:${s.at.line}${s.privileged ? ` privileged@${s.privileged.at.line}:${s.privileged.at.column}` : ''}`),
        r?.diagnostics.map((d) => `${d.code} ${d.at.source}:${d.at.line}:${d.at.column}`),
      ]);
    const one = [[], ['shell-syntax p/x1.sh:2:26']];
    const two = [['q/x2.sh:2 privileged@2:28'], []];
    assert.deepEqual(brief(await scanRunFilesAsync([x1, x2])), [one, two]);
    assert.deepEqual(brief(await scanRunFilesAsync([x2, x1])), [two, one]);
    // Two code blocks of one Markdown file, and a broken block after a sound one and before a broken one.
    const md = ['```sh', 'docker run app:1 echo "x', '```', '```sh', 'docker run --name "web" --privileged app:1', '```'].join('\n');
    assert.deepEqual(await scan('README.md', md), { specs: ['5:1 privileged@5:25'], diagnostics: ['shell-syntax 2:23'] });
    const three = ['```sh', 'docker run --privileged a:1', '```', md, '```sh', "docker run 'b:1", '```'].join('\n');
    assert.deepEqual(await scan('README.md', three), {
      specs: ['2:1 privileged@2:12', '8:1 privileged@8:25'],
      diagnostics: ['shell-syntax 5:23', 'shell-syntax 11:12'],
    });
  });

  it('a 1 MB single line is scanned without a crash, quickly', async () => {
    const line = `docker run --privileged -e X=${'a'.repeat(1024 * 1024)} app:1`;
    const t0 = performance.now();
    const r = await scan('big.sh', line);
    assert.deepEqual(r, { specs: ['1:1 privileged@1:12'], diagnostics: [] });
    assert.ok(performance.now() - t0 < 5000);
    const unterminated = await scan('big2.sh', `docker run "${'a'.repeat(1024 * 1024)}`);
    assert.deepEqual(unterminated?.diagnostics, ['shell-syntax 1:12']);
  });

  it('a binary file named .sh gives a located diagnostic at the first NUL byte', async () => {
    const bin = `\x7fELF\x02\x01\x01\x00docker run --privileged x${'\x00\xff'.repeat(100)}`;
    assert.deepEqual(await scan('tool.sh', bin), { specs: [], diagnostics: ['binary 1:8'] });
  });

  it('broken YAML in a workflow gives a located yaml-syntax diagnostic', async () => {
    assert.deepEqual(await scan('.github/workflows/x.yml', 'jobs:\n  a: [\n'), { specs: [], diagnostics: ['yaml-syntax 3:1'] });
  });
});
