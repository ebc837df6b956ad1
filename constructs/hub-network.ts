import { Firewall } from '@cdktf/provider-azurerm/lib/firewall';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkWatcher } from '@cdktf/provider-azurerm/lib/network-watcher';
import { NetworkWatcherFlowLog } from '@cdktf/provider-azurerm/lib/network-watcher-flow-log';
import { FirewallPolicy } from '@cdktf/provider-azurerm/lib/firewall-policy';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { FLOW_LOG_RETENTION_DAYS } from '../util/platform-facts';
import { cidrBlock, parseIp } from '../util/cidr';
import { subnetOf } from './address-plan';
import type { HubReference } from './hub-reference';
import { DENY_ALL_INBOUND, defaultRouteViaFirewall } from './network-defaults';
import { regionCode, resourceName, uniqueName } from './naming';
import { PRIVATE_DNS_ZONES, PRIVATE_DNS_ZONE_NAMES } from './private-dns-zones';
import { SecureStorageAccount } from './secure-storage-account';

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
  /** Central workspace for traffic analytics: resource id and workspace (customer) id. */
  readonly workspaceResourceId: string;
  /** Workspace (customer) GUID of the central workspace, which traffic analytics asks for. */
  readonly workspaceCustomerId: string;
  /**
   * Days hub flow logs are kept in storage.
   * @default 90
   */
  readonly flowLogRetentionDays?: number;
  /**
   * Availability zones for the firewall and its public IP.
   * @default ['1', '2', '3']
   */
  readonly zones?: readonly string[];
}

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
  /** The firewall policy's id, for rule collection groups. */
  readonly firewallPolicyId: string;
  /** AzureFirewallSubnet and GatewaySubnet CIDRs. */
  readonly firewallSubnetPrefix: string;
  readonly gatewaySubnetPrefix: string;
  readonly gatewaySubnetId: string;
  /** The hub private-endpoint subnet (443 from the hub only): NMC endpoints such as the state account's go here. */
  readonly privateEndpointSubnetId: string;
  /** The hub's `privatelink.blob.core.windows.net` zone, which blob endpoints register in. */
  readonly blobPrivateDnsZoneId: string;

  constructor(scope: Construct, id: string, props: HubNetworkProps) {
    super(scope, id);
    const hub = props.hub;
    const problems: string[] = [];
    const space = cidrBlock(props.addressSpace);
    if (!space || space.prefix > 24)
      problems.push(`addressSpace "${props.addressSpace}" must be an IPv4 CIDR of /24 or larger`);
    if (!props.publicIpAllowList.includes(hub.firewallPublicIpName)) {
      problems.push(
        `publicIpAllowList must include the firewall's public IP "${hub.firewallPublicIpName}" (hub.publicIpAllowList in platform.yaml)`,
      );
    }
    let firewallSubnet = '';
    let gatewaySubnet = '';
    let endpointSubnet = '';
    const fw = parseIp(props.firewallPrivateIp);
    if (fw === undefined) problems.push(`firewallPrivateIp "${props.firewallPrivateIp}" is not an IPv4 address`);
    if (space && space.prefix <= 24 && fw !== undefined) {
      const index = Math.floor((fw - space.network) / 64);
      if (fw < space.network || index >= 2 ** (26 - space.prefix))
        problems.push(`firewallPrivateIp ${props.firewallPrivateIp} is outside ${props.addressSpace}`);
      else {
        firewallSubnet = subnetOf(props.addressSpace, 26, index);
        if (fw !== cidrBlock(firewallSubnet)!.network + 4) {
          problems.push(
            `firewallPrivateIp ${props.firewallPrivateIp} must be the fourth address of its /26 (${firewallSubnet}): Azure gives the firewall that address`,
          );
        }
        const gatewayIndex = index + 1 < 2 ** (26 - space.prefix) ? index + 1 : index - 1;
        gatewaySubnet = subnetOf(props.addressSpace, 26, gatewayIndex).replace(/\/26$/, '/27');
        const blocks = 2 ** (26 - space.prefix);
        const endpointIndex = [...Array(blocks).keys()].find((i) => i !== index && i !== gatewayIndex);
        if (endpointIndex === undefined)
          problems.push(`addressSpace ${props.addressSpace} has no room for the private endpoint subnet`);
        else endpointSubnet = subnetOf(props.addressSpace, 26, endpointIndex);
      }
    }
    const flowLogDays = props.flowLogRetentionDays ?? 90;
    if (flowLogDays < FLOW_LOG_RETENTION_DAYS.min || flowLogDays > FLOW_LOG_RETENTION_DAYS.max)
      problems.push(
        `flowLogRetentionDays ${flowLogDays} must be ${FLOW_LOG_RETENTION_DAYS.min}-${FLOW_LOG_RETENTION_DAYS.max}`,
      );
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join('; ')}`);
    this.firewallSubnetPrefix = firewallSubnet;
    this.gatewaySubnetPrefix = gatewaySubnet;

    const group = new ResourceGroup(this, 'ResourceGroup', {
      name: hub.networkResourceGroupName,
      location: hub.region,
    });
    const common = { location: hub.region, resourceGroupName: group.name };
    this.resourceGroupName = group.name;
    const rc = regionCode(hub.region);
    // One watcher per region per subscription: ours exists before the VNet, so Azure does not
    // create its own NetworkWatcher_<region> beside it (see force-network.ts).
    const watcher = new NetworkWatcher(this, 'NetworkWatcher', {
      ...common,
      name: resourceName('networkWatcher', 'hub', rc),
    });
    const vnet = new VirtualNetwork(this, 'VirtualNetwork', {
      ...common,
      name: hub.virtualNetworkName,
      addressSpace: [props.addressSpace],
      dependsOn: [watcher],
    });
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
    this.firewallPolicyId = policy.id;

    const zoneIds: Record<string, string> = {};
    for (const zone of PRIVATE_DNS_ZONE_NAMES) {
      const key = zone.split('.')[1].replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
      const dnsZone = new PrivateDnsZone(this, `${key}DnsZone`, { name: zone, resourceGroupName: group.name });
      zoneIds[zone] = dnsZone.id;
      new PrivateDnsZoneVirtualNetworkLink(this, `${key}DnsZoneHubLink`, {
        name: resourceName('privateDnsLink', 'hub'),
        resourceGroupName: group.name,
        privateDnsZoneName: dnsZone.name,
        virtualNetworkId: vnet.id,
        registrationEnabled: false,
      });
    }

    // Hub flow logs, like every spoke's: a private endpoint subnet (deny-by-default NSG, default
    // route to the firewall) holds the flow-log storage account's endpoint.
    const peSubnet = new Subnet(this, 'PrivateEndpointsSubnet', {
      name: resourceName('subnet', 'hub', 'private-endpoints'),
      resourceGroupName: group.name,
      virtualNetworkName: vnet.name,
      addressPrefixes: [endpointSubnet],
      defaultOutboundAccessEnabled: false,
      privateEndpointNetworkPolicies: 'Enabled',
    });
    const peNsg = new NetworkSecurityGroup(this, 'PrivateEndpointsNsg', {
      ...common,
      name: resourceName('networkSecurityGroup', 'hub', 'private-endpoints'),
      securityRule: [
        {
          name: 'AllowHubHttpsInbound',
          priority: 1000,
          direction: 'Inbound',
          access: 'Allow',
          protocol: 'Tcp',
          sourceAddressPrefix: props.addressSpace,
          sourcePortRange: '*',
          destinationAddressPrefix: endpointSubnet,
          destinationPortRange: '443',
        },
        DENY_ALL_INBOUND,
      ],
    });
    this.privateEndpointSubnetId = peSubnet.id;
    this.blobPrivateDnsZoneId = zoneIds[PRIVATE_DNS_ZONES.blob];
    new SubnetNetworkSecurityGroupAssociation(this, 'PrivateEndpointsNsgAssociation', {
      subnetId: peSubnet.id,
      networkSecurityGroupId: peNsg.id,
    });
    const peRoutes = new RouteTable(this, 'PrivateEndpointsRouteTable', {
      ...common,
      name: resourceName('routeTable', 'hub', 'private-endpoints', rc),
      bgpRoutePropagationEnabled: false,
      route: [defaultRouteViaFirewall(props.firewallPrivateIp)],
    });
    new SubnetRouteTableAssociation(this, 'PrivateEndpointsRouteTableAssociation', {
      subnetId: peSubnet.id,
      routeTableId: peRoutes.id,
    });
    const storage = new SecureStorageAccount(this, 'FlowLogStorage', {
      name: uniqueName('storageAccount', hub.subscriptionId, 'hub', 'flow'),
      resourceGroupName: group.name,
      location: hub.region,
      replicationType: hub.region === 'uksouth' ? 'ZRS' : 'LRS',
      privateEndpointSubnetId: peSubnet.id,
      privateEndpointZones: { blob: zoneIds[PRIVATE_DNS_ZONES.blob] },
    });
    new NetworkWatcherFlowLog(this, 'VirtualNetworkFlowLog', {
      name: resourceName('flowLog', 'hub', 'vnet', rc),
      networkWatcherName: watcher.name,
      resourceGroupName: group.name,
      location: hub.region,
      targetResourceId: vnet.id,
      storageAccountId: storage.storageAccountId,
      enabled: true,
      version: 2,
      retentionPolicy: { enabled: true, days: flowLogDays },
      trafficAnalytics: {
        enabled: true,
        workspaceId: props.workspaceCustomerId,
        workspaceRegion: hub.region,
        workspaceResourceId: props.workspaceResourceId,
        intervalInMinutes: 10,
      },
    });
  }
}
