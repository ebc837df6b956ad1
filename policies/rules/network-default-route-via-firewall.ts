import { isUnknown } from '../terraform-json';
import { at, blocksAt, fail, pass, show, unknown, type AddressedResult, type RuleResult, type StackRule } from '../rule';
import type { StackIndex } from '../rule';
import { isPlatformSubnet, subnetResources } from '../subnets';
import type { ResourceView } from '../types';

/** Every spoke subnet sends 0.0.0.0/0 to the hub firewall, so egress is inspected centrally. */
export const networkDefaultRouteViaFirewall: StackRule = {
  scope: 'stack',
  meta: {
    id: 'BL-NET-006',
    title: 'Spoke subnets route 0.0.0.0/0 to the hub firewall',
    severity: 'high',
    rationale: "Without a default route to the hub firewall, a spoke's traffic to the internet leaves uninspected: no threat-intelligence filtering, IDPS or central egress log.",
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
    return results;
  },
};

function checkSubnet(subnet: ResourceView, index: StackIndex, firewallIp: string | undefined): RuleResult {
  const associations = index.referrersOf(subnet, ['azurerm_subnet_route_table_association'], 'subnet_id');
  if (associations.length === 0) return fail('no route table is associated with this subnet');
  const table = index.resolve(associations[0].values.route_table_id);
  if (!table) return unknown(`route table ${show(associations[0].values.route_table_id)} is not in the stack`);
  const routes = [...blocksAt(table.values, 'route'), ...index.referrersOf(table, ['azurerm_route'], 'route_table_name').map((r) => r.values)];
  const defaults = routes.filter((r) => r.address_prefix === '0.0.0.0/0' || isUnknown(r.address_prefix));
  if (defaults.length === 0) return fail(`route table ${table.address} has no 0.0.0.0/0 route`);
  const route = defaults.find((r) => r.address_prefix === '0.0.0.0/0') ?? defaults[0];
  if (isUnknown(route.address_prefix) || isUnknown(route.next_hop_type)) return unknown('the default route depends on values known only after apply');
  if (route.next_hop_type !== 'VirtualAppliance') return fail(`0.0.0.0/0 goes to ${show(route.next_hop_type)}; must be VirtualAppliance (the hub firewall)`);
  const hop = route.next_hop_in_ip_address;
  if (isUnknown(hop)) return unknown(`next_hop_in_ip_address is ${show(hop)}`);
  if (firewallIp === undefined) return unknown(`next hop ${show(hop)}; the hub firewall address is not known (no platform.yaml)`);
  return hop === firewallIp ? pass() : fail(`0.0.0.0/0 goes to ${show(hop)}; the hub firewall is ${firewallIp}`);
}
