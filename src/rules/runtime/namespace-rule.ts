import { type JoinedNamespace, quoteName, type Sourced } from '../../model/index.js';
import type { RuleContext } from '../types.js';
import { isHostMode, reportIfUnknown } from './util.js';

/** The shape shared by the host-namespace rules: mode `host` is a violation, Unknown is unknown. */
export function checkHostNamespace(field: Sourced<string> | undefined, ctx: RuleContext<'host' | 'unknown'>): void {
  if (!field || reportIfUnknown(ctx, field, 'unknown')) return;
  if (isHostMode(field.value)) ctx.report({ messageId: 'host', at: field });
}

/**
 * A network, PID or IPC mode that may join another service's namespace (`service:vpn`): judged as
 * `checkHostNamespace`, and where the chain of services ends at the host's namespace (`joined`, from the source), a
 * violation at the mode as written (`hostThrough`, naming the service whose mode is `host`); where it ends at a mode
 * that cannot be known, unknown.
 */
export function checkJoinableHostNamespace(
  field: Sourced<string> | undefined,
  joined: JoinedNamespace | undefined,
  ctx: RuleContext<'host' | 'unknown' | 'hostThrough'>,
): void {
  if (field === undefined || joined === undefined) checkHostNamespace(field, ctx);
  else if (joined.mode === 'host') ctx.report({ messageId: 'hostThrough', at: field, data: { via: quoteName(joined.via) } });
  else
    ctx.report({
      messageId: 'unknown',
      at: field,
      status: 'unknown',
      data: { reason: `it joins that of service ${quoteName(joined.via)}, and ${joined.mode.reason}` },
    });
}
