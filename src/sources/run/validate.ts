import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Diagnostic, LineIndex } from '../../model/index.js';
import type { ShellBlock } from './extract.js';

type ShParse = (text: string, options: { keepComments: boolean }) => Promise<unknown>;
let shParse: Promise<ShParse> | undefined;

/**
 * The mvdan/sh parser, loaded on first use: sh-syntax and its Go runtime shim (which loads node:perf_hooks)
 * cost a scan without run lines nothing. The WASM file is located through module resolution rather than next
 * to sh-syntax's own script, so that it is found from the bundled CLI too.
 */
function parser(): Promise<ShParse> {
  shParse ??= import('sh-syntax').then(({ getProcessor }) =>
    getProcessor(() => {
      const load = createRequire(import.meta.url);
      // The Go runtime glue defines globalThis.Go; bundlers drop sh-syntax's own import of it as side-effect free.
      load('sh-syntax/vendors/wasm_exec.cjs');
      return Promise.resolve(readFileSync(load.resolve('sh-syntax/main.wasm')));
    }),
  );
  return shParse;
}

/**
 * Makes a block acceptable to a POSIX/bash parser without moving any character: documentation placeholders
 * (`<digest>`), GitHub `${{ expr }}` and systemd `%n` specifiers become letters of the same length.
 */
function neutralise(b: ShellBlock): string {
  let t = b.text;
  if (b.dialect === 'doc') t = t.replace(/<[A-Za-z][A-Za-z0-9_.:|-]*>/g, (m) => 'x'.repeat(m.length));
  if (b.dialect === 'github') t = t.replace(/\$\{\{[^\n]*?\}\}/g, (m) => 'x'.repeat(m.length));
  if (b.dialect === 'systemd') t = t.replace(/%[a-zA-Z%]/g, 'xx');
  return t;
}

/** A block to check, with the file it belongs to. */
export interface BlockToCheck {
  /** The whole file's text. */
  text: string;
  block: ShellBlock;
  source: string;
  index: LineIndex;
}

/**
 * Checks blocks with mvdan/sh (bash grammar, through the `sh-syntax` WASM build). Every call of that parser
 * starts a fresh Go runtime, which costs far more than parsing, so all blocks of all files are laid out in one
 * text (each file at its own offsets, other characters blanked, files one after the other) and parsed at once.
 * mvdan/sh stops at the first error: the block holding it is reported and refused, and parsing resumes after it,
 * so the cost is one parse plus about two per refused block (the blocks before it again, then the text after it).
 * @returns located `shell-syntax` diagnostics and the blocks that failed (not to be scanned)
 */
export async function validateShellBlocks(blocks: readonly BlockToCheck[]): Promise<{ diagnostics: Diagnostic[]; refused: Set<ShellBlock> }> {
  const diagnostics: Diagnostic[] = [];
  const refused = new Set<ShellBlock>();
  if (blocks.length === 0) return { diagnostics, refused };
  // Lay out files one after the other; each file's blocks at their offsets, blank space elsewhere.
  const byFile = new Map<string, BlockToCheck[]>();
  for (const b of blocks) byFile.set(b.source, [...(byFile.get(b.source) ?? []), b]);
  const placed: { check: BlockToCheck; start: number; end: number }[] = [];
  const parts: string[] = [];
  let total = 0;
  for (const list of byFile.values()) {
    const text = (list[0] as BlockToCheck).text;
    let at = 0;
    for (const c of [...list].sort((x, y) => x.block.base - y.block.base)) {
      if (c.block.base < at) continue;
      parts.push(blank(text.slice(at, c.block.base)));
      const laid = neutralise(c.block);
      parts.push(laid);
      placed.push({ check: c, start: total + c.block.base, end: total + c.block.base + laid.length });
      at = c.block.base + laid.length;
    }
    // A newline after each file, so that a file's trailing backslash cannot join the next file.
    parts.push(`${blank(text.slice(at))}\n`);
    total += Math.max(text.length, at) + 1;
  }
  const all = parts.join('');
  let failed = false;
  /**
   * Checks the text in [from, to) and reports its errors; true when it holds none. An error may come from an
   * earlier block left open (an unclosed quote runs on into the next blocks, where the parser stops): the block
   * it lands in is only blamed once the blocks before it have passed on their own; otherwise those are reported
   * and checking starts again at the hit block, in a clean state.
   */
  const check = async (start: number, to: number): Promise<boolean> => {
    let from = start;
    let clean = true;
    while (from < to && !failed) {
      const text = all.slice(from, to);
      try {
        const parse = await parser();
        await parse(text, { keepComments: false });
        break;
      } catch (e) {
        const err = e as { Pos?: { Offset: number }; Text?: string; message?: string };
        if (err.Pos === undefined) {
          // Not a syntax error but a failure of the parser itself: say so once and let the lexer decide alone.
          const first = blocks[0] as BlockToCheck;
          diagnostics.push({
            code: 'internal',
            severity: 'warning',
            message: `shell parser unavailable (${err.message ?? String(e)}); checked with the built-in lexer only`,
            at: { source: first.source },
          });
          failed = true;
          break;
        }
        const offset = from + byteToCharOffset(text, err.Pos.Offset);
        const hit = placed.find((p) => offset >= p.start && offset <= p.end) ?? [...placed].reverse().find((p) => p.start <= offset);
        if (!hit) break;
        clean = false;
        if (placed.some((p) => p.start >= from && p.start < hit.start) && !(await check(from, hit.start))) {
          from = hit.start;
          continue;
        }
        if (failed) break;
        const local = offset - (hit.start - hit.check.block.base);
        const message = (err.Text ?? err.message ?? 'shell syntax error').replace(/^[^:]*:\d+:\d+: /, '');
        diagnostics.push({ code: 'shell-syntax', severity: 'error', message, at: hit.check.index.location(hit.check.source, local, local + 1) });
        refused.add(hit.check.block);
        // Resume at the next line after the refused block (a line start keeps the parser in a sane state).
        const nl = all.indexOf('\n', Math.max(hit.end, offset));
        from = nl === -1 || nl >= to ? to : nl + 1;
      }
    }
    return clean;
  };
  await check(0, all.length);
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
