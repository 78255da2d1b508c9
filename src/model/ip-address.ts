import { isIPv4 } from 'node:net';

/** The characters an IPv6 address is written with (hex digits, colons, and the dots of an IPv4 tail). */
const IPV6_CHARS = /^[0-9A-Fa-f:.]+$/;

/**
 * The IP version of `text` as Docker reads a port's host address (Go's net.ParseIP, through go-connections'
 * ParsePortSpec): 4 for a dotted IPv4 address (four decimal parts of 0-255, no leading zeros), 6 for an IPv6 address
 * written without brackets, 0 for anything else (a host name, an empty string, an IPv6 address with a zone such as
 * `fe80::1%eth0`, which ParseIP refuses). Never throws.
 *
 * IPv6 is judged by the WHATWG URL parser (`URL.canParse` of `http://[text]`, RFC 4291 text forms, as Go reads
 * them), not by net.isIP, whose IPv6 regular expression took V8 10-17 ms to compile on first use (profiled on the
 * generated corpus) and which also takes zones. IPv4 is net.isIPv4, the same rule as Go 1.17+.
 */
export function ipVersion(text: string): 0 | 4 | 6 {
  if (isIPv4(text)) return 4;
  return text.includes(':') && IPV6_CHARS.test(text) && URL.canParse(`http://[${text}]`) ? 6 : 0;
}
