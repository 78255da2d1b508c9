import { findNodeAtLocation, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { type Diagnostic, LineIndex } from '../../model/index.js';
import type { JsonLocator } from './json-path.js';

/** Parsed JSON text with a locator that points paths back into the text, or the syntax errors found. */
export interface LocatedJson {
  value: unknown;
  locate: JsonLocator;
  diagnostics: Diagnostic[];
}

/**
 * Parses JSON text (an inspect answer saved to a file, a test fixture) and returns its value together with a
 * locator giving each path's line and column, so findings on fixtures point at the exact place.
 * Syntax errors become `json-syntax` diagnostics located in `source`; never throws.
 */
export function parseLocatedJson(text: string, source: string): LocatedJson {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const index = new LineIndex(text);
  const diagnostics: Diagnostic[] = errors.map((e) => ({
    code: 'json-syntax',
    severity: 'error',
    message: `invalid JSON: ${printParseErrorCode(e.error)}`,
    at: index.location(source, e.offset, e.offset + e.length),
  }));
  if (!root) return { value: undefined, locate: () => undefined, diagnostics };
  const value = JSON.parse(errors.length === 0 ? text : 'null') as unknown;
  const locate: JsonLocator = (path) => {
    const node = findNodeAtLocation(root, [...path]);
    if (!node) return undefined;
    // Like compose locations, a finding points at the value (`true` in `"Privileged": true`).
    const { source: _s, ...pos } = index.location(source, node.offset, node.offset + node.length);
    return pos;
  };
  return { value, locate, diagnostics };
}
