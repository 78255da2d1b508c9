import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { getProcessor } from 'sh-syntax';
import type { Diagnostic, LineIndex } from '../../model/index.js';
import type { ShellBlock } from './extract.js';

/**
 * The mvdan/sh parser. The WASM file is located through module resolution rather than next to sh-syntax's
 * own script, so that it is found from the bundled CLI too.
 */
const parse = getProcessor(() => {
  const load = createRequire(import.meta.url);
  // The Go runtime glue defines globalThis.Go; bundlers drop sh-syntax's own import of it as side-effect free.
  load('sh-syntax/vendors/wasm_exec.cjs');
  return readFile(load.resolve('sh-syntax/main.wasm'));
});

/**
 * Makes a block acceptable to a POSIX/bash parser without moving any character: documentation placeholders
 * (`<digest>`), GitHub `${{ expr }}` and make's `$(VAR)` become letters of the same length.
 */
function neutralise(b: ShellBlock): string {
  let t = b.text;
  if (b.dialect === 'doc') t = t.replace(/<[A-Za-z][A-Za-z0-9_.:|-]*>/g, (m) => 'x'.repeat(m.length));
  if (b.dialect === 'github') t = t.replace(/\$\{\{[^\n]*?\}\}/g, (m) => 'x'.repeat(m.length));
  if (b.dialect === 'systemd') t = t.replace(/%[a-zA-Z%]/g, 'xx');
  return t;
}

/**
 * Checks the blocks with mvdan/sh (bash grammar, through the `sh-syntax` WASM build). The blocks are laid out
 * at their own offsets in one text of the file's length, other characters blanked, so one parse covers the
 * file and error positions are file positions. A block with an error is reported, blanked, and the rest
 * parsed again (one parse per bad block).
 * @returns located `shell-syntax` diagnostics and the blocks that failed (not to be scanned)
 */
export async function validateShellBlocks(
  text: string,
  blocks: readonly ShellBlock[],
  source: string,
  index: LineIndex,
): Promise<{ diagnostics: Diagnostic[]; refused: Set<ShellBlock> }> {
  const diagnostics: Diagnostic[] = [];
  const refused = new Set<ShellBlock>();
  if (blocks.length === 0) return { diagnostics, refused };
  const layout = (): string => {
    const parts: string[] = [];
    let at = 0;
    // Each block is followed by a newline so that one block's trailing backslash cannot join the next.
    for (const b of [...blocks].sort((x, y) => x.base - y.base)) {
      if (refused.has(b) || b.base < at) continue;
      parts.push(blank(text.slice(at, b.base)), neutralise(b));
      at = b.base + b.text.length;
    }
    parts.push(blank(text.slice(at)));
    return parts.join('');
  };
  for (let attempt = 0; attempt <= blocks.length; attempt++) {
    const laid = layout();
    try {
      await parse(laid, { keepComments: false });
      break;
    } catch (e) {
      const err = e as { Pos?: { Offset: number }; Text?: string; message?: string };
      if (err.Pos === undefined) {
        // Not a syntax error but a failure of the parser itself: say so once and let the lexer decide alone.
        diagnostics.push({
          code: 'internal',
          severity: 'warning',
          message: `shell parser unavailable (${err.message ?? String(e)}); checked with the built-in lexer only`,
          at: index.location(source, 0, 0),
        });
        break;
      }
      const offset = byteToCharOffset(laid, err.Pos?.Offset ?? 0);
      const message = (err.Text ?? err.message ?? 'shell syntax error').replace(/^[^:]*:\d+:\d+: /, '');
      const bad =
        blocks.find((b) => !refused.has(b) && offset >= b.base && offset <= b.base + b.text.length) ??
        [...blocks].reverse().find((b) => !refused.has(b) && b.base <= offset);
      diagnostics.push({ code: 'shell-syntax', severity: 'error', message, at: index.location(source, offset, offset + 1) });
      if (!bad) break;
      refused.add(bad);
    }
  }
  return { diagnostics, refused };
}

/** Replaces every character but newlines with a space. */
function blank(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}

/** mvdan/sh reports UTF-8 byte offsets; Location offsets are UTF-16 indices. */
function byteToCharOffset(text: string, bytes: number): number {
  let b = 0;
  let i = 0;
  while (i < text.length && b < bytes) {
    const cp = text.codePointAt(i) as number;
    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp >= 0x10000 ? 2 : 1;
  }
  return i;
}
