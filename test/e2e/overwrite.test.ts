// The CLI never writes a report or a baseline over a file it reads: the scanned files (also those reached through
// extends, or named by another spelling, a symbolic or a hard link), the configuration, the baseline, the host
// files of an audit. It refuses with a usage error (exit 2) before writing anything.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-overwrite-'));
after(() => rmSync(root, { recursive: true, force: true }));

const COMPOSE = 'services:\n  web:\n    extends:\n      file: base.yaml\n      service: base\n    image: nginx:1.27\n';
const BASE = 'services:\n  base:\n    privileged: true\n';

let n = 0;
function tree(): string {
  const dir = join(root, `t${++n}`);
  mkdirSync(join(dir, 'ow'), { recursive: true });
  writeFileSync(join(dir, 'ow', 'compose.yaml'), COMPOSE);
  writeFileSync(join(dir, 'ow', 'base.yaml'), BASE);
  return dir;
}
function bulwark(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
/** The refusal, and the inputs left as they were. */
function refused(dir: string, r: ReturnType<typeof bulwark>, message: string): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `bulwark: ${message}\n`);
  assert.equal(readFileSync(join(dir, 'ow', 'compose.yaml'), 'utf8'), COMPOSE);
  assert.equal(readFileSync(join(dir, 'ow', 'base.yaml'), 'utf8'), BASE);
}

describe('an output path that is an input', () => {
  it('-o or --write-baseline naming the scanned compose file: refused, the file kept', () => {
    const dir = tree();
    const tail = 'which this command reads; nothing was written: choose another file';
    refused(dir, bulwark(dir, 'scan', 'ow/compose.yaml', '-o', 'ow/compose.yaml', '-f', 'json'), `--output ow/compose.yaml is ow/compose.yaml, ${tail}`);
    refused(dir, bulwark(dir, 'scan', 'ow', '--write-baseline', 'ow/compose.yaml'), `--write-baseline ow/compose.yaml is ow/compose.yaml, ${tail}`);
    refused(dir, bulwark(dir, 'scan', 'ow', '-o', './ow/../ow/compose.yaml'), `--output ./ow/../ow/compose.yaml is ow/compose.yaml, ${tail}`);
  });

  it('a file read through extends, a symbolic link or a hard link to an input: refused after the scan, before writing', () => {
    const dir = tree();
    const tail = 'which this command reads; nothing was written: choose another file';
    refused(dir, bulwark(dir, 'scan', 'ow', '-o', 'ow/base.yaml'), `--output ow/base.yaml is ow/base.yaml, ${tail}`);
    symlinkSync('ow/compose.yaml', join(dir, 'link.yaml'));
    refused(dir, bulwark(dir, 'scan', 'ow', '-o', 'link.yaml'), `--output link.yaml is ow/compose.yaml, ${tail}`);
    linkSync(join(dir, 'ow', 'base.yaml'), join(dir, 'hard.json'));
    refused(dir, bulwark(dir, 'scan', 'ow', '--write-baseline', 'hard.json'), `--write-baseline hard.json is ow/base.yaml, ${tail}`);
  });

  it('the configuration or the baseline: refused; two outputs naming one file: refused', () => {
    const dir = tree();
    writeFileSync(join(dir, '.bulwark.yaml'), 'fail-on: none\n');
    const tail = 'which this command reads; nothing was written: choose another file';
    refused(dir, bulwark(dir, 'scan', 'ow', '-o', '.bulwark.yaml'), `--output .bulwark.yaml is .bulwark.yaml, ${tail}`);
    assert.equal(readFileSync(join(dir, '.bulwark.yaml'), 'utf8'), 'fail-on: none\n');
    assert.equal(bulwark(dir, 'scan', 'ow', '--write-baseline', 'b.json').code, 0);
    const baseline = readFileSync(join(dir, 'b.json'), 'utf8');
    refused(dir, bulwark(dir, 'scan', 'ow', '--baseline', 'b.json', '-o', 'b.json'), `--output b.json is b.json, ${tail}`);
    assert.equal(readFileSync(join(dir, 'b.json'), 'utf8'), baseline);
    refused(
      dir,
      bulwark(dir, 'scan', 'ow', '--write-baseline', 'new.json', '-o', 'new.json'),
      '--output and --write-baseline name the same file (new.json); nothing was written: choose two files',
    );
    assert.equal(existsSync(join(dir, 'new.json')), false);
  });

  it('a new file beside the inputs is written; rewriting the baseline read with --baseline is allowed', () => {
    const dir = tree();
    const r = bulwark(dir, 'scan', 'ow', '-o', 'ow/report.json', '-f', 'json', '--write-baseline', 'ow/baseline.json');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(JSON.parse(readFileSync(join(dir, 'ow', 'report.json'), 'utf8')).suppressed.length > 0, 'the findings, baselined');
    assert.equal(bulwark(dir, 'scan', 'ow', '--baseline', 'ow/baseline.json', '--write-baseline', 'ow/baseline.json').code, 0);
  });

  it('audit host: a host file it reads is refused as an output', () => {
    const dir = tree();
    cpSync(join(process.cwd(), 'test/fixtures/host/debian-default'), join(dir, 'host'), { recursive: true });
    const before = readFileSync(join(dir, 'host/etc/docker/daemon.json'), 'utf8');
    const r = bulwark(dir, 'audit', 'host', '--root', 'host', '-o', 'host/etc/docker/daemon.json');
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^bulwark: --output host\/etc\/docker\/daemon\.json is .*host\/etc\/docker\/daemon\.json, which this command reads/);
    assert.equal(readFileSync(join(dir, 'host/etc/docker/daemon.json'), 'utf8'), before);
  });
});
