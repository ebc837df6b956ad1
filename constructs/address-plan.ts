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
import { cidrBlock, formatCidr } from '../util/cidr';

export interface SpokeAddressPlan {
  /** Workloads: the first half of the spoke. */
  readonly workloads: string;
  /** Private endpoints of the force services (Key Vault, storage): the third quarter. */
  readonly privateEndpoints: string;
  /** Management hosts (SSH, RDP and HTTPS allowed only from this subnet itself): an eighth. */
  readonly management: string;
  /** Delegated to App Service VNet integration: a sixteenth. */
  readonly integration: string;
  /** The GatewaySubnet, the last sixteenth; created only for an ExpressRoute gateway in the spoke. */
  readonly gateway: string;
}

/** The `index`-th block of size /`newPrefix` inside `cidr`. */
export function subnetOf(cidr: string, newPrefix: number, index: number): string {
  const parent = cidrBlock(cidr);
  if (!parent) throw new Error(`address plan: "${cidr}" is not an IPv4 CIDR`);
  if (newPrefix < parent.prefix || newPrefix > 29) {
    throw new Error(`address plan: cannot carve a /${newPrefix} from ${cidr}`);
  }
  const size = 2 ** (32 - newPrefix);
  const count = 2 ** (newPrefix - parent.prefix);
  if (!Number.isInteger(index) || index < 0 || index >= count)
    throw new Error(`address plan: ${cidr} has ${count} /${newPrefix} blocks; index ${index} is out of range`);
  return formatCidr({ network: parent.network + index * size, prefix: newPrefix, size });
}

/** The standard spoke layout for `addressSpace` (a /16 to a /24). */
export function spokeAddressPlan(addressSpace: string): SpokeAddressPlan {
  const parsed = cidrBlock(addressSpace);
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
