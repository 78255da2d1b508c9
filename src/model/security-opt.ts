import type { SecurityOptions } from './container.js';
import type { Location, Unknown } from './location.js';

/**
 * Adds one `--security-opt` / compose `security_opt` entry to `into`, parsed as the Docker CLI does
 * (cli `parseSecurityOpts`): `KEY=VALUE` or the legacy `KEY:VALUE`, `no-new-privileges` alone meaning true,
 * `label=...` / `label:...` for SELinux, and `systempaths=unconfined`, which the Docker CLI (`parseSystemPaths`) and
 * compose (`parseSecurityOpts`) take out of the list and turn into empty `HostConfig.MaskedPaths` and `ReadonlyPaths`:
 * they match that exact text only (another spelling goes to the daemon, which refuses it), so only that text sets
 * `systemPaths`. Unknown keys are kept in `other`.
 * When `valueUnknown` is given (the text holds an unset variable), the option named by the key gets that
 * Unknown as its value, so rules report "cannot be known" for the right option.
 */
export function parseSecurityOpt(text: string, at: Location, into: SecurityOptions, valueUnknown?: Unknown): void {
  const t = text.trim();
  if (valueUnknown) {
    const key = /^[a-z-]+/.exec(t)?.[0];
    if (key === 'no-new-privileges') into.noNewPrivileges = { value: valueUnknown, at };
    else if (key === 'seccomp') into.seccomp = { value: valueUnknown, at };
    else if (key === 'apparmor') into.apparmor = { value: valueUnknown, at };
    else if (key === 'label') into.selinux.push({ value: valueUnknown, at });
    else if (key === 'systempaths') into.systemPaths = { value: valueUnknown, at };
    else into.other.push({ value: valueUnknown, at });
    return;
  }
  if (t === 'systempaths=unconfined') {
    into.systemPaths = { value: 'unconfined', at };
    return;
  }
  if (t === 'no-new-privileges') {
    into.noNewPrivileges = { value: true, at };
    return;
  }
  const eq = t.indexOf('=');
  const colon = t.indexOf(':');
  const sep = eq === -1 ? colon : colon === -1 ? eq : Math.min(eq, colon);
  if (sep === -1) {
    into.other.push({ value: t, at });
    return;
  }
  const key = t.slice(0, sep);
  const value = t.slice(sep + 1);
  switch (key) {
    case 'no-new-privileges': {
      const v = value.toLowerCase();
      into.noNewPrivileges = { value: v === 'true' || v === '1', at };
      return;
    }
    case 'seccomp':
      into.seccomp = { value, at };
      return;
    case 'apparmor':
      into.apparmor = { value, at };
      return;
    case 'label':
      into.selinux.push({ value, at });
      return;
    default:
      into.other.push({ value: t, at });
  }
}
