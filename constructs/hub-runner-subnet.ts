import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { cidrBlock, parseIp } from '../util/cidr';
import { subnetOf } from './address-plan';
import { DENY_ALL_INBOUND, defaultRouteViaFirewall } from './network-defaults';
import { regionCode, resourceName } from './naming';

/**
 * The hub /26 that holds the NMC's self-hosted pipeline runners: the highest /26 of the hub
 * address space that HubNetwork does not give to the firewall, the VPN gateway or the hub private
 * endpoints (hub-network.ts carves those from the lowest blocks, by the firewall's address).
 * Force stacks compute the same prefix from platform values to admit the runners to their private
 * endpoints, so it is a pure function of platform.yaml; a test keeps it clear of every hub subnet.
 * Undefined when the hub has no free /26.
 */
export function hubRunnerSubnetPrefix(hubAddressSpace: string, firewallPrivateIp: string): string | undefined {
  const space = cidrBlock(hubAddressSpace);
  const fw = parseIp(firewallPrivateIp);
  if (!space || space.prefix > 24 || fw === undefined) return undefined;
  const blocks = 2 ** (26 - space.prefix);
  const firewall = Math.floor((fw - space.network) / 64);
  if (firewall < 0 || firewall >= blocks) return undefined;
  // The same choices as HubNetwork: the gateway beside the firewall, endpoints in the first free block.
  const gateway = firewall + 1 < blocks ? firewall + 1 : firewall - 1;
  const endpoints = [...Array(blocks).keys()].find((i) => i !== firewall && i !== gateway);
  const used = new Set([firewall, gateway, endpoints]);
  const runners = [...Array(blocks).keys()].reverse().find((i) => !used.has(i));
  return runners === undefined ? undefined : subnetOf(hubAddressSpace, 26, runners);
}

export interface HubRunnerSubnetProps {
  /** Hub VNet resource id (a reference, so the subnet waits for the VNet). */
  readonly virtualNetworkId: string;
  /** Hub network resource group name (a reference, so the subnet waits for it). */
  readonly resourceGroupName: string;
  /** Region of the hub (its route table and NSG go there). */
  readonly location: string;
  /** The runners' /26 (use `hubRunnerSubnetPrefix`). */
  readonly addressPrefix: string;
  /** Hub firewall private IP: the runners' only way out. */
  readonly firewallPrivateIp: string;
}

/**
 * The subnet the NMC's self-hosted runners (label `bluelamp-hub`) run in. Terraform's data-plane
 * calls (Key Vault secrets behind private endpoints) need a runner that resolves the hub private
 * DNS zones and reaches every spoke's private endpoints through the peerings; hosted runners do
 * neither. Nothing may connect to a runner (deny-all inbound) and everything leaves through the
 * hub firewall. The runners themselves (a VM scale set or container apps) are the NMC's to run.
 *
 * In the national stack, not in bootstrap: the subnet lives in the hub VNet, which the national
 * stack creates after bootstrap has been applied (docs/bootstrap.md).
 */
export class HubRunnerSubnet extends Construct {
  readonly subnetId: string;

  constructor(scope: Construct, id: string, props: HubRunnerSubnetProps) {
    super(scope, id);
    const block = cidrBlock(props.addressPrefix);
    if (!block || block.prefix > 27)
      throw new Error(
        `${this.node.path}: addressPrefix "${props.addressPrefix}" must be an IPv4 CIDR of /27 or larger`,
      );
    const rc = regionCode(props.location);
    const common = { location: props.location, resourceGroupName: props.resourceGroupName };
    const subnet = new Subnet(this, 'Subnet', {
      name: resourceName('subnet', 'hub', 'runners'),
      resourceGroupName: props.resourceGroupName,
      // The VNet name read out of its id: the subnet then depends on the VNet.
      virtualNetworkName: Token.asString(Fn.element(Fn.split('/', props.virtualNetworkId), 8)),
      addressPrefixes: [props.addressPrefix],
      defaultOutboundAccessEnabled: false,
    });
    this.subnetId = subnet.id;
    const nsg = new NetworkSecurityGroup(this, 'Nsg', {
      ...common,
      name: resourceName('networkSecurityGroup', 'hub', 'runners'),
      securityRule: [DENY_ALL_INBOUND],
    });
    new SubnetNetworkSecurityGroupAssociation(this, 'NsgAssociation', {
      subnetId: subnet.id,
      networkSecurityGroupId: nsg.id,
    });
    const routes = new RouteTable(this, 'RouteTable', {
      ...common,
      name: resourceName('routeTable', 'hub', 'runners', rc),
      bgpRoutePropagationEnabled: false,
      route: [defaultRouteViaFirewall(props.firewallPrivateIp)],
    });
    new SubnetRouteTableAssociation(this, 'RouteTableAssociation', {
      subnetId: subnet.id,
      routeTableId: routes.id,
    });
  }
}
