/**
 * Builds the network model from Terraform JSON: every stack's `cdk.tf.json` (or a `terraform show
 * -json` plan read into the same StackView). Cross-stack links are made by name, the way Azure
 * makes them: a peering names its VNet by resource group and name, and its remote VNet by id.
 */
import { blocksAt, StackIndex } from '../policies/rule';
import { isUnknown } from '../policies/terraform-json';
import type { ResourceView, StackView } from '../policies/types';
import { cidrBlock, type Cidr } from '../util/cidr';
import type {
  ConfigRef,
  Firewall,
  FirewallCollection,
  FirewallRule,
  FirewallRuleKind,
  Gateway,
  NetworkModel,
  Nsg,
  NsgRule,
  OnPremises,
  Peering,
  Route,
  RouteTable,
  Subnet,
  Vnet,
} from './model';

/** On-premises ranges Terraform does not hold (ExpressRoute announces them over BGP): from config. */
export interface DeclaredOnPremises {
  /** The stack whose ExpressRoute gateway announces the ranges. */
  readonly stack: string;
  readonly label: string;
  readonly prefixes: readonly string[];
}

/**
 * Azure's default NSG rules, on every NSG below the ones written (priorities 65000-65500).
 * Source: learn.microsoft.com/azure/virtual-network/network-security-groups-overview#default-security-rules
 */
