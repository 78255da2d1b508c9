import type { Sourced } from '../../model/index.js';
import type { RuleContext } from '../types.js';
import { isHostMode, reportIfUnknown } from './util.js';

/** The shape shared by the host-namespace rules: mode `host` is a violation, Unknown is unknown. */
export function checkHostNamespace(field: Sourced<string> | undefined, ctx: RuleContext<'host' | 'unknown'>): void {
  if (!field || reportIfUnknown(ctx, field, 'unknown')) return;
  if (isHostMode(field.value)) ctx.report({ messageId: 'host', at: field });
}
