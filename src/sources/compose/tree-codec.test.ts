import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { LineIndex } from '../../model/index.js';
import { type FileReader, memoryFs } from '../fs.js';
import type { Environment } from './interpolate.js';
import { loadComposeFile, preparseComposeText } from './load.js';
import { type LNode, type LScalar, type SourceFile, toTree } from './tree.js';
import { decodeTree, encodeTree } from './tree-codec.js';

const TEXT = `x-base: &base
  image: "registry.example/app:\${TAG:-1.0}"
  read_only: true
  cpus: 1.5
  mem_limit: 1e3
  pids_limit: 100
  stop_grace_period: .inf
  big: 123456789012345678901234
  empty:
  binary: !!binary aGVsbG8=
services:
  web:
    <<: *base
    user: !reset null
    ports: !override ["127.0.0.1:8080:80", 443]
    command: |
      sh -c "echo $$HOME \${GREETING}"
      run --token \${TOKEN}
    environment:
      - A=$A
      - B
    labels: {1: one, "two": 2, yes: no}
  worker:
    <<: [*base]
    healthcheck: { test: [CMD, true], disable: false }
    devices: [~]
`;

function tree(text: string): { root: LNode; dollars: LScalar[]; file: SourceFile } {
  const file: SourceFile = { display: 'compose.yaml', absolute: '/mem/compose.yaml', index: new LineIndex(text) };
  const dollars: LScalar[] = [];
  const root = toTree(parseDocument(text, { merge: true, uniqueKeys: false }), file, text, (s) => {
    if (typeof s.value === 'string' && s.value.includes('$')) dollars.push(s);
  });
  if (!root) throw new Error('no tree');
  return { root, dollars, file };
}

/** Loads compose.yaml of `files` as a scan does, with or without a tree parsed ahead for it. */
function load(files: Record<string, string>, env: Environment, ahead: boolean) {
  const fs: FileReader = memoryFs(files);
  if (ahead) fs.preparsed = (_abs, text) => preparseComposeText(text);
  const diagnostics: { code: string; message: string; line?: number; column?: number }[] = [];
  const raw: Parameters<typeof loadComposeFile>[3] = [];
  const loaded = loadComposeFile('/mem/compose.yaml', fs, env, raw);
  for (const d of raw) diagnostics.push({ code: d.code, message: d.message, line: d.at.line, column: d.at.column });
  return { loaded, diagnostics };
}

describe('encodeTree / decodeTree', () => {
  it('rebuilds the tree toTree gives: values, offsets, tags, block lines, floats and the dollar scalars in order', () => {
    const t = tree(TEXT);
    const back = decodeTree(encodeTree(t.root, t.dollars), t.file);
    assert.deepEqual(back.root, t.root);
    assert.deepEqual(
      back.dollars.map((d) => d.value),
      ['registry.example/app:${TAG:-1.0}', 'sh -c "echo $$HOME ${GREETING}"\nrun --token ${TOKEN}\n', 'A=$A'],
    );
    assert.deepEqual(back.dollars, t.dollars);
  });

  it('keeps shared nodes shared: an aliased value, and the pairs a merge key copies', () => {
    const t = tree(TEXT);
    const { root } = decodeTree(encodeTree(t.root, t.dollars), t.file);
    const get = (n: LNode | undefined, k: string) => (n?.kind === 'map' ? n.entries.get(k)?.value : undefined);
    const web = get(get(root, 'services'), 'web');
    const worker = get(get(root, 'services'), 'worker');
    assert.ok(get(web, 'image') !== undefined);
    assert.equal(get(web, 'image'), get(get(root, 'x-base'), 'image'), 'the merged value is the anchored one');
    assert.equal(get(web, 'image'), get(worker, 'image'));
    // Each dollar scalar is the node of the tree, so interpolating it changes the tree.
    assert.equal(decodeTree(encodeTree(t.root, t.dollars), t.file).dollars.length, 3);
  });

  it('refuses an encoding cut short', () => {
    const t = tree('a: 1\n');
    const enc = encodeTree(t.root, t.dollars);
    assert.throws(() => decodeTree({ numbers: enc.numbers.slice(0, 5), strings: enc.strings }, t.file), /ends early/);
  });
});

describe('preparseComposeText', () => {
  it('gives no tree for a file loadComposeFile reports or reads in layers', () => {
    const refused = [
      'services: {\n', // a YAML error
      'a: 1\na: 2\n', // a duplicate key
      'a: &x 1\n---\nb: 2\n', // several documents
      '- a\n- b\n', // not a mapping
      '', // empty
      'a: *nowhere\n', // an alias without its anchor
      `a: ${'['.repeat(300)}${']'.repeat(300)}\n`, // nested too deep
      'a: "\u0000"\n', // a NUL byte
    ];
    for (const text of refused) assert.equal(preparseComposeText(text), undefined, JSON.stringify(text.slice(0, 20)));
    assert.ok(preparseComposeText(TEXT));
  });

  it('loads a file parsed ahead exactly as one parsed in the main thread: tree, interpolation, diagnostics', () => {
    const envs: Environment[] = [{ get: () => undefined }, { get: (k) => ({ TAG: '2.0', GREETING: 'hi', TOKEN: 's3cr3t-t0ken-value', A: 'a' })[k] }];
    const texts = [
      TEXT,
      // A required variable without a value (unknown), and an invalid interpolation (an error diagnostic).
      'services:\n  web:\n    image: ${IMAGE:?set IMAGE}\n    command: ["${BAD"]\n',
      'services:\n  web:\n    image: nginx\n    environment:\n      KEY: |\n        line $$ one\n        ${X-default}\n',
    ];
    for (const text of texts) {
      for (const env of envs) {
        const plain = load({ 'compose.yaml': text }, env, false);
        const ahead = load({ 'compose.yaml': text }, env, true);
        assert.deepEqual(ahead, plain);
      }
    }
    const bad = load({ 'compose.yaml': texts[1] as string }, envs[0] as Environment, true);
    assert.deepEqual(
      bad.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`),
      ['invalid-interpolation 4:15'],
    );
  });
});