const DEFAULT_NSG_RULES: readonly NsgRule[] = [
  builtIn('AllowVnetInBound', 65000, 'Inbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
  builtIn('AllowAzureLoadBalancerInBound', 65001, 'Inbound', 'Allow', 'AzureLoadBalancer', '*'),
  builtIn('DenyAllInBound', 65500, 'Inbound', 'Deny', '*', '*'),
  builtIn('AllowVnetOutBound', 65000, 'Outbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
  builtIn('AllowInternetOutBound', 65001, 'Outbound', 'Allow', '*', 'Internet'),
  builtIn('DenyAllOutBound', 65500, 'Outbound', 'Deny', '*', '*'),
];

function builtIn(
  name: string,
  priority: number,
  direction: 'Inbound' | 'Outbound',
  access: 'Allow' | 'Deny',
  source: string,
  destination: string,
): NsgRule {
  return {
    name,
    priority,
    direction,
    access,
    protocol: '*',
    sources: [source],
    destinations: [destination],
    ports: ['*'],
    builtIn: true,
  };
}

/** `(<stack> <config field>)` at the end of a generated rule's description: where it was declared. */
const CONFIG_REF_RE = /\(([a-z][a-z0-9-]*) ((?:network|hub)\.[^\s)]+)\)\s*$/;

export function configRefOf(description: unknown): ConfigRef | undefined {
  if (typeof description !== 'string') return undefined;
  const m = CONFIG_REF_RE.exec(description);
  return m ? { stack: m[1], field: m[2] } : undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
const cidrs = (v: unknown): Cidr[] => strings(v).flatMap((t) => cidrBlock(t) ?? []);

/** `/subscriptions/../resourceGroups/RG/providers/Microsoft.Network/virtualNetworks/NAME` -> `rg/name`. */
function vnetKeyFromId(id: string): string | undefined {
  const m = /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)$/i.exec(id);
  return m ? `${m[1]}/${m[2]}`.toLowerCase() : undefined;
}

export function buildNetworkModel(
  stacks: readonly StackView[],
  declared: readonly DeclaredOnPremises[] = [],
): NetworkModel {
  const gaps: string[] = [];
  const vnets: Vnet[] = [];
  const vnetsByKey = new Map<string, Vnet>();
  const pendingPeerings: { peering: Omit<Peering, 'local' | 'remote'>; local?: string; remote?: string }[] = [];
  const firewalls: Firewall[] = [];

  for (const stack of stacks) {
    const ix = new StackIndex(stack);
    /** A literal string, or the attribute of the resource an expression names (`${azurerm_resource_group.x.name}`). */
    const literal = (value: unknown): string | undefined => {
      if (typeof value === 'string') return value;
      if (!isUnknown(value) || !value.expression) return undefined;
      const m = /\.([a-z_]+)\}$/.exec(value.expression);
      const target = ix.resolve(value);
      return target && m ? str(target.values[m[1]]) : undefined;
    };
    const at = (r: ResourceView) => ({ stack: stack.name, address: r.address });
    const vnetByAddress = new Map<string, Vnet>();

    for (const r of ix.ofType('azurerm_virtual_network')) {
      const name = literal(r.values.name) ?? r.name;
      const rg = literal(r.values.resource_group_name) ?? '';
      const vnet: Vnet = {
        ...at(r),
        name,
        key: `${rg}/${name}`.toLowerCase(),
        spaces: cidrs(r.values.address_space),
        subnets: [],
        peerings: [],
        gateways: [],
        dnsServers: strings(r.values.dns_servers),
      };
      vnets.push(vnet);
      vnetsByKey.set(vnet.key, vnet);
      vnetByAddress.set(r.address, vnet);
    }
    const vnetOf = (nameValue: unknown, rgValue: unknown): Vnet | undefined => {
      const target = ix.resolve(nameValue);
      if (target && vnetByAddress.has(target.address)) return vnetByAddress.get(target.address);
      const key = `${literal(rgValue) ?? ''}/${literal(nameValue) ?? ''}`.toLowerCase();
      return vnetsByKey.get(key);
    };

    const nsgs = new Map<string, Nsg>();
    for (const r of ix.ofType('azurerm_network_security_group')) nsgs.set(r.address, parseNsg(r, stack.name));
    const tables = new Map<string, RouteTable>();
    for (const r of ix.ofType('azurerm_route_table')) tables.set(r.address, parseRouteTable(r, stack.name));

    // Associations name their subnet; following them forward is cheaper than indexing every referrer.
    const nsgBySubnet = new Map<string, Nsg>();
    for (const a of ix.ofType('azurerm_subnet_network_security_group_association')) {
      const subnet = ix.resolve(a.values.subnet_id);
      const nsg = nsgs.get(ix.resolve(a.values.network_security_group_id)?.address ?? '');
      if (subnet && nsg) nsgBySubnet.set(subnet.address, nsg);
    }
    const tableBySubnet = new Map<string, RouteTable>();
    for (const a of ix.ofType('azurerm_subnet_route_table_association')) {
      const subnet = ix.resolve(a.values.subnet_id);
      const table = tables.get(ix.resolve(a.values.route_table_id)?.address ?? '');
      if (subnet && table) tableBySubnet.set(subnet.address, table);
    }
    const subnetByAddress = new Map<string, Subnet>();
    for (const r of ix.ofType('azurerm_subnet')) {
      const vnet = vnetOf(r.values.virtual_network_name, r.values.resource_group_name);
      if (!vnet) {
        gaps.push(`${stack.name}: ${r.address} is in a VNet the model cannot find`);
        continue;
      }
      const nsg = nsgBySubnet.get(r.address);
      const routeTable = tableBySubnet.get(r.address);
      const subnet: Subnet = {
        ...at(r),
        name: literal(r.values.name) ?? r.name,
        vnet: vnet.key,
        prefixes: cidrs(r.values.address_prefixes),
        nsg,
        routeTable,
      };
      vnet.subnets.push(subnet);
      subnetByAddress.set(r.address, subnet);
    }

    for (const r of ix.ofType('azurerm_virtual_network_peering')) {
      const localTarget = ix.resolve(r.values.virtual_network_name);
      const local =
        (localTarget && vnetByAddress.get(localTarget.address)?.key) ??
        `${literal(r.values.resource_group_name) ?? ''}/${literal(r.values.virtual_network_name) ?? ''}`.toLowerCase();
      const remoteTarget = ix.resolve(r.values.remote_virtual_network_id);
      const remoteId = str(r.values.remote_virtual_network_id);
      const remote =
        (remoteTarget && vnetByAddress.get(remoteTarget.address)?.key) ??
        (remoteId ? vnetKeyFromId(remoteId) : undefined);
      pendingPeerings.push({
        local,
        remote,
        peering: {
          ...at(r),
          name: literal(r.values.name) ?? r.name,
          allowAccess: r.values.allow_virtual_network_access !== false,
          allowForwarded: r.values.allow_forwarded_traffic === true,
          allowGatewayTransit: r.values.allow_gateway_transit === true,
          useRemoteGateways: r.values.use_remote_gateways === true,
        },
      });
    }

    const gatewayByAddress = new Map<string, Gateway>();
    for (const r of ix.ofType('azurerm_virtual_network_gateway')) {
      const ipConfig = blocksAt(r.values, 'ip_configuration')[0];
      const subnetResource = ipConfig ? ix.resolve(ipConfig.subnet_id) : undefined;
      const subnet = subnetResource ? subnetByAddress.get(subnetResource.address) : undefined;
      const vnet = subnet ? vnetsByKey.get(subnet.vnet) : undefined;
      if (!vnet) {
        gaps.push(`${stack.name}: ${r.address} is in a subnet the model cannot find`);
        continue;
      }
      const gateway: Gateway = {
        ...at(r),
        name: literal(r.values.name) ?? r.name,
        kind: str(r.values.type) === 'ExpressRoute' ? 'ExpressRoute' : 'Vpn',
        vnet: vnet.key,
        onPremises: [],
      };
      vnet.gateways.push(gateway);
      gatewayByAddress.set(r.address, gateway);
    }
    for (const c of ix.ofType('azurerm_virtual_network_gateway_connection')) {
      const gateway = gatewayByAddress.get(ix.resolve(c.values.virtual_network_gateway_id)?.address ?? '');
      const local = ix.resolve(c.values.local_network_gateway_id);
      if (!gateway || !local) continue;
      const site: OnPremises = {
        label: literal(local.values.name) ?? local.name,
        prefixes: cidrs(local.values.address_space),
        at: at(local),
        owner: /^lgw-(.+)-[^-]+$/.exec(literal(local.values.name) ?? '')?.[1],
      };
      gateway.onPremises.push(site);
    }

    const policies = new Map<string, { policy: ResourceView; collections: FirewallCollection[] }>();
    for (const p of ix.ofType('azurerm_firewall_policy')) policies.set(p.address, { policy: p, collections: [] });
    for (const g of ix.ofType('azurerm_firewall_policy_rule_collection_group')) {
      const entry = policies.get(ix.resolve(g.values.firewall_policy_id)?.address ?? '');
      if (!entry) {
        gaps.push(`${stack.name}: ${g.address} belongs to a firewall policy the model cannot find`);
        continue;
      }
      entry.collections.push(...parseCollections(g, stack.name));
    }
    for (const r of ix.ofType('azurerm_firewall')) {
      const ipConfig = blocksAt(r.values, 'ip_configuration')[0];
      const subnet = subnetByAddress.get(ix.resolve(ipConfig?.subnet_id)?.address ?? '');
      const entry = policies.get(ix.resolve(r.values.firewall_policy_id)?.address ?? '');
      const dns = entry ? blocksAt(entry.policy.values, 'dns')[0] : undefined;
      firewalls.push({
        ...at(r),
        name: literal(r.values.name) ?? r.name,
        vnet: subnet?.vnet ?? '',
        subnet,
        privateIp: subnet?.prefixes[0] ? subnet.prefixes[0].network + 4 : undefined,
        policy: entry
          ? { ...at(entry.policy), name: literal(entry.policy.values.name) ?? entry.policy.name }
          : undefined,
        dnsProxy: dns?.proxy_enabled === true,
        collections: orderCollections(entry?.collections ?? []),
      });
    }
  }

  for (const { peering, local, remote } of pendingPeerings) {
    const vnet = local ? vnetsByKey.get(local) : undefined;
    if (!vnet || !remote || !vnetsByKey.has(remote)) {
      gaps.push(`${peering.stack}: ${peering.address} joins a VNet outside the estate read`);
      continue;
    }
    vnet.peerings.push({ ...peering, local: vnet.key, remote });
  }

  for (const d of declared) {
    const gateway = vnets.flatMap((v) => v.gateways).find((g) => g.stack === d.stack && g.kind === 'ExpressRoute');
    if (gateway)
      gateway.onPremises.push({
        label: d.label,
        prefixes: d.prefixes.flatMap((p) => cidrBlock(p) ?? []),
        owner: d.stack,
      });
  }

  return { vnets, vnetsByKey, firewalls, gaps };
}

