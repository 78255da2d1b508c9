import { Lexer } from 'yaml';

/**
 * Tokens yaml's Lexer inserts that are not source text (yaml/dist/parse/cst.js: DOCUMENT, FLOW_END, SCALAR);
 * every other token is a verbatim slice of the source, in order.
 */
const INSERTED = new Set(['\u0002', '\u0018', '\u001f']);

/**
 * The offsets (UTF-16 code units) of the `#` of every real YAML comment in `text`, read with yaml's Lexer: a
 * `#` inside a block scalar (`command: >` lines), a quoted scalar or a plain scalar is text, not a comment.
 * Returns undefined when the tokens do not cover the text exactly (not expected: the lexer is lossless), so the
 * caller can fall back to reading lines. Never throws on any text.
 */
export function yamlCommentOffsets(text: string): Set<number> | undefined {
  const out = new Set<number>();
  let offset = 0;
  try {
    for (const token of new Lexer().lex(text)) {
      if (INSERTED.has(token)) continue;
      if (token.charCodeAt(0) === 0x23) out.add(offset);
      offset += token.length;
    }
  } catch {
    return undefined;
  }
  return offset === text.length ? out : undefined;
}
