import type { Location } from '../model/index.js';
import type { ChecklistSection, RuleScope, Severity } from '../rules/index.js';

/**
 * One finding, as every reporter reads it (DESIGN.md "Findings and output"). `severity` is after
 * configuration; unknown-status findings are reported at `info`.
 */
export interface Finding {
  ruleId: string;
  ruleName: string;
  scope: RuleScope;
  severity: Severity;
  status: 'violation' | 'unknown';
  title: string;
  /** The observed fact, with data filled in; never contains a secret value. */
  message: string;
  rationale: string;
  remediation: string;
  location: Location;
  /** The container, service or file the finding is about (`api`, `Dockerfile`). */
  subject: string;
  checklist: ChecklistSection;
  seed: string;
  cis?: string[];
  /** Stable across unrelated line moves: a hash of rule id, source, logical path, subject and message. */
  fingerprint: string;
}