function parseNsg(r: ResourceView, stack: string): Nsg {
  const written = blocksAt(r.values, 'security_rule').map((b): NsgRule => ({
    name: str(b.name) ?? '(unnamed)',
    priority: typeof b.priority === 'number' ? b.priority : 4096,
    direction: b.direction === 'Outbound' ? 'Outbound' : 'Inbound',
    access: b.access === 'Allow' ? 'Allow' : 'Deny',
    protocol: (str(b.protocol) ?? '*').toLowerCase(),
    sources: [...strings(b.source_address_prefix), ...strings(b.source_address_prefixes)],
    destinations: [...strings(b.destination_address_prefix), ...strings(b.destination_address_prefixes)],
    ports: [...strings(b.destination_port_range), ...strings(b.destination_port_ranges)],
    config: configRefOf(b.description),
  }));
  return {
    stack,
    address: r.address,
    name: str(r.values.name) ?? r.name,
    rules: [...written, ...DEFAULT_NSG_RULES].sort((a, b) => a.priority - b.priority),
  };
}

function parseRouteTable(r: ResourceView, stack: string): RouteTable {
  const routes: Route[] = blocksAt(r.values, 'route').flatMap((b) => {
    const prefix = cidrBlock(str(b.address_prefix) ?? '');
    if (!prefix) return [];
    const ip = cidrBlock(`${str(b.next_hop_in_ip_address) ?? ''}/32`);
    return [
      {
        name: str(b.name) ?? '(unnamed)',
        prefix,
        nextHop: (str(b.next_hop_type) ?? 'None') as Route['nextHop'],
        nextHopIp: ip?.network,
        origin: 'user' as const,
        at: { stack, address: r.address },
      },
    ];
  });
  return {
    stack,
    address: r.address,
    name: str(r.values.name) ?? r.name,
    routes,
    gatewayRoutes: r.values.bgp_route_propagation_enabled !== false,
  };
}

