/**
 * IPv4 special-purpose ranges, for telling private networks from the internet. Source: the IANA
 * IPv4 Special-Purpose Address Registry (RFC 6890 and its updates),
 * https://www.iana.org/assignments/iana-ipv4-special-registry/.
 */
import { type Cidr, containsIp, contains, parseCidr } from './cidr';

interface NamedRange {
  readonly block: Cidr;
  readonly label: string;
}

const named = (cidr: string, label: string): NamedRange => ({ block: parseCidr(cidr), label });

/** Ranges a private network may use: RFC 1918 and the RFC 6598 shared address space (carrier-grade NAT). */
export const PRIVATE_RANGES: readonly NamedRange[] = [
  named('10.0.0.0/8', 'RFC 1918 private'),
  named('172.16.0.0/12', 'RFC 1918 private'),
  named('192.168.0.0/16', 'RFC 1918 private'),
  named('100.64.0.0/10', 'RFC 6598 shared address space'),
];

/**
 * Addresses that are not on the public internet (besides PRIVATE_RANGES). The documentation ranges
 * (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) are left out on purpose: sample and onboarded
 * force files use them as obvious placeholders, and a tunnel to one simply never comes up.
 */
const NOT_PUBLIC: readonly NamedRange[] = [
  ...PRIVATE_RANGES,
  named('0.0.0.0/8', '"this network"'),
  named('127.0.0.0/8', 'loopback'),
  named('169.254.0.0/16', 'link-local'),
  named('192.0.0.0/24', 'IETF protocol assignments'),
  named('198.18.0.0/15', 'benchmarking'),
  named('224.0.0.0/4', 'multicast'),
  named('240.0.0.0/4', 'reserved'),
];

/** The private range that holds all of `block`, if one does. */
export function privateRangeHolding(block: Cidr): NamedRange | undefined {
  return PRIVATE_RANGES.find((r) => contains(r.block, block));
}

/** The special-purpose range `ip` is in, when it is not a public internet address. */
export function nonPublicRangeOf(ip: number): NamedRange | undefined {
  return NOT_PUBLIC.find((r) => containsIp(r.block, ip));
}
