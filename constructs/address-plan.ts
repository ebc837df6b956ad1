/**
 * Carves a spoke address space into subnets. Pure IPv4 arithmetic, so the same address space always
 * gives the same subnets (a force can predict its ranges, and the plan never drifts between runs).
 *
 * Layout of a spoke (shown for a /22; larger spaces scale every block up):
 *
 * | block                | share          | /22 example      |
 * |----------------------|----------------|------------------|
 * | workloads            | first half     | x.x.0.0/23       |
 * | private endpoints    | third quarter  | x.x.2.0/24       |
 * | management           | eighth         | x.x.3.0/25       |
 * | integration (apps)   | sixteenth      | x.x.3.128/26     |
 * | GatewaySubnet        | last sixteenth | x.x.3.192/26     |
 */

export interface SpokeAddressPlan {
  readonly workloads: string;
  readonly privateEndpoints: string;
  readonly management: string;
  readonly integration: string;
  readonly gateway: string;
}

/** Parses `a.b.c.d/n` into a 32-bit base and prefix length; undefined when malformed. */
export function parseCidrBlock(cidr: string): { base: number; prefix: number } | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  return { base, prefix };
}

function format(base: number, prefix: number): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256);
  return `${octets.join('.')}/${prefix}`;
}

/** The `index`-th block of size /`newPrefix` inside `cidr`. */
export function subnetOf(cidr: string, newPrefix: number, index: number): string {
  const parsed = parseCidrBlock(cidr);
  if (!parsed) throw new Error(`address plan: "${cidr}" is not an IPv4 CIDR`);
  if (newPrefix < parsed.prefix || newPrefix > 29) {
    throw new Error(`address plan: cannot carve a /${newPrefix} from ${cidr}`);
  }
  const size = 2 ** (32 - newPrefix);
  const count = 2 ** (newPrefix - parsed.prefix);
  if (index < 0 || index >= count) throw new Error(`address plan: ${cidr} has ${count} /${newPrefix} blocks; index ${index} is out of range`);
  const aligned = parsed.base - (parsed.base % 2 ** (32 - parsed.prefix));
  return format(aligned + index * size, newPrefix);
}

/** The standard spoke layout for `addressSpace` (a /16 to a /24). */
export function spokeAddressPlan(addressSpace: string): SpokeAddressPlan {
  const parsed = parseCidrBlock(addressSpace);
  if (!parsed) throw new Error(`address plan: "${addressSpace}" is not an IPv4 CIDR`);
  const p = parsed.prefix;
  if (p < 16 || p > 24) throw new Error(`address plan: ${addressSpace} must be between /16 and /24`);
  return {
    workloads: subnetOf(addressSpace, p + 1, 0),
    privateEndpoints: subnetOf(addressSpace, p + 2, 2),
    management: subnetOf(addressSpace, p + 3, 6),
    integration: subnetOf(addressSpace, p + 4, 14),
    gateway: subnetOf(addressSpace, p + 4, 15),
  };
}
