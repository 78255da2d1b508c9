import type { Location } from '../model/index.js';
import type { Finding } from './finding.js';

/**
 * A finding that a suppression hid: an inline `# bulwark-ignore ID: reason` comment, or an entry of the
 * baseline file (`--baseline`). Reporters show these apart (SARIF `suppressions`, JSON `suppressed`); they
 * never count toward the exit code.
 */
export interface SuppressedFinding {
  finding: Finding;
  kind: 'inline' | 'baseline';
  /** The reason written in the comment (inline) or recorded in the baseline. */
  reason?: string;
  /** Where the suppression was written (the comment, or the baseline file). */
  at?: Location;
}
