import { Firewall } from '@cdktf/provider-azurerm/lib/firewall';
import { FirewallPolicy } from '@cdktf/provider-azurerm/lib/firewall-policy';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { parseCidrBlock, subnetOf } from './address-plan';
import type { HubReference } from './hub-reference';
import { resourceName } from './naming';
import { PRIVATE_DNS_ZONE_NAMES } from './private-dns-zones';

export interface HubNetworkProps {
  /** Names and ids of the hub (hub-reference.ts); the force stacks compute the same ones. */
  readonly hub: HubReference;
  /** Hub VNet address space. */
  readonly addressSpace: string;
  /** The firewall's private IP: the fourth address of the /26 AzureFirewallSubnet that holds it. */
  readonly firewallPrivateIp: string;
  /** Names of hub resources allowed a public IP; the firewall's must be among them. */
  readonly publicIpAllowList: readonly string[];
  /** Address pool of every force spoke (the firewall treats it as private). */
  readonly spokeAddressPool: string;
  /**
   * Availability zones for the firewall and its public IP.
   * @default ['1', '2', '3']
   */
  readonly zones?: readonly string[];
}

const ipToNumber = (ip: string) => ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);

/**
 * The national hub: VNet, Azure Firewall Premium (threat intelligence and IDPS in deny mode, DNS
 * proxy) with its single allow-listed public IP, and the Private Link DNS zones every force uses,
 * linked to the hub. Spokes peer with it and route 0.0.0.0/0 to the firewall.
 */
export class HubNetwork extends Construct {
  readonly virtualNetworkId: string;
  /** The hub resource group's name (a reference, so dependants wait for it). */
  readonly resourceGroupName: string;
  readonly firewallId: string;
  /** AzureFirewallSubnet and GatewaySubnet CIDRs. */
  readonly firewallSubnetPrefix: string;
  readonly gatewaySubnetPrefix: string;
  readonly gatewaySubnetId: string;

  constructor(scope: Construct, id: string, props: HubNetworkProps) {
    super(scope, id);
    const hub = props.hub;
    const problems: string[] = [];
    const space = parseCidrBlock(props.addressSpace);
    if (!space || space.prefix > 24) problems.push(`addressSpace "${props.addressSpace}" must be an IPv4 CIDR of /24 or larger`);
    if (!props.publicIpAllowList.includes(hub.firewallPublicIpName)) {
      problems.push(`publicIpAllowList must include the firewall's public IP "${hub.firewallPublicIpName}" (hub.publicIpAllowList in platform.yaml)`);
    }
    let firewallSubnet = '';
    let gatewaySubnet = '';
    if (space && space.prefix <= 24) {
      const fw = ipToNumber(props.firewallPrivateIp);
      const index = Math.floor((fw - space.base) / 64);
      if (fw < space.base || index >= 2 ** (26 - space.prefix)) problems.push(`firewallPrivateIp ${props.firewallPrivateIp} is outside ${props.addressSpace}`);
      else {
        firewallSubnet = subnetOf(props.addressSpace, 26, index);
        if (fw !== parseCidrBlock(firewallSubnet)!.base + 4) {
          problems.push(`firewallPrivateIp ${props.firewallPrivateIp} must be the fourth address of its /26 (${firewallSubnet}): Azure gives the firewall that address`);
        }
        const gatewayIndex = index + 1 < 2 ** (26 - space.prefix) ? index + 1 : index - 1;
        gatewaySubnet = subnetOf(props.addressSpace, 26, gatewayIndex).replace(/\/26$/, '/27');
      }
    }
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join('; ')}`);
    this.firewallSubnetPrefix = firewallSubnet;
    this.gatewaySubnetPrefix = gatewaySubnet;

    const group = new ResourceGroup(this, 'ResourceGroup', { name: hub.networkResourceGroupName, location: hub.region });
    const common = { location: hub.region, resourceGroupName: group.name };
    this.resourceGroupName = group.name;
    const vnet = new VirtualNetwork(this, 'VirtualNetwork', { ...common, name: hub.virtualNetworkName, addressSpace: [props.addressSpace] });
    this.virtualNetworkId = vnet.id;
    // AzureFirewallSubnet and GatewaySubnet are platform subnets: Azure supports no NSG on them.
    const fwSubnet = new Subnet(this, 'FirewallSubnet', {
      name: 'AzureFirewallSubnet',
      resourceGroupName: group.name,
      virtualNetworkName: vnet.name,
      addressPrefixes: [firewallSubnet],
    });
    const gwSubnet = new Subnet(this, 'GatewaySubnet', {
      name: 'GatewaySubnet',
      resourceGroupName: group.name,
      virtualNetworkName: vnet.name,
      addressPrefixes: [gatewaySubnet],
    });
    this.gatewaySubnetId = gwSubnet.id;

    const zones = [...(props.zones ?? ['1', '2', '3'])];
    const policy = new FirewallPolicy(this, 'FirewallPolicy', {
      ...common,
      name: hub.firewallPolicyName,
      sku: 'Premium',
      threatIntelligenceMode: 'Deny',
      intrusionDetection: { mode: 'Deny' },
      dns: { proxyEnabled: true },
      privateIpRanges: ['IANAPrivateRanges', props.spokeAddressPool],
    });
    const pip = new PublicIp(this, 'FirewallPublicIp', {
      ...common,
      name: hub.firewallPublicIpName,
      allocationMethod: 'Static',
      sku: 'Standard',
      zones,
    });
    const firewall = new Firewall(this, 'Firewall', {
      ...common,
      name: hub.firewallName,
      skuName: 'AZFW_VNet',
      skuTier: 'Premium',
      firewallPolicyId: policy.id,
      zones,
      ipConfiguration: [{ name: 'default', subnetId: fwSubnet.id, publicIpAddressId: pip.id }],
    });
    this.firewallId = firewall.id;

    for (const zone of PRIVATE_DNS_ZONE_NAMES) {
      const key = zone.split('.')[1].replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
      const dnsZone = new PrivateDnsZone(this, `${key}DnsZone`, { name: zone, resourceGroupName: group.name });
      new PrivateDnsZoneVirtualNetworkLink(this, `${key}DnsZoneHubLink`, {
        name: resourceName('privateDnsLink', 'hub'),
        resourceGroupName: group.name,
        privateDnsZoneName: dnsZone.name,
        virtualNetworkId: vnet.id,
        registrationEnabled: false,
      });
    }
  }
}
