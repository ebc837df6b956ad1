/**
 * The Azure limits the estate can reach, written once. Constructs size things from it (the hub VPN
 * gateway SKU), and the apply-readiness rules (policies/rules/limits-*.ts) count the whole estate
 * against it, so a limit is found by `bluelamp check`, not by a failed apply at 2 a.m.
 *
 * Every entry carries the Microsoft page it comes from. Values are the documented defaults for a
 * subscription in the public cloud; where Microsoft raises one on request, the rule says so and
 * the NMC raises the entry here once support has confirmed it (one line, one review).
 */

export interface AzureLimit {
  /** Stable key, used by rules and tests. */
  readonly key: string;
  /** What is counted, in the words Microsoft uses. */
  readonly what: string;
  /** The most Azure allows. */
  readonly max: number;
  /** Whether support can raise it. */
  readonly adjustable: boolean;
  /** Where the number comes from. */
  readonly source: string;
}

const NETWORKING_LIMITS =
  'https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-networking-limits';
const DNS_LIMITS =
  'https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-private-dns-limits';

/**
 * Limits by key. Deliberately absent: Lighthouse authorisations per delegation. Microsoft documents
 * no number ("You can define as many authorizations as you need",
 * https://learn.microsoft.com/en-us/azure/lighthouse/how-to/onboard-customer#define-roles-and-permissions),
 * so none is tabled here rather than an unsourced number.
 */
export const AZURE_LIMITS = {
  peeringsPerVirtualNetwork: {
    key: 'peeringsPerVirtualNetwork',
    what: 'virtual network peerings per virtual network',
    max: 500,
    adjustable: false,
    source: NETWORKING_LIMITS,
  },
  routesPerRouteTable: {
    key: 'routesPerRouteTable',
    what: 'routes per route table',
    max: 400,
    adjustable: false,
    source: NETWORKING_LIMITS,
  },
  securityRulesPerNetworkSecurityGroup: {
    key: 'securityRulesPerNetworkSecurityGroup',
    what: 'security rules per network security group',
    max: 1000,
    adjustable: false,
    source: NETWORKING_LIMITS,
  },
  privateEndpointsPerVirtualNetwork: {
    key: 'privateEndpointsPerVirtualNetwork',
    what: 'private endpoints per virtual network',
    max: 1000,
    adjustable: false,
    source: NETWORKING_LIMITS,
  },
  virtualNetworkLinksPerPrivateDnsZone: {
    key: 'virtualNetworkLinksPerPrivateDnsZone',
    what: 'virtual network links per private DNS zone',
    max: 1000,
    adjustable: false,
    source: DNS_LIMITS,
  },
  privateDnsZoneLinksPerVirtualNetwork: {
    key: 'privateDnsZoneLinksPerVirtualNetwork',
    what: 'private DNS zones a virtual network can be linked to',
    max: 1000,
    adjustable: false,
    source: DNS_LIMITS,
  },
  tagsPerResource: {
    key: 'tagsPerResource',
    what: 'tag name/value pairs per resource, resource group or subscription',
    max: 50,
    adjustable: false,
    source: 'https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/tag-resources#limitations',
  },
  roleAssignmentsPerSubscription: {
    key: 'roleAssignmentsPerSubscription',
    what: 'Azure role assignments per subscription (all scopes inside it)',
    max: 4000,
    adjustable: false,
    source: 'https://learn.microsoft.com/en-us/azure/role-based-access-control/troubleshoot-limits',
  },
  columnsPerCustomLogTable: {
    key: 'columnsPerCustomLogTable',
    what: 'columns per Log Analytics table',
    max: 500,
    adjustable: false,
    source: 'https://learn.microsoft.com/en-us/azure/azure-monitor/service-limits#log-analytics-workspaces',
  },
} as const satisfies Record<string, AzureLimit>;

export type AzureLimitKey = keyof typeof AZURE_LIMITS;

/** Site-to-site (and VNet-to-VNet) tunnels per VPN gateway SKU, Generation 2 route-based. */
export const VPN_GATEWAY_SKU_TUNNELS_SOURCE = 'https://learn.microsoft.com/en-us/azure/vpn-gateway/about-gateway-skus';

/**
 * Zone-redundant VPN gateway SKUs, smallest first, with their S2S tunnel limit. Each IPsec
 * connection to a single-address local network gateway is one tunnel (two on an active-active
 * gateway, which the hub does not use).
 */
export const VPN_GATEWAY_SKUS: ReadonlyArray<{ readonly sku: string; readonly tunnels: number }> = [
  { sku: 'VpnGw1AZ', tunnels: 30 },
  { sku: 'VpnGw2AZ', tunnels: 30 },
  { sku: 'VpnGw3AZ', tunnels: 30 },
  { sku: 'VpnGw4AZ', tunnels: 100 },
  { sku: 'VpnGw5AZ', tunnels: 100 },
];

/** Tunnels a VPN gateway SKU allows; undefined for a SKU the table does not know. */
export function vpnGatewayTunnelLimit(sku: string): number | undefined {
  return VPN_GATEWAY_SKUS.find((s) => s.sku === sku)?.tunnels;
}

/**
 * The smallest zone-redundant SKU, no smaller than `floor`, that carries `connections` tunnels;
 * undefined when none does (more than any SKU allows: the hub then needs a second gateway or
 * Virtual WAN, a design decision, not something to pick silently).
 */
export function vpnGatewaySkuFor(connections: number, floor = 'VpnGw2AZ'): string | undefined {
  const start = Math.max(
    0,
    VPN_GATEWAY_SKUS.findIndex((s) => s.sku === floor),
  );
  return VPN_GATEWAY_SKUS.slice(start).find((s) => s.tunnels >= connections)?.sku;
}

/**
 * How many forces one hub carries. Each force adds a peering to the hub VNet (500 allowed) and a
 * route to the hub's GatewaySubnet route table (400 allowed): one route per spoke, because Azure
 * matches the longest prefix before it looks at a route's origin, so a summary route for the
 * address pool would lose to each spoke's more specific peering route and site traffic would
 * bypass the firewall (learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview,
 * "How Azure selects a route"). The route table binds first.
 */
export const FORCES_PER_HUB = Math.min(
  AZURE_LIMITS.routesPerRouteTable.max,
  AZURE_LIMITS.peeringsPerVirtualNetwork.max,
);

/** What a hub past its capacity needs, in the words the limit findings use. */
export function hubCapacityAdvice(forces: number): string {
  const hubs = Math.ceil(forces / FORCES_PER_HUB);
  return `one hub carries at most ${FORCES_PER_HUB} forces (one GatewaySubnet route per spoke, ${AZURE_LIMITS.routesPerRouteTable.max} allowed, binds before ${AZURE_LIMITS.peeringsPerVirtualNetwork.max} peerings); ${forces} forces need ${hubs} hubs of at most ${FORCES_PER_HUB} forces each: force ${FORCES_PER_HUB + 1} is the first that needs a second hub (its own VNet, firewall and VPN gateway, in ukwest or beside the first in uksouth)`;
}

/** `12 routes per route table; Azure allows 400 (source)`: the wording every limit finding uses. */
export function limitMessage(limit: AzureLimit, count: number, what = limit.what): string {
  return `${count} ${what}; Azure allows ${limit.max}${limit.adjustable ? ' (support can raise it)' : ''} (${limit.source})`;
}
