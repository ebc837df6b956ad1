/**
 * The network model: what the synthesised Terraform (or a plan) says about VNets, subnets,
 * peerings, routes, NSGs, gateways and the hub firewall, in the terms the packet walk
 * (evaluate.ts) needs. Built by parse.ts; pure data, no Terraform shapes.
 *
 * Addresses are IPv4 as unsigned 32-bit numbers; ranges are half-open intervals [start, end).
 */
import type { Cidr } from '../util/cidr';

/** Where a thing is written: the stack and the Terraform resource address. */
export interface Located {
  readonly stack: string;
  readonly address: string;
}

/** Where a generated rule came from in config: the stack whose sources.json locates `field`. */
export interface ConfigRef {
  readonly stack: string;
  readonly field: string;
}

export type NextHopType =
  'VnetLocal' | 'VNetPeering' | 'VirtualNetworkGateway' | 'VirtualAppliance' | 'Internet' | 'None';

export interface Route {
  readonly name: string;
  readonly prefix: Cidr;
  readonly nextHop: NextHopType;
  /** For VirtualAppliance. */
  readonly nextHopIp?: number;
  /** user: a route table entry; gateway: learnt from a virtual network gateway; system: Azure's own. */
  readonly origin: 'user' | 'gateway' | 'system';
  /** The route table (user routes) or the VNet/gateway (system and gateway routes). */
  readonly at?: Located;
  /** For VNetPeering: the VNet key reached. For VirtualNetworkGateway: the gateway's VNet key. */
  readonly target?: string;
}

export interface RouteTable extends Located {
  readonly name: string;
  readonly routes: readonly Route[];
  /** False: routes from virtual network gateways are not propagated to the subnets. */
  readonly gatewayRoutes: boolean;
}

export type Direction = 'Inbound' | 'Outbound';

export interface NsgRule {
  readonly name: string;
  readonly priority: number;
  readonly direction: Direction;
  readonly access: 'Allow' | 'Deny';
  /** Lower case: `*`, `tcp`, `udp`, `icmp`... */
  readonly protocol: string;
  readonly sources: readonly string[];
  readonly destinations: readonly string[];
  readonly ports: readonly string[];
  /** Azure's built-in rules (AllowVnetInBound...), present on every NSG. */
  readonly builtIn?: boolean;
  readonly config?: ConfigRef;
}

export interface Nsg extends Located {
  readonly name: string;
  /** Every rule, Azure's defaults included, in priority order. */
  readonly rules: readonly NsgRule[];
}

export interface Subnet extends Located {
  readonly name: string;
  readonly vnet: string;
  readonly prefixes: readonly Cidr[];
  readonly nsg?: Nsg;
  readonly routeTable?: RouteTable;
}

export interface Peering extends Located {
  readonly name: string;
  /** VNet keys: this side and the remote side. */
  readonly local: string;
  readonly remote: string;
  readonly allowAccess: boolean;
  readonly allowForwarded: boolean;
  readonly allowGatewayTransit: boolean;
  readonly useRemoteGateways: boolean;
}

/** An on-premises range behind a gateway: a VPN local network gateway, or an ExpressRoute site from config. */
export interface OnPremises {
  readonly label: string;
  readonly prefixes: readonly Cidr[];
  readonly at?: Located;
  /** The force (stack) the site belongs to, when known. */
  readonly owner?: string;
}

export interface Gateway extends Located {
  readonly name: string;
  readonly kind: 'Vpn' | 'ExpressRoute';
  readonly vnet: string;
  readonly onPremises: OnPremises[];
}

export interface Vnet extends Located {
  readonly name: string;
  /** `resource-group/name`, lower case: how peerings and ids name it. */
  readonly key: string;
  readonly spaces: readonly Cidr[];
  readonly subnets: Subnet[];
  readonly peerings: Peering[];
  readonly gateways: Gateway[];
  readonly dnsServers: readonly string[];
}

export type FirewallRuleKind = 'dnat' | 'network' | 'application';

export interface FirewallRule {
  readonly name: string;
  readonly description?: string;
  /** Network/DNAT: `any`, `tcp`, `udp`, `icmp`. Application: from `protocols` (`https:443`...), always tcp. */
  readonly protocols: readonly string[];
  readonly sources: readonly string[];
  readonly destinations: readonly string[];
  readonly fqdns: readonly string[];
  readonly ports: readonly string[];
  readonly translatedAddress?: string;
  readonly translatedPort?: string;
  readonly config?: ConfigRef;
}

export interface FirewallCollection {
  readonly group: Located & { readonly name: string; readonly priority: number };
  readonly name: string;
  readonly priority: number;
  readonly kind: FirewallRuleKind;
  readonly action: 'Allow' | 'Deny' | 'Dnat';
  readonly rules: readonly FirewallRule[];
}

export interface Firewall extends Located {
  readonly name: string;
  readonly vnet: string;
  readonly subnet?: Subnet;
  /** Azure gives the firewall the fourth address of its subnet (the first three are Azure's). */
  readonly privateIp?: number;
  readonly policy?: Located & { readonly name: string };
  readonly dnsProxy: boolean;
  /** Every rule collection, in the order the firewall applies them: DNAT, network, application; each by group then collection priority. */
  readonly collections: readonly FirewallCollection[];
}

export interface NetworkModel {
  readonly vnets: readonly Vnet[];
  readonly vnetsByKey: ReadonlyMap<string, Vnet>;
  readonly firewalls: readonly Firewall[];
  /** Things the parser could not follow (an unknown reference): a verdict that depends on them says so. */
  readonly gaps: readonly string[];
}
