import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../../model/index.js';
import { memoryFs } from '../fs.js';
import { loadComposeFile } from './load.js';
import { get, type LNode, locate } from './tree.js';

function load(text: string): string[] {
  const diagnostics: Diagnostic[] = [];
  loadComposeFile('/mem/compose.yaml', memoryFs({ 'compose.yaml': text }), { get: () => undefined }, diagnostics);
  return diagnostics.map((d) => `${d.code} ${d.at.line}:${d.at.column} ${d.message}`);
}

describe('toTree: keys', () => {
  it('refuses a key written twice in one mapping, block or flow, at the second one', () => {
    assert.deepEqual(load('services:\n  web:\n    image: a:1\n    image: b:1\n'), [
      'yaml-syntax 4:5 duplicate key "image" (first at line 3): compose refuses a key written twice in one mapping',
    ]);
    assert.deepEqual(load('services: {web: {image: a, privileged: false, privileged: true}}\n'), [
      'yaml-syntax 1:47 duplicate key "privileged" (first at line 1): compose refuses a key written twice in one mapping',
    ]);
    // Keys are the strings compose reads: 1 and "1" are one key, as yaml.v3 says.
    assert.deepEqual(load('services:\n  web:\n    image: a\n    environment:\n      1: x\n      "1": y\n'), [
      'yaml-syntax 6:7 duplicate key "1" (first at line 5): compose refuses a key written twice in one mapping',
    ]);
    // A key of up to 1,024 characters (YAML's implicit-key limit) is cut past 120, as quoteValue cuts any value;
    // a secret-shaped one is masked.
    const long = 'k'.repeat(1000);
    assert.deepEqual(load(`services:\n  web:\n    ${long}: 1\n    ${long}: 2\n`), [
      `yaml-syntax 4:5 duplicate key "${'k'.repeat(100)}..." (1000 characters) (first at line 3): compose refuses a key written twice in one mapping`,
    ]);
    assert.deepEqual(load('x-a:\n  ghp_abcdefghijklmnopqrstuvwxyz0123456789: 1\n  ghp_abcdefghijklmnopqrstuvwxyz0123456789: 2\n'), [
      'yaml-syntax 3:3 duplicate key "ghp_...(40 chars)" (a GitHub token) (first at line 2): compose refuses a key written twice in one mapping',
    ]);
  });

  it('refuses two merge keys in one mapping, and keys that are not scalars', () => {
    assert.deepEqual(load('x-a: &a {privileged: true}\nx-b: &b {pid: host}\nservices:\n  web:\n    <<: *a\n    <<: *b\n    image: a\n'), [
      'yaml-syntax 6:5 duplicate key "<<" (first at line 5): compose refuses a key written twice in one mapping',
    ]);
    assert.deepEqual(load('services:\n  ? [a, b]\n  : {image: x, privileged: true}\n'), [
      'yaml-syntax 2:5 a mapping key must be a scalar: compose reads every key as a string',
    ]);
  });

  it('accepts the same key in different mappings, and a key a merge also brings', () => {
    assert.deepEqual(load('x-a: &a {image: a, privileged: true}\nservices:\n  web:\n    <<: *a\n    image: b\n  db:\n    image: b\n'), []);
  });

  it('reads a mapping of 20,000 keys (checked in one pass, not against every earlier key)', () => {
    const lines = ['services:'];
    for (let i = 0; i < 20_000; i++) lines.push(`  s${i}: {image: nginx:1.27}`);
    assert.deepEqual(load(`${lines.join('\n')}\n`), []);
  });
});

