import type { Location } from './location.js';

/**
 * Codes of input problems (STYLE.md habit 9: errors carry a code; nothing matches on message text).
 */
export type DiagnosticCode =
  | 'yaml-syntax'
  | 'alias-bomb'
  | 'too-large'
  | 'binary'
  | 'unreadable'
  | 'invalid-merge'
  | 'not-a-mapping'
  | 'invalid-interpolation'
  | 'invalid-value'
  | 'extends-cycle'
  | 'extends-missing'
  | 'include-missing'
  | 'include-cycle'
  | 'include-conflict'
  /** A remote `include` or `extends` file (Git, OCI, http(s)), which Bulwark does not fetch: a warning. */
  | 'remote-reference'
  | 'dockerfile-syntax'
  | 'unknown-flag'
  | 'shell-syntax'
  | 'json-syntax'
  | 'config'
  | 'internal';

/**
 * A problem with the input itself (a file that does not parse, a value compose would refuse), as opposed to
 * a finding about hardening. Errors make `bulwark` exit 2 (DESIGN.md "Findings and output"); warnings do not.
 */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  message: string;
  at: Location;
}

/**
 * Diagnostics of one file in file order, in place: by line, then column (those at one place keep their order, the
 * sort being stable). @returns `diagnostics`
 */
export function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => (a.at.line ?? 0) - (b.at.line ?? 0) || (a.at.column ?? 0) - (b.at.column ?? 0));
}
