import { isUnknown, type Sourced } from '../../model/index.js';
import type { RuleContext } from '../types.js';

/**
 * Reports `unknownId` with status unknown when the field's value is Unknown, and returns true so the
 * caller stops; returns false for known values. A value its source reported as an input error (Unknown.refused)
 * is not reported again: the error is its only report.
 */
export function reportIfUnknown<M extends string>(ctx: RuleContext<M>, field: Sourced<unknown>, unknownId: M): boolean {
  if (!isUnknown(field.value)) return false;
  if (field.value.refused) return true;
  ctx.report({ messageId: unknownId, at: field, status: 'unknown', data: { reason: field.value.reason } });
  return true;
}

/** Host namespace modes that share the host's namespace. */
export function isHostMode(v: unknown): boolean {
  return typeof v === 'string' && v.toLowerCase() === 'host';
}
