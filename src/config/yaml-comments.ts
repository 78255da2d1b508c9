import { Lexer } from 'yaml';

/**
 * Tokens yaml's Lexer inserts that are not source text (yaml/dist/parse/cst.js: DOCUMENT, FLOW_END, SCALAR);
 * every other token is a verbatim slice of the source, in order.
 */
const INSERTED = new Set(['\u0002', '\u0018', '\u001f']);

/** What yaml's Lexer tells of a YAML text that plain text does not: its comments and its block scalars. */
export interface YamlLayout {
  /** The offsets (UTF-16 code units) of the `#` of every real YAML comment. */
  comments: Set<number>;
  /** Each block scalar (`command: |`, `- >-`) that holds text: the offset of its indicator, and of its last character of text. */
  blocks: { header: number; lastText: number }[];
}

/**
 * The comments and block scalars of `text`, read with yaml's Lexer: a `#` inside a block scalar (`command: >`
 * lines), a quoted scalar or a plain scalar is text, not a comment. Returns undefined when the tokens do not cover
 * the text exactly (not expected: the lexer is lossless), so the caller can fall back to reading lines. Never
 * throws on any text.
 */
export function yamlLayout(text: string): YamlLayout | undefined {
  const out: YamlLayout = { comments: new Set(), blocks: [] };
  let offset = 0;
  // The indicator of the block scalar whose text comes next (after its header's comment and line break).
  let header = -1;
  let scalar = false;
  try {
    for (const token of new Lexer().lex(text)) {
      if (INSERTED.has(token)) {
        scalar = token === '\u001f';
        continue;
      }
      const c = token.charCodeAt(0);
      if (c === 0x23) out.comments.add(offset);
      // A token that starts with | or > is a block scalar's header (no other token can start so); its text is the
      // next scalar token.
      if (c === 0x7c || c === 0x3e) header = offset;
      else if (scalar && header !== -1) {
        const last = offset + token.trimEnd().length - 1;
        if (last >= offset) out.blocks.push({ header, lastText: last });
        header = -1;
      } else if (c !== 0x23 && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) header = -1;
      scalar = false;
      offset += token.length;
    }
  } catch {
    return undefined;
  }
  return offset === text.length ? out : undefined;
}
