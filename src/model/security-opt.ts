import type { SecurityOptions } from './container.js';
import { type Location, type Unknown, unknown } from './location.js';

/** The texts Go's `strconv.ParseBool` takes, which dockerd uses for `no-new-privileges=VALUE`. */
const GO_BOOL: ReadonlyMap<string, boolean> = new Map([
  ...['1', 't', 'T', 'true', 'TRUE', 'True'].map((s) => [s, true] as const),
  ...['0', 'f', 'F', 'false', 'FALSE', 'False'].map((s) => [s, false] as const),
]);

/** The SELinux label options that turn confinement off (BW1009), as written after `label=`, in lower case. */
const WEAK_LABELS = ['disable', 'type:spc_t'];

/** The options `parseSecurityOpt` sorts by key, each with the field it sets; others go to `other`. */
const KEYS = ['no-new-privileges', 'seccomp', 'apparmor', 'label', 'systempaths'] as const;

/**
 * Adds one `--security-opt` / compose `security_opt` entry to `into`, parsed as the Docker CLI does
 * (cli `parseSecurityOpts`): `KEY=VALUE` or the legacy `KEY:VALUE`, `no-new-privileges` alone meaning true,
 * `label=...` / `label:...` for SELinux, and `systempaths=unconfined`, which the Docker CLI (`parseSystemPaths`) and
 * compose (`parseSecurityOpts`) take out of the list and turn into empty `HostConfig.MaskedPaths` and `ReadonlyPaths`:
 * they match that exact text only (another spelling goes to the daemon, which refuses it), so only that text sets
 * `systemPaths`. The value of `no-new-privileges` is read as dockerd reads it (Go `strconv.ParseBool`: `1`, `t`, `T`,
 * `true`, `TRUE`, `True` and their false forms); any other value is refused by dockerd ("invalid --security-opt 2")
 * and set Unknown. Unknown keys are kept in `other`.
 * When `valueUnknown` is given (the text, `text` as written before interpolation, holds an unset variable), the
 * option its key names gets that Unknown as its value, so rules report "cannot be known" for the right option.
 * When the key itself holds the variable (`${SECOPT}`, `${K}=unconfined`), every option the entry could be (those
 * whose key starts with the text before the variable) that no entry before it set gets the Unknown, and `label`
 * gets one more Unknown entry: the entry may disable seccomp or AppArmor, and which one is not known. An option
 * set by an entry before it keeps its value (an explicit option is not taken as overridden by a guess).
 */
export function parseSecurityOpt(text: string, at: Location, into: SecurityOptions, valueUnknown?: Unknown): void {
  const t = text.trim();
  if (valueUnknown) {
    const known = t.slice(0, t.indexOf('$') === -1 ? t.length : t.indexOf('$'));
    const sep = /[=:]/.exec(known);
    const key = sep ? known.slice(0, sep.index) : known;
    // `no-new-privileges${X}`: the key is whole, the value (`:false`, or nothing) is not known.
    const candidates = KEYS.filter((k) => (sep || k === key ? k === key : k.startsWith(key)));
    if (candidates.length === 0) into.other.push({ value: valueUnknown, at });
    const only = candidates.length === 1;
    const set = { value: valueUnknown, at };
    for (const k of candidates) {
      if (k === 'no-new-privileges') {
        if (only || !into.noNewPrivileges) into.noNewPrivileges = set;
      } else if (k === 'seccomp') {
        if (only || !into.seccomp) into.seccomp = set;
      } else if (k === 'apparmor') {
        if (only || !into.apparmor) into.apparmor = set;
      } else if (k === 'label') {
        // `label=level:${L}` cannot become `disable` or `type:spc_t`, the labels that weaken confinement.
        const rest = sep ? known.slice(sep.index + 1).toLowerCase() : '';
        if (WEAK_LABELS.some((w) => w.startsWith(rest))) into.selinux.push(set);
        else into.other.push(set);
      } else if (only || !into.systemPaths) into.systemPaths = set;
    }
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
      // The value is not quoted: it may come from the environment.
      const b = GO_BOOL.get(value);
      into.noNewPrivileges = { value: b ?? unknown('its value is not a boolean dockerd takes (true or false), so dockerd refuses the container'), at };
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
