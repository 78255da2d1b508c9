import { type DaemonSpec, isUnknown, knownValue, type Sourced } from '../../model/index.js';
import { defineRule, type Rule, type SourceKind } from '../types.js';

/** A rule over DaemonSpec (daemon.json merged with the dockerd flags of the systemd unit). */
export type DaemonRule<M extends string = string> = Rule<DaemonSpec, M>;

/** Declares a daemon rule. */
export function daemonRule<M extends string>(rule: DaemonRule<M>): DaemonRule<M> {
  return defineRule(rule);
}

/** The sources daemon rules read: daemon.json and dockerd flags in systemd units. */
export const DAEMON_SOURCES: SourceKind[] = ['daemon-json', 'systemd'];

/**
 * Judges a boolean daemon option that should be `want`. Returns `explicit` when it is set to the other value,
 * `default` when it is absent and dockerd's default (`dflt`) is the other value (never on a partial configuration,
 * where an absent key is decided elsewhere), `unknown` when it is set to a value Bulwark cannot read as a boolean
 * (such as `"yes"`, which dockerd refuses), else undefined.
 */
export function judgeBool(d: DaemonSpec, field: Sourced<boolean> | undefined, want: boolean, dflt: boolean): 'explicit' | 'default' | 'unknown' | undefined {
  if (field === undefined) return !d.partial && dflt !== want ? 'default' : undefined;
  if (isUnknown(field.value)) return 'unknown';
  const v = knownValue(field);
  return v !== undefined && v !== want ? 'explicit' : undefined;
}

/** Parses a daemon host address (`tcp://0.0.0.0:2376`, `unix:///var/run/docker.sock`, `fd://`) into scheme and host. */
export function parseDaemonHost(h: string): { scheme: string; host: string } {
  const m = /^([a-z]+):\/\/(.*)$/.exec(h);
  if (!m) return { scheme: 'tcp', host: h };
  const rest = m[2] as string;
  const host = rest.startsWith('[') ? rest.slice(0, rest.indexOf(']') + 1) : ((rest.split('/')[0] as string).split(':')[0] as string);
  return { scheme: m[1] as string, host };
}

/** True for a loopback host name or address: `localhost`, 127.0.0.0/8, `::1` (brackets allowed). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (m === null) return false;
  return m.slice(1).every((o) => Number(o) <= 255) && m[1] === '127';
}

/**
 * True when an `insecure-registries` entry only covers loopback: `localhost:5000`, `127.0.0.1:5000`, `[::1]:5000`, or a
 * CIDR inside 127.0.0.0/8 or ::1/128. Traffic to such a registry never leaves the host, and dockerd already treats
 * 127.0.0.0/8 as insecure by default (moby `registry/config.go`, `newServiceConfig`).
 */
export function isLoopbackRegistry(entry: string): boolean {
  const e = entry.trim().replace(/^[a-z]+:\/\//i, '');
  const cidr = /^(.*)\/(\d{1,3})$/.exec(e);
  if (cidr) {
    const [, base, bits] = cidr as unknown as [string, string, string];
    if (base === '::1' || base === '0:0:0:0:0:0:0:1') return Number(bits) === 128;
    return isLoopbackHost(base) && Number(bits) >= 8 && Number(bits) <= 32;
  }
  if (e.startsWith('[')) return isLoopbackHost(e.slice(0, e.indexOf(']') + 1));
  if (e.split(':').length > 2) return isLoopbackHost(e);
  return isLoopbackHost(e.split(':')[0] as string);
}

/** True when a registry mirror URL (`http://127.0.0.1:5000`) points at a loopback host. Never throws. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}
