import { hash } from 'node:crypto';
import type { Location } from '../model/index.js';

/**
 * A fingerprint that survives unrelated line moves: it hashes the rule id, the source file, the value's
 * logical path (or, without one, the text of the message) and the subject, never line numbers.
 * @returns 16 hex characters
 */
export function fingerprint(ruleId: string, at: Location, subject: string, message: string): string {
  // As [ruleId, at.source, at.path ?? message, subject].join('\u0000') (a missing source is ''), without the array.
  const key = `${ruleId}\u0000${at.source ?? ''}\u0000${at.path ?? message}\u0000${subject}`;
  // One-shot crypto.hash (Node >= 20.12) is about three times faster than createHash for keys this short,
  // and fingerprints are computed for every finding. SHA-1 is fine: this is an identity, not a signature.
  return hash('sha1', key).slice(0, 16);
}

/**
 * The identity of a finding in a baseline file (format version 2): rule id, the file as a path relative to the
 * baseline's own folder (so the same checkout matches from any working directory), the value's logical path with
 * list positions left out, the subject, and, for a value in a list, the message, which names the value
 * (`adds capability SYS_PTRACE`). A list item is then matched by what it is, not by where it sits: a new capability
 * put first in `cap_add` is not taken for the one that used to be there. Never line numbers.
 * @param source the finding's source as the baseline stores it (relative to the baseline's folder)
 * @returns 16 hex characters
 */
export function baselineFingerprint(ruleId: string, source: string, path: string | undefined, subject: string, message: string): string {
  const listed = path !== undefined && /\[\d+\]/.test(path);
  const where = path === undefined ? message : listed ? `${path.replace(/\[\d+\]/g, '[]')}\u0000${message}` : path;
  return hash('sha1', `${ruleId}\u0000${source}\u0000${where}\u0000${subject}`).slice(0, 16);
}
