import { LineIndex, type Location } from '../../model/index.js';

/** One `Key=value` line of a unit file, with the location of its value. */
export interface UnitDirective {
  section: string;
  key: string;
  /** The value with line continuations joined (a backslash at the end of a line continues it). */
  value: string;
  /** Offsets in the file of each character of `value` (continuations make them non-contiguous). */
  offsets: number[];
  at: Location;
  keyAt: Location;
  source: string;
  index: LineIndex;
}

/**
 * Parses a systemd unit or drop-in file (systemd.syntax(7)): `[Section]` headers, `Key=value` lines, `#` and `;`
 * comment lines, and backslash line continuations. Never throws; lines that are not directives are skipped.
 */
export function parseUnit(text: string, source: string): UnitDirective[] {
  const index = new LineIndex(text);
  const out: UnitDirective[] = [];
  let section = '';
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const line = text.slice(pos, end);
    const trimmed = line.trim();
    if (trimmed.startsWith('[') && trimmed.endsWith(']')) section = trimmed.slice(1, -1);
    else if (trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith(';')) {
      const eq = line.indexOf('=');
      if (eq > 0) {
        const key = line.slice(0, eq).trim();
        const keyStart = pos + line.indexOf(key);
        let value = '';
        const offsets: number[] = [];
        let i = pos + eq + 1;
        while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
        // collect the value, following continuations
        for (;;) {
          let lineEnd = text.indexOf('\n', i);
          if (lineEnd === -1) lineEnd = text.length;
          let segEnd = lineEnd;
          while (segEnd > i && /[ \t\r]/.test(text[segEnd - 1] as string)) segEnd--;
          const continued = segEnd > i && text[segEnd - 1] === '\\';
          const stop = continued ? segEnd - 1 : segEnd;
          for (let j = i; j < stop; j++) {
            value += text[j];
            offsets.push(j);
          }
          end = lineEnd;
          if (!continued || lineEnd >= text.length) break;
          value += ' ';
          offsets.push(stop);
          i = lineEnd + 1;
        }
        const vStart = offsets[0] ?? pos + eq + 1;
        const vEnd = offsets.length > 0 ? (offsets[offsets.length - 1] as number) + 1 : vStart;
        out.push({
          section,
          key,
          value,
          offsets,
          at: index.location(source, vStart, vEnd, `${section}.${key}`),
          keyAt: index.location(source, keyStart, keyStart + key.length, `${section}.${key}`),
          source,
          index,
        });
      }
    }
    pos = end + 1;
  }
  return out;
}

/** A word of a command line or an assignment list, with where it was written. */
export interface Word {
  text: string;
  at: Location;
  /** Index range [start, end) of the word in the split value. */
  start?: number;
  end?: number;
}

/**
 * Splits a value into words as systemd does for ExecStart= and Environment= (systemd.service(5) "Command lines"):
 * whitespace separates words, double and single quotes group, backslash escapes the next character.
 * `locate(i)` gives the file offset of value character i.
 */
export function splitWords(value: string, locate: (start: number, end: number) => Location): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /\s/.test(value[i] as string)) i++;
    if (i >= value.length) break;
    const start = i;
    let text = '';
    let quote: string | undefined;
    while (i < value.length) {
      const ch = value[i] as string;
      if (quote) {
        if (ch === quote) quote = undefined;
        else if (ch === '\\' && quote === '"' && i + 1 < value.length) text += value[++i];
        else text += ch;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (/\s/.test(ch)) break;
      else if (ch === '\\' && i + 1 < value.length) text += value[++i];
      else text += ch;
      i++;
    }
    words.push({ text, at: locate(start, i), start, end: i });
  }
  return words;
}

/** Locates characters of a directive's value in its file. */
export function directiveLocator(d: UnitDirective): (start: number, end: number) => Location {
  return (start, end) => {
    const a = d.offsets[start] ?? d.offsets[d.offsets.length - 1] ?? 0;
    const b = end > start ? (d.offsets[end - 1] ?? a) + 1 : a;
    return d.index.location(d.source, a, b, `${d.section}.${d.key}`);
  };
}

/** One `NAME=value` assignment, from `Environment=` or an environment file, with the location of its value. */
export interface EnvAssignment {
  name: string;
  value: string;
  /** Locates value characters [start, end) in the file. */
  locate: (start: number, end: number) => Location;
}

/**
 * Parses an EnvironmentFile= file (systemd.exec(5)): `NAME=value` lines, `#`/`;` comments, optional `export `,
 * single- or double-quoted values. Returns assignments in file order.
 */
export function parseEnvFile(text: string, source: string): EnvAssignment[] {
  const index = new LineIndex(text);
  const out: EnvAssignment[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const line = text.slice(pos, end);
    const m = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)=(.*?)\s*$/.exec(line);
    if (m && !line.trim().startsWith('#')) {
      let raw = m[3] as string;
      let vStart = pos + (m[1] as string).length + (m[2] as string).length + 1;
      if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw.endsWith(raw[0] as string)) {
        raw = raw.slice(1, -1);
        vStart++;
      }
      const base = vStart;
      out.push({ name: m[2] as string, value: raw, locate: (s, e) => index.location(source, base + s, base + Math.max(s, e)) });
    }
    pos = end + 1;
  }
  return out;
}

/**
 * Expands `$NAME` and `${NAME}` in an ExecStart= command line as systemd does: `${NAME}` becomes part of the word,
 * an unquoted `$NAME` standing alone as a word is split into several words at whitespace. Unset variables expand to
 * nothing. Words from an expansion are located at the variable's value in the file that set it.
 */
export function expandCommand(words: Word[], env: ReadonlyMap<string, EnvAssignment>): Word[] {
  const out: Word[] = [];
  for (const w of words) {
    const whole = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(w.text);
    if (whole) {
      const a = env.get(whole[1] as string);
      if (a) out.push(...splitWords(a.value, a.locate));
      continue;
    }
    const text = w.text.replace(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
      (_m, a: string | undefined, b: string | undefined) => env.get((a ?? b) as string)?.value ?? '',
    );
    out.push({ text, at: w.at });
  }
  return out;
}
