import type { Location } from './location.js';

/**
 * One rule named in an inline suppression comment (`# bulwark-ignore BW1001, BW1024: reason`), after the
 * comment was matched against the findings of its file.
 */
export interface SuppressedRuleRef {
  /** As written: an id (`BW1001`) or a rule name (`no-privileged`). */
  written: string;
  /** The rule's id when the name is known, else undefined. */
  ruleId?: string;
  /** True when at least one finding of that rule on the target line was hidden by this comment. */
  used: boolean;
  /** False when the rule is switched off by configuration (then the comment is not reported as unused). */
  enabled: boolean;
  /** Where the id is written in the comment. */
  at: Location;
}

/** An inline suppression comment in a compose file, Dockerfile or shell script. */
export interface SuppressionComment {
  /** The `#` that starts the comment. */
  at: Location;
  /**
   * The line whose findings it hides: the comment's own line (trailing comment) or the next code line; 0 when
   * it stands alone after the last code line (it hides nothing).
   */
  targetLine: number;
  /** When a YAML block scalar (`command: |`) starts on the target line: the last line of its text, whose findings it hides too. */
  targetEndLine?: number;
  rules: SuppressedRuleRef[];
  /** The reason after the colon, trimmed; undefined when none is given (the comment then hides nothing). */
  reason?: string;
}

/** The subject of the suppression rules (BW9xxx): the suppression comments of one file. */
export interface SuppressionSubject {
  /** The file, as findings name it. */
  name: string;
  comments: SuppressionComment[];
}
