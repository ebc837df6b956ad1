/**
 * How NSG and firewall rules match one packet: address prefixes and service tags, port ranges,
 * protocols. Facts about Azure's built-in names are written here once.
 */
import { cidrBlock, containsIp, parseIp, type Cidr } from '../util/cidr';

/** The packet a query asks about. */
export interface Packet {
  readonly src: number;
  readonly dst: number;
  /** Lower case: tcp, udp or icmp. */
  readonly protocol: 'tcp' | 'udp' | 'icmp';
  /** Destination port; undefined for icmp. */
  readonly port?: number;
  /** Host name asked for (TLS SNI or HTTP Host), for application rules; undefined: any name. */
  readonly fqdn?: string;
}

/** True when a firewall FQDN (`host.example.org` or `*.example.org`) admits `host`. */
export function fqdnMatches(pattern: string, host: string): boolean {
  const p = pattern.trim().toLowerCase();
  const h = host.trim().toLowerCase();
  if (p === '*') return true;
  return p.startsWith('*.') ? h.endsWith(p.slice(1)) : h === p;
}

/** Address space that is never on the internet (RFC 1918, RFC 6598 shared, loopback, link-local). */
export const NON_INTERNET: readonly Cidr[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
].map((c) => cidrBlock(c)!);

/** Azure's platform address behind the AzureLoadBalancer tag (health probes) and Azure DNS. */
export const AZURE_PLATFORM_IP = parseIp('168.63.129.16')!;

export function isInternetAddress(ip: number): boolean {
  return !NON_INTERNET.some((c) => containsIp(c, ip));
}

/** A CIDR, a single address (as a /32) or an `a.b.c.d-e.f.g.h` range, as an interval; undefined otherwise. */
export function addressRange(text: string): [number, number] | undefined {
  const t = text.trim();
  const dash = /^(\d+\.\d+\.\d+\.\d+)-(\d+\.\d+\.\d+\.\d+)$/.exec(t);
  if (dash) {
    const a = parseIp(dash[1]);
    const b = parseIp(dash[2]);
    return a !== undefined && b !== undefined && a <= b ? [a, b + 1] : undefined;
  }
  const ip = parseIp(t);
  if (ip !== undefined) return [ip, ip + 1];
  const c = cidrBlock(t);
  return c ? [c.network, c.network + c.size] : undefined;
}

/** What an NSG prefix or firewall address means, worked out once per distinct text (see addressMatches). */
type AddressMeaning =
  | { readonly kind: 'any' | 'virtualNetwork' | 'internet' | 'azurePlatform' | 'serviceTag' | 'nothing' }
  | { readonly kind: 'range'; readonly from: number; readonly to: number };

/**
 * Meanings by the address's text. An isolation proof asks about the same few hundred texts millions of
 * times at 1,000 forces (parsing them each time was about 1 s of `check`); bounded so that a
 * long-lived process reading many estates does not grow without end.
 */
const meanings = new Map<string, AddressMeaning>();
const MAX_MEANINGS = 100_000;

function meaningOf(address: string): AddressMeaning {
  const known = meanings.get(address);
  if (known) return known;
  const text = address.trim().toLowerCase();
  const range = addressRange(text);
  const meaning: AddressMeaning =
    text === '*' || text === 'any' || text === '0.0.0.0/0'
      ? { kind: 'any' }
      : text === 'virtualnetwork'
        ? { kind: 'virtualNetwork' }
        : text === 'internet'
          ? { kind: 'internet' }
          : text === 'azureloadbalancer'
            ? { kind: 'azurePlatform' }
            : range
              ? { kind: 'range', from: range[0], to: range[1] }
              : /^[a-z][a-z0-9.]*$/.test(text)
                ? { kind: 'serviceTag' }
                : { kind: 'nothing' };
  if (meanings.size >= MAX_MEANINGS) meanings.clear();
  meanings.set(address, meaning);
  return meaning;
}

/**
 * True when `address` (an NSG prefix or firewall address) covers `ip`. `virtualNetwork` is what
 * the VirtualNetwork tag means at that NSG (its VNet, peered VNets, on-premises ranges behind a
 * gateway). Other service tags (Storage, AzureCloud...) name public Microsoft ranges: they match
 * internet addresses only, never a private one, which is all isolation proofs need.
 */
export function addressMatches(address: string, ip: number, virtualNetwork: readonly Cidr[] = []): boolean {
  const meaning = meaningOf(address);
  switch (meaning.kind) {
    case 'any':
      return true;
    case 'virtualNetwork':
      return virtualNetwork.some((c) => containsIp(c, ip));
    case 'internet':
    case 'serviceTag':
      return isInternetAddress(ip);
    case 'azurePlatform':
      return ip === AZURE_PLATFORM_IP;
    case 'range':
      return ip >= meaning.from && ip < meaning.to;
    case 'nothing':
      return false;
  }
}

/** True when a port list (`*`, `443`, `1000-2000`) admits `port`; icmp has no port and matches any list. */
export function portMatches(ports: readonly string[], port: number | undefined): boolean {
  if (port === undefined) return true;
  return ports.some((p) => {
    const t = p.trim();
    if (t === '*') return true;
    const m = /^(\d+)(?:-(\d+))?$/.exec(t);
    if (!m) return false;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    return port >= lo && port <= hi;
  });
}

/** NSG protocol `*`/`Tcp`/`Udp`/`Icmp`; firewall `Any`/`TCP`/`UDP`/`ICMP`. */
export function protocolMatches(protocol: string, packet: Packet): boolean {
  const p = protocol.trim().toLowerCase();
  return p === '*' || p === 'any' || p === packet.protocol;
}
