import type { PortBinding } from './container.js';
import { ipVersion } from './ip-address.js';
import { holdsMask, quoteValue, type ValuePiece } from './mask.js';

/** A port specification Docker would refuse. */
export class PortSpecError extends Error {
  readonly code = 'invalid-port' as const;
}

const PORT_OR_RANGE = /^\d{1,5}(?:-\d{1,5})?$/;

/**
 * Parses a published-port specification as Docker does (go-connections `nat.ParsePortSpec`), which is also
 * compose's short syntax: `[[IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, with `IP` in brackets for IPv6
 * (`[::1]:8080:80`), ranges (`8000-8010:8000-8010`) and an empty host port (`127.0.0.1::80`).
 * `pieces` tell where an interpolated spec came from, so that messages quote it without secrets (`quoteValue`).
 * @throws PortSpecError when a port is not a number or range, or the protocol is unknown.
 */
export function parsePortSpec(spec: string, pieces?: readonly ValuePiece[]): PortBinding {
  const q = (text: string) => quoteValue(text, pieces);
  // A part of the spec is quoted only when the whole is shown as written: when quoteValue masks the whole (a URL
  // password, a token), a part of it (the text after `/`, a host port) can hold the very secret it masked.
  const masked = holdsMask(q(spec));
  const part = (what: string, text: string) => (masked ? what : `${what} ${q(text)}`);
  let rest = spec.trim();
  let protocol: PortBinding['protocol'] = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash !== -1) {
    const written = rest.slice(slash + 1);
    const p = written.toLowerCase();
    if (p !== 'tcp' && p !== 'udp' && p !== 'sctp') throw new PortSpecError(`${part('unknown protocol', written)} in port ${q(spec)}`);
    protocol = p;
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  let hostPort: string | undefined;
  let containerPort: string;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1 || rest[close + 1] !== ':') throw new PortSpecError(`invalid IPv6 address in port ${q(spec)}`);
    hostIp = rest.slice(1, close);
    const parts = rest.slice(close + 2).split(':');
    if (parts.length !== 2) throw new PortSpecError(`invalid port ${q(spec)}`);
    hostPort = parts[0];
    containerPort = parts[1] as string;
  } else {
    const parts = rest.split(':');
    const n = parts.length;
    containerPort = parts[n - 1] as string;
    if (n === 2) hostPort = parts[0];
    else if (n === 3) {
      hostIp = parts[0];
      hostPort = parts[1];
    } else if (n > 3) {
      hostIp = parts.slice(0, n - 2).join(':');
      hostPort = parts[n - 2];
    }
  }
  if (!isPortOrRange(containerPort)) throw new PortSpecError(`${part('invalid container port', containerPort)} in ${q(spec)}`);
  if (hostPort !== undefined && hostPort !== '' && !isPortOrRange(hostPort)) {
    throw new PortSpecError(`${part('invalid host port', hostPort)} in ${q(spec)}`);
  }
  const binding: PortBinding = { containerPort, protocol };
  // Brackets were taken off above (`[::1]:8080:80`); a lone one (`::]:8080:80`) stays, and the address is then refused.
  if (hostIp !== undefined && hostIp !== '') binding.hostIp = hostIp;
  if (hostPort !== undefined && hostPort !== '') binding.hostPort = hostPort;
  return binding;
}

/**
 * A port or a range as Docker reads one (go-connections nat.ParsePortRange: 16-bit unsigned numbers, the start of a
 * range not after its end): `65536` and `90-80` are refused.
 */
function isPortOrRange(text: string): boolean {
  if (!PORT_OR_RANGE.test(text)) return false;
  const [start, end = start] = text.split('-').map(Number) as [number, number?];
  return start <= 65535 && end <= 65535 && start <= end;
}

/**
 * True when a host address means "every interface": none written, or the unspecified address in any of its
 * spellings, as Go's `IP.IsUnspecified` reads it: `0.0.0.0`, `::`, `[::]`, `0:0:0:0:0:0:0:0`, `::0.0.0.0`, and the
 * IPv4-mapped `::ffff:0.0.0.0` (Docker binds that as 0.0.0.0). An IPv6 address is compared in the WHATWG URL
 * parser's canonical form, where all of these read `[::]` or `[::ffff:0:0]`.
 */
export function isAllInterfaces(hostIp: string | undefined): boolean {
  if (hostIp === undefined || hostIp === '') return true;
  const ip = unbracketed(hostIp);
  if (ip === '0.0.0.0') return true;
  if (ipVersion(ip) !== 6) return false;
  const canonical = new URL(`http://[${ip}]`).hostname;
  return canonical === '[::]' || canonical === '[::ffff:0:0]';
}

/** An address without the brackets of an IPv6 literal (`[::1]` -> `::1`); a lone bracket stays. */
export function unbracketed(address: string): string {
  return address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
}
