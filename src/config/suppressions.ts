import { LineIndex, type Location } from '../model/index.js';
import { yamlLayout } from './yaml-comments.js';

/** One `# bulwark-ignore` comment as written, before it is matched against findings. */
export interface ParsedSuppression {
  /** The `#` that starts the comment. */
  at: Location;
  /**
   * The line whose findings it hides: its own line when it follows code, else the next code line; 0 when it
   * stands alone after the last code line of the file (it can hide nothing).
   */
  targetLine: number;
  /**
   * In a YAML file, when a block scalar (`command: |`) starts on the target line: the last line of its text. Findings
   * on its lines, where no comment can be written, are hidden too.
   */
  targetEndLine?: number;
  /** Rule ids or names as written, each with its location. */
  rules: { written: string; at: Location }[];
  /** Text after the colon, trimmed; undefined when absent or empty. */
  reason?: string;
}

/** Names of YAML files, whose comments are told from text by yaml's Lexer. */
const YAML_NAME = /\.ya?ml$/i;

// A byte order mark may precede a comment on the first line. In any case (`# BULWARK-IGNORE`, `# Bulwark-Ignore`):
// whoever wrote it meant a suppression, and one read as a plain comment would leave them puzzled by the finding.
const MARKER = /(^\uFEFF?|[ \t])#[ \t]*bulwark-ignore(?=[ \t:]|$)/i;
const ANY_MARKER = /bulwark-ignore/i;

function isCommentOrBlank(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

/**
 * Finds inline suppression comments in a text file with `#` comments (compose YAML, Dockerfiles, shell scripts):
 * `# bulwark-ignore BW1001: reason` or `# bulwark-ignore BW1001, no-host-network: reason` (the marker in any case). A comment after code
 * hides findings on its own line; a comment alone on its line hides findings on the next line that is neither
 * blank nor a comment (so several suppression comments can be stacked above one line). A `#` must start the
 * line or follow a space or tab, so `image: x#y` is no comment. In a YAML file (`source` ends in .yml or .yaml)
 * only real YAML comments count: a `# bulwark-ignore` line inside a block or quoted scalar is part of a value (a
 * command, a script) and hides nothing; a comment whose target line starts a block scalar covers the lines of its
 * text too (findings there are located at the text, where no comment can be written). Never throws.
 */
export function parseSuppressions(text: string, source: string): ParsedSuppression[] {
  if (!ANY_MARKER.test(text)) return [];
  const layout = YAML_NAME.test(source) ? yamlLayout(text) : undefined;
  const comments = layout?.comments;
  const index = new LineIndex(text);
  // The line of each block scalar's indicator -> the last line of its text.
  const blockEnd = new Map<number, number>();
  for (const b of layout?.blocks ?? []) {
    const [from, to] = [index.position(b.header).line, index.position(b.lastText).line];
    if (to > from) blockEnd.set(from, Math.max(to, blockEnd.get(from) ?? 0));
  }
  const lines = text.split('\n');
  const out: ParsedSuppression[] = [];
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const m = MARKER.exec(line);
    const hash = m ? m.index + (m[1] as string).length : -1;
    if (m && (comments === undefined || comments.has(offset + hash))) {
      const own = line.slice(0, hash).trim() === '';
      let target = i + 1;
      if (own) {
        let j = i + 1;
        while (j < lines.length && isCommentOrBlank(lines[j] as string)) j++;
        target = j < lines.length ? j + 1 : 0;
      }
      const restStart = m.index + m[0].length;
      const rest = line.slice(restStart);
      const colon = rest.indexOf(':');
      const idsText = colon === -1 ? rest : rest.slice(0, colon);
      const reason = colon === -1 ? undefined : rest.slice(colon + 1).trim();
      const rules: ParsedSuppression['rules'] = [];
      // Every word between blanks and commas is a rule as written, so that `*`, `all` or `BW1001;` are reported
      // (BW9002: not a Bulwark rule) rather than dropped in silence.
      const idRe = /[^\s,]+/g;
      for (let r = idRe.exec(idsText); r !== null; r = idRe.exec(idsText)) {
        const start = offset + restStart + r.index;
        rules.push({ written: r[0], at: index.location(source, start, start + r[0].length) });
      }
      const p: ParsedSuppression = { at: index.location(source, offset + hash, offset + line.length), targetLine: target, rules };
      const end = blockEnd.get(target);
      if (end !== undefined) p.targetEndLine = end;
      if (reason) p.reason = reason;
      out.push(p);
    }
    offset += raw.length + 1;
  }
  return out;
}