describe('loadComposeFile: several YAML documents in one file', () => {
  const loadRoot = (text: string) => {
    const diagnostics: Diagnostic[] = [];
    const f = loadComposeFile('/mem/compose.yaml', memoryFs({ 'compose.yaml': text }), { get: () => undefined }, diagnostics);
    return { root: f.root, shown: diagnostics.map((d) => `${d.code} ${d.at.line}:${d.at.column} ${d.message}`) };
  };
  const services = (root: ReturnType<typeof loadRoot>['root']) => {
    const s = root?.entries.get('services')?.value;
    return s?.kind === 'map' ? [...s.entries.keys()] : [];
  };

  it('merges the documents in order, as compose-go does, each value located where it is written', () => {
    const { root, shown } = loadRoot('services:\n  a: {image: nginx:1.27}\n---\nservices:\n  a: {privileged: true}\n  b: {image: redis:7}\n---\n');
    assert.deepEqual(shown, []);
    assert.deepEqual(services(root), ['a', 'b']);
    const a = root?.entries.get('services')?.value;
    const priv = a?.kind === 'map' ? a.entries.get('a')?.value : undefined;
    const p = priv?.kind === 'map' ? priv.entries.get('privileged')?.value : undefined;
    assert.equal(p?.kind === 'scalar' ? p.value : undefined, true);
    assert.equal(p?.start, 'services:\n  a: {image: nginx:1.27}\n---\nservices:\n  a: {privileged: '.length);
  });

  it('locates errors in any document, and refuses a document that is not a mapping', () => {
    assert.deepEqual(loadRoot('services: {}\n---\nservices:\n  a: [unclosed\n').shown.length > 0, true);
    assert.deepEqual(loadRoot('services: {}\n---\n- a\n').shown, ['not-a-mapping 3:1 a compose file must be a mapping at the top level']);
    assert.deepEqual(loadRoot('---\n---\n').shown, ['not-a-mapping 1:1 empty compose file']);
  });
});

describe('toTree: aliases', () => {
  it('refuses an alias inside the value its anchor names (a cycle), located, instead of recursing forever', () => {
    assert.deepEqual(load('x-a: &a [*a]\nservices:\n  web:\n    image: nginx:1.27\n'), [
      'yaml-syntax 1:10 alias *a is inside the value it names (a cycle): compose refuses it',
    ]);
    assert.deepEqual(load('x-a: &a {b: *a}\nservices: {}\n'), ['yaml-syntax 1:13 alias *a is inside the value it names (a cycle): compose refuses it']);
    assert.deepEqual(load('services: {a: &a {image: x:1, x-self: *a}}\n'), [
      'yaml-syntax 1:39 alias *a is inside the value it names (a cycle): compose refuses it',
    ]);
    // An alias after its anchored value is closed is no cycle.
    assert.deepEqual(load('x-a: &a {image: x:1}\nservices: {a: *a, b: {<<: *a}}\n'), []);
  });

  it('refuses aliases that nest values deeper than 256 levels, each anchor within the limit (no stack overflow)', () => {
    // x-l1 wraps *l0 in 100 brackets, x-l2 wraps *l1, ...: each written value nests 100 levels, the tree far more.
    const chain = (n: number) =>
      `x-l0: &l0 x\n${Array.from({ length: n }, (_, k) => `x-l${k + 1}: &l${k + 1} ${'['.repeat(100)}*l${k}${']'.repeat(100)}\n`).join('')}services:\n  web:\n    image: nginx:1.27\n`;
    assert.deepEqual(load(chain(2)), []);
    assert.deepEqual(load(chain(3)), ['alias-bomb 4:111 aliases nest values deeper than 256 levels (an alias bomb?); refusing the file']);
    assert.deepEqual(load(chain(60)), ['alias-bomb 4:111 aliases nest values deeper than 256 levels (an alias bomb?); refusing the file']);
    // Through a merge key too.
    const merged = `x-a: &a ${'{a: '.repeat(200)}1${'}'.repeat(200)}\nx-b: &b ${'['.repeat(100)}{<<: *a}${']'.repeat(100)}\nservices: {}\n`;
    assert.deepEqual(load(merged), ['alias-bomb 2:114 aliases nest values deeper than 256 levels (an alias bomb?); refusing the file']);
  });
});

