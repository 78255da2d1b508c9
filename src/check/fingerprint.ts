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
