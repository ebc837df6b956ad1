import { isUnknown } from '../terraform-json';
import {
  at,
  blocksAt,
  fail,
  pass,
  show,
  unknown,
  type AddressedResult,
  type RuleResult,
  type StackRule,
} from '../rule';
import type { StackIndex } from '../rule';
import { isInternetSource } from '../nsg';
import { inlineSubnets, isPlatformSubnet, subnetResources } from '../subnets';
import type { ResourceView } from '../types';

/** Every spoke subnet sends 0.0.0.0/0 to the hub firewall, so egress is inspected centrally. */
export const networkDefaultRouteViaFirewall: StackRule = {
  scope: 'stack',
  meta: {
    id: 'BL-NET-006',
    title: 'Spoke subnets route 0.0.0.0/0 to the hub firewall',
    severity: 'high',
    rationale:
      "Without a default route to the hub firewall, a spoke's traffic to the internet leaves uninspected: no threat-intelligence filtering, IDPS or central egress log.",
    ncsc: ['11', '5.3'],
    mirrors: {},
    waivable: true,
  },
  configFields: ['hub.firewallPrivateIp'],
  check(ctx) {
    if (ctx.isNational) return [];
    const results: AddressedResult[] = [];
    for (const subnet of subnetResources(ctx.index)) {
      if (isPlatformSubnet(subnet.values.name) || subnet.values.name === 'AzureBastionSubnet') continue;
      results.push(at(subnet.address, checkSubnet(subnet, ctx.index, ctx.settings.firewallPrivateIp)));
    }
    // Subnets written inside the VNet carry their route table as route_table_id.
    for (const s of inlineSubnets(ctx.index)) {
      if (isPlatformSubnet(s.name) || s.name === 'AzureBastionSubnet') continue;
      const table = s.values.route_table_id;
      const result =
        table === undefined || table === null
          ? fail(`inline subnet "${s.name}" has no route_table_id`)
          : checkTable(ctx.index.resolve(table), table, ctx.index, ctx.settings.firewallPrivateIp);
      results.push(
        at(
          s.vnet.address,
          result.outcome === 'fail' && table
            ? { ...result, message: `inline subnet "${s.name}": ${result.message}` }
            : result,
        ),
      );
    }
    return results;
  },
};

function checkSubnet(subnet: ResourceView, index: StackIndex, firewallIp: string | undefined): RuleResult {
  const associations = index.referrersOf(subnet, ['azurerm_subnet_route_table_association'], 'subnet_id');
  if (associations.length === 0) return fail('no route table is associated with this subnet');
  return checkTable(
    index.resolve(associations[0].values.route_table_id),
    associations[0].values.route_table_id,
    index,
    firewallIp,
  );
}

function checkTable(
  table: ResourceView | undefined,
  tableId: unknown,
  index: StackIndex,
  firewallIp: string | undefined,
): RuleResult {
  if (!table) return unknown(`route table ${show(tableId)} is not in the stack`);
  const routes = [
    ...blocksAt(table.values, 'route'),
    ...index.referrersOf(table, ['azurerm_route'], 'route_table_name').map((r) => r.values),
  ];
  const defaults = routes.filter((r) => r.address_prefix === '0.0.0.0/0' || isUnknown(r.address_prefix));
  if (defaults.length === 0) return fail(`route table ${table.address} has no 0.0.0.0/0 route`);
  const route = defaults.find((r) => r.address_prefix === '0.0.0.0/0') ?? defaults[0];
  if (isUnknown(route.address_prefix) || isUnknown(route.next_hop_type))
    return unknown('the default route depends on values known only after apply');
  if (route.next_hop_type !== 'VirtualAppliance')
    return fail(`0.0.0.0/0 goes to ${show(route.next_hop_type)}; must be VirtualAppliance (the hub firewall)`);
  const hop = route.next_hop_in_ip_address;
  if (isUnknown(hop)) return unknown(`next_hop_in_ip_address is ${show(hop)}`);
  if (firewallIp === undefined)
    return unknown(`next hop ${show(hop)}; the hub firewall address is not known (no platform.yaml)`);
  if (hop !== firewallIp) return fail(`0.0.0.0/0 goes to ${show(hop)}; the hub firewall is ${firewallIp}`);
  // More specific routes win: 0.0.0.0/1 and 128.0.0.0/1 to the Internet bypass the default route entirely.
  const bypass = routes.find(
    (r) =>
      isPublicCidr(r.address_prefix) &&
      r.address_prefix !== '0.0.0.0/0' &&
      !(r.next_hop_type === 'VirtualAppliance' && r.next_hop_in_ip_address === firewallIp),
  );
  if (bypass)
    return fail(
      `route ${show(bypass.name)} sends ${show(bypass.address_prefix)} to ${show(bypass.next_hop_type)}${bypass.next_hop_in_ip_address ? ` ${show(bypass.next_hop_in_ip_address)}` : ''}, around the hub firewall`,
    );
  return pass();
}

/** A literal public CIDR (a service tag or a private range is not). */
function isPublicCidr(prefix: unknown): boolean {
  return typeof prefix === 'string' && /^[\d.:a-fA-F]+\/\d+$/.test(prefix.trim()) && isInternetSource(prefix);
}
