// Parsing ahead (src/pipeline/parse-ahead.ts): a second thread parses compose files while the main thread checks
// them. The scan must equal a scan in one thread, whatever the files hold: interpolation from the environment and
// each project's .env, anchors and merge keys, block scalars with `$`, !reset, override files, extends and
// include, files that do not parse, several documents, a file that is no mapping, one named twice.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SCAN_WORKER_ARG } from '../../src/pipeline/parallel.js';
import { startParseAhead } from '../../src/pipeline/parse-ahead.js';
import { type ScanResult, scanPathsAsync } from '../../src/pipeline/scan.js';
import { realFs } from '../../src/sources/fs.js';

const BIN = fileURLToPath(new URL('../../src/bin.js', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'bulwark-parse-ahead-'));
after(() => rmSync(root, { recursive: true, force: true }));

function put(rel: string, text: string): string {
  const abs = join(root, rel);
  mkdirSync(join(abs, '..'), { recursive: true });
  writeFileSync(abs, text);
  return abs;
}

const kinds = [
  // Interpolation from the project's .env and the environment; a secret-shaped value from a variable.
  (n: string) =>
    `services:\n  app${n}:\n    image: "registry.example/app:\${TAG:-latest}"\n    environment:\n      DB_PASSWORD: \${DB_PASSWORD}\n      MODE: $MODE\n`,
  // Anchors and merge keys, !reset, flow and block collections.
  (n: string) =>
    `x-base: &base\n  read_only: true\n  cap_drop: [ALL]\n  user: "10001"\nservices:\n  app${n}:\n    <<: *base\n    image: nginx:1.27\n    user: !reset null\n    ports: ["8080:80", {target: 443, published: 8443}]\n`,
  // A block scalar with variables and `$$`, where secrets are looked for line by line.
  (n: string) =>
    `services:\n  job${n}:\n    image: alpine:3.20\n    command:\n      - sh\n      - -c\n      - |\n        echo $$HOME\n        app --password \${PASS:-hunter2hunter2} --user admin\n`,
  // Privileged, host network, the Docker socket.
  (n: string) =>
    `services:\n  ops${n}:\n    image: docker:27\n    privileged: "true"\n    network_mode: host\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n`,
];
for (let i = 0; i < 40; i++) {
  const n = String(i).padStart(2, '0');
  put(`p${n}/compose.yaml`, (kinds[i % kinds.length] as (n: string) => string)(n));
  if (i % 4 === 0) put(`p${n}/.env`, `TAG=${i}.0\nDB_PASSWORD=Zx9-very-secret-${i}\n`);
  if (i % 5 === 0) put(`p${n}/compose.override.yaml`, `services:\n  app${n}:\n    cap_add: [NET_ADMIN]\n`);
}
put('shared/base.yaml', 'services:\n  base:\n    image: nginx:1.27\n    pid: host\n');
put('ext/compose.yaml', 'services:\n  web:\n    extends:\n      file: ../shared/base.yaml\n      service: base\n');
put('inc/compose.yaml', 'include:\n  - ../shared/base.yaml\nservices:\n  other:\n    image: redis:7\n');
put('broken/compose.yaml', 'services:\n  x: {\n');
put('dup/compose.yaml', 'services:\n  x:\n    image: a\n    image: b\n');
put('layers/compose.yaml', 'services:\n  a:\n    image: a:1\n---\nservices:\n  a:\n    privileged: true\n');
put('list/compose.yaml', '- not\n- a mapping\n');
put('bad-var/compose.yaml', 'services:\n  a:\n    image: "${BAD"\n');
const named = put('stack.yml', 'services:\n  alone:\n    image: nginx\n    ipc: host\n');

async function scan(parseAhead: boolean): Promise<ScanResult> {
  // The stack file is named twice: once by its folder, once alone.
  const base = { paths: [root, named], cwd: root, env: { MODE: 'prod' } };
  if (!parseAhead) return scanPathsAsync(base);
  return scanPathsAsync({ ...base, parallel: { script: BIN, context: { cwd: root, env: base.env }, workers: 0, parseAhead: true, minFiles: 10 } });
}

describe('parsing ahead in a second thread', () => {
  it('gives exactly the findings, errors and counts of a scan in one thread', async () => {
    const one = await scan(false);
    const two = await scan(true);
    assert.equal(one.stats.threads, 1);
    assert.equal(two.stats.threads, 2, 'the main thread and the parsing thread');
    assert.ok(one.findings.length > 150, `the tree gives many findings (${one.findings.length})`);
    assert.deepEqual(two.findings, one.findings);
    assert.deepEqual(two.diagnostics, one.diagnostics);
    assert.deepEqual(two.stats, { ...one.stats, threads: 2 });
    assert.deepEqual(two.claimed, one.claimed);
    assert.deepEqual(two.suppressions, one.suppressions);
    assert.deepEqual(
      two.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.at.source}:${d.at.line}`),
      [
        'invalid-interpolation bad-var/compose.yaml:3',
        'yaml-syntax broken/compose.yaml:3',
        'yaml-syntax dup/compose.yaml:4',
        'not-a-mapping list/compose.yaml:1',
      ],
    );
    // A secret that came from a project's .env is never printed.
    assert.ok(!JSON.stringify(two.findings).includes('Zx9-very-secret'));
  });

  it('hands a tree over only for the text it parsed, once, and only for a file it was given', async () => {
    const files = [join(root, 'p00/compose.yaml'), join(root, 'p01/compose.yaml'), join(root, 'broken/compose.yaml')];
    const ahead = startParseAhead(BIN, [SCAN_WORKER_ARG], files);
    try {
      const fs = ahead.reader(realFs(root));
      const text = (f: string) => readFileSync(f, 'utf8');
      const [p0, p1, broken] = files as [string, string, string];
      // A text that differs from what the other thread read (the file changed in between): no tree.
      assert.equal(fs.preparsed?.(p0, `${text(p0)}\n# changed`), undefined);
      assert.equal(fs.preparsed?.(p0, text(p0)), undefined, 'each file is handed over once');
      assert.ok(fs.preparsed?.(p1, text(p1)), 'a tree for the text it parsed');
      assert.equal(fs.preparsed?.(broken, text(broken)), undefined, 'no tree for a file that does not parse');
      assert.equal(fs.preparsed?.(join(root, 'stack.yml'), text(named)), undefined, 'no tree for a file not given');
      // The reader still reads.
      assert.equal(fs.readText(p1), text(p1));
      assert.equal(fs.display(p1), 'p01/compose.yaml');
    } finally {
      await ahead.close();
    }
  });

  it('parses in the main thread what the other thread cannot (its script fails): the same scan', async () => {
    const base = { paths: [root, named], cwd: root, env: { MODE: 'prod' } };
    const one = await scan(false);
    const failing = put('fail-worker.mjs', 'throw new Error("boom");\n');
    const r = await scanPathsAsync({
      ...base,
      parallel: { script: failing, context: { cwd: root, env: base.env }, workers: 0, parseAhead: true, minFiles: 10 },
    });
    assert.deepEqual(r.findings, one.findings);
    assert.deepEqual(r.diagnostics, one.diagnostics);
  });
});
