/**
 * The two pieces every Blue Lamp subnet shares, written once: the NSG rule that denies what no
 * earlier rule allowed, and the route that sends everything else through the hub firewall.
 */
import type { NetworkSecurityGroupSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-group';
import type { RouteTableRoute } from '@cdktf/provider-azurerm/lib/route-table';

/** Last inbound rule of every NSG (4096 is the lowest priority Azure allows). */
export const DENY_ALL_INBOUND: NetworkSecurityGroupSecurityRule = {
  name: 'DenyAllInbound',
  priority: 4096,
  direction: 'Inbound',
  access: 'Deny',
  protocol: '*',
  sourceAddressPrefix: '*',
  sourcePortRange: '*',
  destinationAddressPrefix: '*',
  destinationPortRange: '*',
};

/** The default route of every subnet's route table: out through the hub firewall. */
export function defaultRouteViaFirewall(firewallPrivateIp: string): RouteTableRoute {
  return {
    name: 'default-via-hub-firewall',
    addressPrefix: '0.0.0.0/0',
    nextHopType: 'VirtualAppliance',
    nextHopInIpAddress: firewallPrivateIp,
  };
}
