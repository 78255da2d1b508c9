import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../../model/index.js';
import { memoryFs } from '../fs.js';
import { loadComposeFile } from './load.js';
import { locate } from './tree.js';

function load(text: string): string[] {
  const diagnostics: Diagnostic[] = [];
  const f = loadComposeFile('/mem/compose.yaml', memoryFs({ 'compose.yaml': text }), { get: () => undefined }, diagnostics);
  if (diagnostics.length > 0) assert.equal(f.root, undefined);
  return diagnostics.map((d) => `${d.code} ${d.at.line}:${d.at.column} ${d.message}`);
}

describe('deeply nested YAML', () => {
  it('refuses flow nesting past 256 levels at the bracket that crosses it, before parsing', () => {
    const n = 200_000;
    assert.deepEqual(load(`services: ${'['.repeat(n)}${']'.repeat(n)}\n`), ['yaml-syntax 1:267 YAML nesting is deeper than 256 levels; not scanned']);
    const m = 50_000;
    assert.deepEqual(load(`services: ${'{a: '.repeat(m)}1${'}'.repeat(m)}\n`), ['yaml-syntax 1:1035 YAML nesting is deeper than 256 levels; not scanned']);
    // Over several lines, with brackets in quotes and comments that do not count.
    const lines = ['services:', '  web:', '    image: "[[[["  # [[[[', '    x:'];
    for (let i = 0; i < 300; i++) lines.push(`${' '.repeat(6)}${i % 2 === 0 ? '[' : "{'[{': "}`);
    assert.deepEqual(load(`${lines.join('\n')}\n`), ['yaml-syntax 261:7 YAML nesting is deeper than 256 levels; not scanned']);
  });

  it('reads flow nesting up to the limit', () => {
    assert.deepEqual(load(`services: {web: {image: nginx:1.27, x-deep: ${'['.repeat(254)}${']'.repeat(254)}}}\n`), []);
  });

  it('refuses block nesting past 256 levels where it crosses, also when the stack is partly used', () => {
    const n = 100_000;
    const want = ['yaml-syntax 2:511 YAML nesting is deeper than 256 levels; not scanned'];
    const text = `services:\n${'- '.repeat(n)}x\n`;
    assert.deepEqual(load(text), want);
    const nested = (depth: number): string[] => (depth === 0 ? load(text) : nested(depth - 1));
    assert.deepEqual(nested(2000), want);
    const lines = ['services:'];
    for (let i = 0; i < 1500; i++) lines.push(`${' '.repeat(i + 2)}a${i}:`);
    lines.push(`${' '.repeat(1502)}b: 1`);
    assert.deepEqual(load(`${lines.join('\n')}\n`), ['yaml-syntax 257:258 YAML nesting is deeper than 256 levels; not scanned']);
  });

  it('reads a compose file with a deeply indented script', () => {
    const script = Array.from({ length: 40 }, (_, i) => `${' '.repeat(8 + 2 * i)}if true; then`).join('\n');
    assert.deepEqual(load(`services:\n  web:\n    image: nginx:1.27\n    command:\n      - |\n${script}\n`), []);
  });
});

describe('a byte order mark', () => {
  it('is not a column: line 1 is counted after it, as editors show it; offsets still count it', () => {
    const f = loadComposeFile('/mem/compose.yaml', memoryFs({ 'compose.yaml': '\uFEFFservices: {web: {image: nginx}}\n' }), { get: () => undefined }, []);
    const services = f.root?.entries.get('services');
    const web = services?.value.kind === 'map' ? services.value.entries.get('web') : undefined;
    assert.ok(web);
    const at = locate(web.key);
    assert.deepEqual([at.line, at.column, at.endColumn, at.offset], [1, 12, 15, 12]);
    assert.deepEqual(load('\uFEFFservices: {a: 1, a: 2}\n'), [
      'yaml-syntax 1:18 duplicate key "a" (first at line 1): compose refuses a key written twice in one mapping',
    ]);
  });
});