describe('toTree: where values are located', () => {
  /** The location and first characters of the value at `path` (keys, then list indexes) in the file. */
  const at = (text: string, ...path: (string | number)[]) => {
    const f = loadComposeFile('/mem/compose.yaml', memoryFs({ 'compose.yaml': text }), { get: () => undefined }, []);
    let n: LNode | undefined = f.root;
    for (const step of path) n = typeof step === 'number' ? (n?.kind === 'seq' ? n.items[step] : undefined) : get(n, step);
    assert.ok(n, path.join('.'));
    const l = locate(n);
    return `${l.source}:${l.line}:${l.column} ${JSON.stringify(text.slice(n.start, n.start + 6))}`;
  };

  it('a block scalar at its first line of text, after the indentation, not at its | or > indicator', () => {
    const text = [
      'services:', // 1
      '  web:', // 2
      '    command: |', // 3
      '      sh -c "exec app"', // 4
      '    environment:', // 5
      '      KEY: |-  # a comment', // 6
      '        s3cr3t', // 7
      '    labels:', // 8
      '      com.example.note: >-', // 9
      '          folded', // 10
      '          text', // 11
      '    entrypoint:', // 12
      '      - >', // 13
      '', // 14
      '        after a blank line', // 15
    ].join('\n');
    assert.equal(at(text, 'services', 'web', 'command'), 'compose.yaml:4:7 "sh -c "');
    assert.equal(at(text, 'services', 'web', 'environment', 'KEY'), 'compose.yaml:7:9 "s3cr3t"');
    assert.equal(at(text, 'services', 'web', 'labels', 'com.example.note'), 'compose.yaml:10:11 "folded"');
    assert.equal(at(text, 'services', 'web', 'entrypoint', 0), 'compose.yaml:15:9 "after "');
  });

  it('indicators, tags, anchors and CRLF line ends: at the text; an indentation indicator keeps the spaces of the value', () => {
    assert.equal(at('services:\n  a:\n    command: !!str &cmd |+2\n       echo  x\n', 'services', 'a', 'command'), 'compose.yaml:4:7 " echo "');
    assert.equal(at('services:\r\n  a:\r\n    command: >\r\n      echo x\r\n', 'services', 'a', 'command'), 'compose.yaml:4:7 "echo x"');
    assert.equal(at('services:\n  a:\n    command: |\n      echo x', 'services', 'a', 'command'), 'compose.yaml:4:7 "echo x"');
  });

  it('a block scalar without text stays at its indicator; quoted and plain scalars at their first character', () => {
    assert.equal(at('services:\n  a:\n    command: |\n    image: x\n', 'services', 'a', 'command'), 'compose.yaml:3:14 "|\\n    "');
    assert.equal(at('services:\n  a:\n    command: "sh -c x"\n', 'services', 'a', 'command'), 'compose.yaml:3:14 "\\"sh -c"');
    assert.equal(at("services:\n  a:\n    command: 'sh\n      -c x'\n", 'services', 'a', 'command'), 'compose.yaml:3:14 "\'sh\\n  "');
    assert.equal(at('services:\n  a:\n    command: sh -c x\n', 'services', 'a', 'command'), 'compose.yaml:3:14 "sh -c "');
  });
});

