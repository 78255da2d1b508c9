import type { ContainerSpec, Sourced } from '../../model/index.js';
import type { RuleContext } from '../types.js';
import { reportIfUnknown } from './util.js';

/**
 * The shape shared by the memory, CPU and pids rules: no limit, or a limit that means "unlimited"
 * (0, or -1 for pids), is a violation; an Unknown limit is unknown.
 */
export function checkLimit(c: ContainerSpec, field: Sourced<number> | undefined, ctx: RuleContext<'missing' | 'unlimited' | 'unknown'>): void {
  if (!field) {
    ctx.report({ messageId: 'missing', at: c.at });
    return;
  }
  if (reportIfUnknown(ctx, field, 'unknown')) return;
  if (typeof field.value === 'number' && field.value <= 0) ctx.report({ messageId: 'unlimited', at: field, data: { value: field.value } });
}
