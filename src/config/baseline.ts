import { getNodeValue, type JSONPath, type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { compareText, type Diagnostic, LineIndex, sortByPosition } from '../model/index.js';

/**
 * Version of the baseline file format written. 2: sources relative to the baseline file's folder, list items
 * matched by value (check/fingerprint.ts baselineFingerprint). Version 1 files (sources relative to the working
 * directory, matched by the findings' fingerprints) are still read and matched as they were written.
 */
export const BASELINE_VERSION = 2;

/**
 * One accepted finding in a baseline file. Only `fingerprint` is matched (in version 2 the baseline's own identity
 * of the finding, not the report's `fingerprint`); the rest helps people review the file.
 */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  source: string;
  message: string;
}

/**
 * A baseline file (`--write-baseline FILE`, then `--baseline FILE`): the findings an existing project accepts for
 * now, so CI fails only on new ones. Findings are matched by fingerprint (rule id, file, logical path, subject,
 * never line numbers), so they survive edits that move lines.
 */
export interface Baseline {
  version: 1 | typeof BASELINE_VERSION;
  findings: BaselineEntry[];
}

/**
 * Builds a baseline (current version) from its entries, sorted so the file diffs well (check/baseline.ts
 * baselineOf makes the entries of findings). Secret values never reach it (messages are masked).
 */
export function makeBaseline(entries: BaselineEntry[]): Baseline {
  entries.sort((a, b) => compareText(a.source, b.source) || compareText(a.ruleId, b.ruleId) || compareText(a.fingerprint, b.fingerprint));
  return { version: BASELINE_VERSION, findings: entries };
}

/** Serialises a baseline, two-space indented, with a final newline. */
export function renderBaseline(b: Baseline): string {
  return `${JSON.stringify(b, null, 2)}\n`;
}

/** jsonc-parser's error codes (printParseErrorCode), in words. */
const JSON_PROBLEMS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name (a quoted string) was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing } was expected',
  CloseBracketExpected: 'a closing ] was expected',
  EndOfFileExpected: 'more text after the end of the JSON document',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'an invalid \\u escape',
  InvalidEscapeCharacter: 'an invalid escape character',
  InvalidCharacter: 'a control character inside a string',
};

/**
 * The node of the value at `path` under `node`, or of the nearest value on the way that holds it (the entry when it
 * has no `fingerprint`, the entry itself when it is no object). Of a key written twice, the last counts, as for the
 * value read (getNodeValue).
 */
function nearestNode(node: Node, path: JSONPath): Node {
  let cur = node;
  for (const seg of path) {
    let next: Node | undefined;
    if (typeof seg === 'number' && cur.type === 'array') next = cur.children?.[seg];
    else if (typeof seg === 'string' && cur.type === 'object') next = cur.children?.findLast((p) => p.children?.[0]?.value === seg)?.children?.[1];
    if (next === undefined) return cur;
    cur = next;
  }
  return cur;
}

/** A JSON parse error code in words; an unknown code as it is. */
function jsonProblem(code: string): string {
  return JSON_PROBLEMS[code] ?? code;
}

/** Reads a baseline file's text (a leading byte order mark is allowed). Problems become located `config` diagnostics, never exceptions. */
export function parseBaseline(text: string, source: string): { baseline?: Baseline; diagnostics: Diagnostic[] } {
  const errors: ParseError[] = [];
  // A byte order mark (an editor on Windows, PowerShell 5's UTF-8) is read as a blank, as RFC 8259 allows: offsets
  // and so locations stay those of the file.
  const json = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  const root = parseTree(json, errors, { allowTrailingComma: false, disallowComments: true });
  const index = new LineIndex(text);
  const at = (offset: number) => index.location(source, offset, offset);
  if (errors.length > 0 || root === undefined) {
    const e = errors[0];
    const why = text.trim() === '' || e === undefined ? 'the file is empty' : jsonProblem(printParseErrorCode(e.error));
    return {
      diagnostics: [
        {
          code: 'json-syntax',
          severity: 'error',
          message: `baseline is not valid JSON: ${why} (rewrite it with --write-baseline, or fix it by hand)`,
          at: at(e?.offset ?? 0),
        },
      ],
    };
  }
  const data = getNodeValue(root) as unknown;
  const diagnostics: Diagnostic[] = [];
  /** A problem located at the value at `path` in the file (nearestNode). */
  const bad = (message: string, path: JSONPath = []): void => {
    const n = nearestNode(root, path);
    diagnostics.push({ code: 'config', severity: 'error', message, at: index.location(source, n.offset, n.offset + n.length) });
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    bad('baseline must be a JSON object with "version" and "findings"');
    return { diagnostics };
  }
  // Every mistake of the file in one run, in file order: the version, the findings' shape, then each bad entry.
  const o = data as { version?: unknown; findings?: unknown };
  if (o.version !== 1 && o.version !== BASELINE_VERSION)
    bad(`baseline version must be ${BASELINE_VERSION} (or 1, an older file); got ${JSON.stringify(o.version)}`, ['version']);
  if (!Array.isArray(o.findings)) {
    bad('baseline "findings" must be an array', ['findings']);
    return { diagnostics: sortByPosition(diagnostics) };
  }
  const findings: BaselineEntry[] = [];
  let badEntries = 0;
  let firstUnreported = -1;
  for (const [i, e] of o.findings.entries()) {
    const x = e as Partial<BaselineEntry> | null;
    if (typeof x !== 'object' || x === null || typeof x.fingerprint !== 'string' || !/^[0-9a-f]{16}$/.test(x.fingerprint)) {
      if (++badEntries <= MAX_ENTRY_ERRORS) bad(`baseline findings[${i}] needs a "fingerprint" of 16 hex characters`, ['findings', i, 'fingerprint']);
      else if (firstUnreported === -1) firstUnreported = i;
      continue;
    }
    findings.push({ fingerprint: x.fingerprint, ruleId: String(x.ruleId ?? ''), source: String(x.source ?? ''), message: String(x.message ?? '') });
  }
  if (firstUnreported !== -1)
    bad(`baseline findings[${firstUnreported}] and ${badEntries - MAX_ENTRY_ERRORS - 1} more entries after it need a "fingerprint" of 16 hex characters`, [
      'findings',
      firstUnreported,
      'fingerprint',
    ]);
  if (diagnostics.length > 0) return { diagnostics: sortByPosition(diagnostics) };
  return { baseline: { version: o.version as Baseline['version'], findings }, diagnostics };
}

/** Bad entries reported one by one; past this many, one more error counts the rest. */
const MAX_ENTRY_ERRORS = 20;