describe('toTree: where each line of a block scalar is', () => {
  const linesOf = (text: string, vars: ReadonlyMap<string, string> = new Map()) => {
    const f = loadComposeFile('/mem/compose.yaml', memoryFs({ 'compose.yaml': text }), { get: (name) => vars.get(name) }, []);
    const n = get(get(get(f.root, 'services'), 'a'), 'command');
    assert.ok(n?.kind === 'scalar');
    return (n.lines ?? []).map((l) => `${l.index}+${l.length} ${JSON.stringify(text.slice(l.offset, l.offset + l.length))}`);
  };

  it('each line that holds text, with the index in the value where it is read (folded lines joined by a blank)', () => {
    assert.deepEqual(linesOf('services:\n  a:\n    command: |\n      a b\n\n        c\n'), ['0+3 "a b"', '5+3 "  c"']);
    assert.deepEqual(linesOf('services:\n  a:\n    command: >-\n      a b\n      c\n\n      d\n'), ['0+3 "a b"', '4+1 "c"', '6+1 "d"']);
  });

  it('none for a block without text', () => {
    assert.deepEqual(linesOf('services:\n  a:\n    command: |\n  b: {}\n'), []);
  });

  const block = (...lines: string[]) => `services:\n  a:\n    command: ${lines.join('\n      ')}\n`;

  it('a value with $$: the parts written as they read, at their index in the value (each $$ read as one $)', () => {
    // `echo $HOME; a\nb\n`
    assert.deepEqual(linesOf(block('|', 'echo $$HOME; a', 'b')), ['0+5 "echo "', '6+7 "HOME; a"', '14+1 "b"']);
    // `a $$ b $c`
    assert.deepEqual(linesOf(block('>-', 'a $$$$', 'b $$c')), ['0+2 "a "', '5+2 "b "', '8+1 "c"']);
  });

  it('a variable is its expression, where it is written; a default given for a variable without a value, its text', () => {
    const vars = new Map([
      ['HOST', 'db.internal.example'],
      ['EMPTY', ''],
    ]);
    // As written: `${HOST} x\n${EMPTY-y} z\nd:w\n`; the `d` and the `:w` are not written together (`d}:w`).
    assert.deepEqual(linesOf(block('|', '${HOST} x', '${EMPTY-y} z', '${NOT_SET:-d}:w'), vars), [
      '0+9 "${HOST} x"',
      '10+12 "${EMPTY-y} z"',
      '23+1 "d"',
      '24+2 ":w"',
    ]);
    // Unknown (NOT_SET), with a variable's value: as written, `${HOST} $x ${NOT_SET}`
    assert.deepEqual(linesOf(block('|', '${HOST} $$x ${NOT_SET}'), vars), ['0+8 "${HOST} "', '9+12 "x ${NOT_SET}"']);
  });

  it('a value unknown with no variable that has a value: the text as written', () => {
    assert.deepEqual(linesOf(block('|', 'echo $$HOME', '${NOT_SET}')), ['0+11 "echo $$HOME"', '12+10 "${NOT_SET}"']);
  });
});

describe('toTree: !!binary values', () => {
  const value = (text: string): unknown => {
    const f = loadComposeFile('/mem/compose.yaml', memoryFs({ 'compose.yaml': text }), { get: () => undefined }, []);
    const n = get(get(get(get(f.root, 'services'), 'web'), 'labels'), 'a');
    return n?.kind === 'scalar' ? n.value : n?.kind;
  };

  it('refuses a value that is not base64 as go-yaml v3 reads it (padding wanted, line breaks skipped), at the value', () => {
    const compose = (v: string): string => `services:\n  web:\n    image: nginx:1.27\n    labels:\n      a: !!binary ${v}\n`;
    const refused = 'yaml-syntax 5:19 !!binary value is not valid base64: compose refuses it';
    assert.deepEqual(load(compose('"%%%"')), [refused]);
    assert.deepEqual(load(compose('"aGVsbG8"')), [refused]);
    assert.deepEqual(load(compose('"aGVsbG8=x"')), [refused]);
    assert.deepEqual(load(compose('|\n        aGVs\n        b%8=\n')), ['yaml-syntax 6:9 !!binary value is not valid base64: compose refuses it']);
    // A plain value over two lines is folded into one with a blank, which base64 refuses.
    assert.deepEqual(load(compose('aGVs\n        bG8=\n')), ['yaml-syntax 5:19 !!binary value is not valid base64: compose refuses it']);
    assert.equal(value(compose('"aGVsbG8="')), 'hello');
    assert.equal(value(compose('|\n        aGVs\n        bG8=\n')), 'hello');
    assert.equal(value(compose('""')), '');
  });
});