function parseCollections(g: ResourceView, stack: string): FirewallCollection[] {
  const group = {
    stack,
    address: g.address,
    name: str(g.values.name) ?? g.name,
    priority: Number(g.values.priority ?? 65000),
  };
  const kinds: [FirewallRuleKind, string][] = [
    ['dnat', 'nat_rule_collection'],
    ['network', 'network_rule_collection'],
    ['application', 'application_rule_collection'],
  ];
  return kinds.flatMap(([kind, key]) =>
    blocksAt(g.values, key).map((c): FirewallCollection => {
      const action = str(c.action) ?? 'Deny';
      return {
        group,
        name: str(c.name) ?? '(unnamed)',
        priority: Number(c.priority ?? 65000),
        kind,
        action: action === 'Allow' ? 'Allow' : action === 'Dnat' ? 'Dnat' : 'Deny',
        rules: blocksAt(c, 'rule').map((rule) => parseFirewallRule(rule, kind)),
      };
    }),
  );
}

function parseFirewallRule(b: Record<string, unknown>, kind: FirewallRuleKind): FirewallRule {
  const appProtocols = blocksAt(b, 'protocols');
  return {
    name: str(b.name) ?? '(unnamed)',
    description: str(b.description),
    protocols: kind === 'application' ? ['tcp'] : strings(b.protocols).map((p) => p.toLowerCase()),
    sources: strings(b.source_addresses),
    destinations: [...strings(b.destination_addresses), ...strings(b.destination_address)],
    fqdns: [...strings(b.destination_fqdns), ...strings(b.destination_fqdn_tags), ...strings(b.web_categories)],
    ports:
      kind === 'application'
        ? appProtocols.map((p) => (typeof p.port === 'number' ? String(p.port) : '*'))
        : strings(b.destination_ports),
    translatedAddress: str(b.translated_address),
    translatedPort: typeof b.translated_port === 'number' ? String(b.translated_port) : str(b.translated_port),
    config: configRefOf(b.description),
  };
}

/**
 * The order Azure Firewall applies rules: every DNAT collection, then network, then application;
 * within each kind by rule collection group priority, then collection priority.
 * Source: learn.microsoft.com/azure/firewall/rule-processing ("Rule processing using Firewall Policy").
 */
export function orderCollections(collections: readonly FirewallCollection[]): FirewallCollection[] {
  const kindRank: Record<FirewallRuleKind, number> = { dnat: 0, network: 1, application: 2 };
  return [...collections].sort(
    (a, b) => kindRank[a.kind] - kindRank[b.kind] || a.group.priority - b.group.priority || a.priority - b.priority,
  );
}
