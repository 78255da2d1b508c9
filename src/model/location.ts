/**
 * Where a value came from, so that every finding points at file:line:column and every fix
 * knows where to edit. Lines and columns are 1-based; offsets are 0-based UTF-16 indices.
 */
export interface Location {
  /** File path as given to Bulwark (relative to the working directory when possible), or a pseudo-source such as `<command>` or `container:api`. */
  source: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** 0-based start offset in the source text, when the source is a text file. */
  offset?: number;
  /** 0-based end offset (exclusive). */
  endOffset?: number;
  /** Logical path of the value: `services.api.cap_add[1]`, or `HostConfig.CapAdd[1]`. Stable across line moves; used by fingerprints. */
  path?: string;
}

/** A value that Bulwark cannot know statically (DESIGN.md "Unknown is not a violation"). */
export interface Unknown {
  readonly kind: 'unknown';
  /** Why it is unknown, for messages: `variable ${TAG} is not set`. */
  readonly reason: string;
  /** The text as written, e.g. `${TAG}`. */
  readonly raw?: string;
  /**
   * True when the source reported the value as an input error (Docker refuses it): that error is the report, and
   * rules give no `unknown` finding for it (reportIfUnknown). Set with `refusedValue`.
   */
  readonly refused?: true;
}

/** A model value together with where it was written. */
export interface Sourced<T> {
  value: T | Unknown;
  at: Location;
}

/** Builds an Unknown marker. */
export function unknown(reason: string, raw?: string): Unknown {
  return raw === undefined ? { kind: 'unknown', reason } : { kind: 'unknown', reason, raw };
}

/** `u` marked as a value its source reported as an input error (Unknown.refused). */
export function refusedValue(u: Unknown): Unknown {
  return { ...u, refused: true };
}

/** True when `v` is the Unknown marker rather than a real value. */
export function isUnknown(v: unknown): v is Unknown {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'unknown' && 'reason' in v;
}

/** The known value of a Sourced field, or undefined when absent or unknown. */
export function knownValue<T>(s: Sourced<T> | undefined): T | undefined {
  if (s === undefined || isUnknown(s.value)) return undefined;
  return s.value as T;
}

/**
 * One line of a value written over several lines of its file (a YAML block scalar, `command: |`): the `length`
 * characters of the value from `index` are written as they read at `at` (which is that long, on one line).
 */
export interface WrittenLine {
  index: number;
  length: number;
  at: Location;
}

/**
 * The location of `text[index]`, `length` characters long, inside a value located at `at` and reading `text`: exact
 * when the value is written on one line as it reads (bare, or in one pair of quotes with no escape: its span is as
 * long as the text, or two longer), or, with `lines` (where each line of a block scalar is), when the part is on one
 * of them; else `at`, the whole value. Used to point at a part of a YAML scalar or a command argument (a label's
 * value after `KEY=`, a password inside a command).
 */
export function locationWithin(at: Location, text: string, index: number, length: number, lines?: readonly WrittenLine[]): Location {
  if (lines !== undefined) {
    const line = lines.find((l) => l.index <= index && index + length <= l.index + l.length);
    if (!line) return at;
    const out = locationWithin(line.at, text.slice(line.index, line.index + line.length), index - line.index, length);
    // The value's logical path (fingerprints and baselines use it), which a line of it does not carry.
    return at.path === undefined ? out : { ...out, path: at.path };
  }
  if (at.line === undefined || at.line !== at.endLine || at.column === undefined || at.endColumn === undefined) return at;
  const span = at.endColumn - at.column;
  const lead = span === text.length ? 0 : span === text.length + 2 ? 1 : -1;
  if (lead === -1 || index + length > text.length) return at;
  const out: Location = { ...at, line: at.line, column: at.column + lead + index, endLine: at.line, endColumn: at.column + lead + index + length };
  if (at.offset !== undefined) {
    out.offset = at.offset + lead + index;
    out.endOffset = at.offset + lead + index + length;
  }
  return out;
}

/**
 * Maps offsets to 1-based line and column through a sorted index of line starts, built once per file
 * (STYLE.md habit 4: line and column are worked out once, through a line-offset index).
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(text: string) {
    // A byte order mark is not a column: editors start line 1 after it (as dockerfile's Positions does).
    const starts = [text.charCodeAt(0) === 0xfeff ? 1 : 0];
    let i = text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    this.starts = starts;
  }

  /** Returns `{ line, column }` (1-based) for a 0-based offset. */
  position(offset: number): { line: number; column: number } {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((s[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    // Offset 0 of a text that starts with a byte order mark is the mark itself: column 1.
    return { line: lo + 1, column: Math.max(1, offset - (s[lo] as number) + 1) };
  }

  /** A Location for the half-open range [start, end) of `source`. */
  location(source: string, start: number, end: number, path?: string): Location {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    const loc: Location = {
      source,
      line: a.line,
      column: a.column,
      endLine: b.line,
      endColumn: b.column,
      offset: start,
      endOffset: end,
    };
    if (path !== undefined) loc.path = path;
    return loc;
  }
}
