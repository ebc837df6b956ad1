import {
  NetworkSecurityGroup,
  type NetworkSecurityGroupSecurityRule,
} from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkWatcher } from '@cdktf/provider-azurerm/lib/network-watcher';
import { NetworkWatcherFlowLog } from '@cdktf/provider-azurerm/lib/network-watcher-flow-log';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { parseIp } from '../util/cidr';
import { FLOW_LOG_RETENTION_DAYS } from '../util/platform-facts';
import { spokeAddressPlan, type SpokeAddressPlan } from './address-plan';
import { DENY_ALL_INBOUND, defaultRouteViaFirewall } from './network-defaults';
import { regionCode, resourceName } from './naming';
import { PRIVATE_DNS_ZONES, type PrivateDnsZoneKey } from './private-dns-zones';
import { SecureStorageAccount } from './secure-storage-account';

export interface ForceNetworkProps {
  /** Force id, used in every name (`vnet-<forceId>-<region>`). */
  readonly forceId: string;
  /** Region of the spoke and everything in it. */
  readonly location: string;
  /** Resource group for the network resources. */
  readonly resourceGroupName: string;
  /** Spoke address space (/16 to /22); subnets are carved from it (see address-plan.ts). */
  readonly addressSpace: string;
  /** Hub VNet resource id (computed, see hub-reference.ts). */
  readonly hubVirtualNetworkId: string;
  /** Name of the hub VNet, for the hub side of the peering. */
  readonly hubVirtualNetworkName: string;
  /** Resource group of the hub VNet and the private DNS zones (where the hub-side peering and the zone links live). */
  readonly hubResourceGroupName: string;
  /** Every subnet's 0.0.0.0/0 goes here. */
  readonly hubFirewallPrivateIp: string;
  /** Provider bound to the hub subscription, for the hub side of the peering and the DNS links. */
  readonly hubProvider: TerraformProvider;
  /**
   * Use the hub's VPN gateway for site traffic (the spoke peering sets `use_remote_gateways`).
   * Only when the hub has a gateway, or the peering fails.
   * @default false
   */
  readonly useHubGateway?: boolean;
  /**
   * Ranges outside the spoke allowed to reach its private endpoints on 443: the hub's pipeline
   * runners, which write Key Vault secrets over the vault's data plane.
   * @default [] - only the spoke itself
   */
  readonly privateEndpointClientPrefixes?: readonly string[];
  /** Hub private DNS zone ids by zone name; the spoke is linked to each. */
  readonly privateDnsZoneIds: Record<string, string>;
  /** Log Analytics workspace for traffic analytics: resource id, workspace (customer) id, region. */
  readonly workspaceResourceId: string;
  /** Workspace (customer) GUID of the same workspace, which traffic analytics asks for. */
  readonly workspaceCustomerId: string;
  /** Region of that workspace. */
  readonly workspaceRegion: string;
  /**
   * Days flow logs are kept in storage.
   * @default 90
   */
  readonly flowLogRetentionDays?: number;
  /** Globally unique name of the flow-log storage account. */
  readonly flowLogStorageAccountName: string;
  /**
   * ExpressRoute circuit to connect through a gateway in the spoke. The gateway has no customer
   * public IP: since 2025 Azure assigns and manages one for ExpressRoute gateways itself.
   * @default - no site connectivity in the spoke
   */
  readonly expressRouteCircuitId?: string;
  /**
   * Authorization key for a circuit in another subscription (Azure refuses the connection without
   * one). Pass a reference to a sensitive variable, never a literal: it is a secret.
   * @default - none (the circuit is in this subscription)
   */
  readonly expressRouteAuthorizationKey?: string;
  /**
   * Inbound rules added to a subnet's NSG for declared flows, between the built-in allows (1000)
   * and the deny-all (4096): priorities 1001-3999, names unique in the NSG.
   * @default - none
   */
  readonly additionalInboundRules?: Partial<Record<keyof SpokeAddressPlan, NetworkSecurityGroupSecurityRule[]>>;
  /**
   * DNS servers of the VNet (the hub firewall's DNS proxy).
   * @default - Azure-provided DNS
   */
  readonly dnsServers?: readonly string[];
  /**
   * Gateway SKU for ExpressRoute.
   * @default 'ErGw1AZ'
   */
  readonly expressRouteGatewaySku?: string;
}

/** Inbound allowed on top of deny-all, by subnet. Everything else inbound is denied at priority 4096. */
interface SubnetSpec {
  readonly key: keyof SpokeAddressPlan;
  /** Prefix of the construct ids (`<id>Subnet`, `<id>Nsg`, ...): part of the Terraform addresses, never rename. */
  readonly id: string;
  readonly name: string;
  readonly allowInbound: (plan: SpokeAddressPlan, addressSpace: string) => NetworkSecurityGroupSecurityRule[];
  readonly delegation?: string;
  readonly privateEndpoints?: boolean;
}

const allowLoadBalancer: NetworkSecurityGroupSecurityRule = {
  name: 'AllowAzureLoadBalancerInbound',
  priority: 4000,
  direction: 'Inbound',
  access: 'Allow',
  protocol: '*',
  sourceAddressPrefix: 'AzureLoadBalancer',
  sourcePortRange: '*',
  destinationAddressPrefix: '*',
  destinationPortRange: '*',
};

const SUBNETS: readonly SubnetSpec[] = [
  {
    key: 'workloads',
    id: 'Workloads',
    name: 'workloads',
    allowInbound: (plan, space) => [
      {
        name: 'AllowSpokeInbound',
        priority: 1000,
        direction: 'Inbound',
        access: 'Allow',
        protocol: '*',
        sourceAddressPrefix: space,
        sourcePortRange: '*',
        destinationAddressPrefix: plan.workloads,
        destinationPortRange: '*',
      },
      allowLoadBalancer,
    ],
  },
  {
    key: 'privateEndpoints',
    id: 'PrivateEndpoints',
    name: 'private-endpoints',
    privateEndpoints: true,
    allowInbound: (plan, space) => [
      {
        name: 'AllowSpokeHttpsInbound',
        priority: 1000,
        direction: 'Inbound',
        access: 'Allow',
        protocol: 'Tcp',
        sourceAddressPrefix: space,
        sourcePortRange: '*',
        destinationAddressPrefix: plan.privateEndpoints,
        destinationPortRange: '443',
      },
    ],
  },
  {
    key: 'management',
    id: 'Management',
    name: 'management',
    allowInbound: (plan) => [
      {
        name: 'AllowManagementInbound',
        priority: 1000,
        direction: 'Inbound',
        access: 'Allow',
        protocol: 'Tcp',
        sourceAddressPrefix: plan.management,
        sourcePortRange: '*',
        destinationAddressPrefix: plan.management,
        destinationPortRanges: ['22', '443', '3389'],
      },
    ],
  },
  {
    key: 'integration',
    id: 'Integration',
    name: 'integration',
    delegation: 'Microsoft.Web/serverFarms',
    allowInbound: () => [],
  },
];

/**
 * Construct id of this spoke's link to each hub zone: part of the Terraform addresses, so written
 * out rather than derived from the zone name. A new zone in private-dns-zones.ts needs a line here.
 */
const DNS_ZONE_LINK_IDS: Record<PrivateDnsZoneKey, string> = {
  blob: 'BlobDnsZoneLink',
  file: 'FileDnsZoneLink',
  queue: 'QueueDnsZoneLink',
  table: 'TableDnsZoneLink',
  dfs: 'DfsDnsZoneLink',
  vault: 'VaultDnsZoneLink',
  websites: 'WebsitesDnsZoneLink',
  servicebus: 'ServicebusDnsZoneLink',
};

function zoneKeyOf(zone: string): PrivateDnsZoneKey | undefined {
  return (Object.keys(PRIVATE_DNS_ZONES) as PrivateDnsZoneKey[]).find((key) => PRIVATE_DNS_ZONES[key] === zone);
}

/**
 * A force spoke: VNet, subnets each with its own deny-by-default NSG, a route table sending
 * 0.0.0.0/0 to the hub firewall, peering in both directions (the hub side through `hubProvider`),
 * links to the hub's private DNS zones, VNet flow logs with traffic analytics, and an optional
 * ExpressRoute gateway. Nothing here has a public IP.
 */
export class ForceNetwork extends Construct {
  readonly virtualNetworkId: string;
  readonly virtualNetworkName: string;
  /** Subnet ids by purpose. */
  readonly subnetIds: {
    readonly workloads: string;
    readonly privateEndpoints: string;
    readonly management: string;
    readonly integration: string;
  };
  /** The address plan (CIDRs by purpose). */
  readonly addressPlan: SpokeAddressPlan;

  constructor(scope: Construct, id: string, props: ForceNetworkProps) {
    super(scope, id);
    const retention = props.flowLogRetentionDays ?? 90;
    const problems: string[] = [];
    const { min, max } = FLOW_LOG_RETENTION_DAYS;
    if (retention < min || retention > max) problems.push(`flowLogRetentionDays ${retention} must be ${min}-${max}`);
    const unknownZones = Object.keys(props.privateDnsZoneIds).filter((zone) => !zoneKeyOf(zone));
    if (unknownZones.length > 0)
      problems.push(
        `privateDnsZoneIds names ${unknownZones.join(', ')}, which is not one of the hub zones (private-dns-zones.ts)`,
      );
    if (parseIp(props.hubFirewallPrivateIp) === undefined)
      problems.push(`hubFirewallPrivateIp "${props.hubFirewallPrivateIp}" must be an IPv4 address`);
    let plan: SpokeAddressPlan | undefined;
    try {
      plan = spokeAddressPlan(props.addressSpace);
    } catch (err) {
      problems.push(`addressSpace: ${(err as Error).message}`);
    }
    for (const [key, rules] of Object.entries(props.additionalInboundRules ?? {})) {
      const names = new Set<string>();
      for (const rule of rules ?? []) {
        const priority = rule.priority ?? 0;
        const name = rule.name ?? '';
        if (priority <= 1000 || priority >= 4000)
          problems.push(`additionalInboundRules.${key}: ${name} priority ${priority} must be 1001-3999`);
        if (names.has(name)) problems.push(`additionalInboundRules.${key}: ${name} appears twice`);
        names.add(name);
      }
    }
    if (problems.length > 0 || !plan) throw new Error(`${this.node.path}: ${problems.join('; ')}`);
    this.addressPlan = plan;

    const rc = regionCode(props.location);
    const common = { location: props.location, resourceGroupName: props.resourceGroupName };
    // Azure allows one Network Watcher per region per subscription and creates one itself
    // (NetworkWatcher_<region> in NetworkWatcherRG) when a VNet appears in a region without one.
    // Creating ours first, and the VNet after it, means Azure finds a watcher and creates none;
    // in parallel, either could win and the apply would fail on the second watcher.
    const watcher = new NetworkWatcher(this, 'NetworkWatcher', {
      ...common,
      name: resourceName('networkWatcher', props.forceId, rc),
    });
    const vnet = new VirtualNetwork(this, 'VirtualNetwork', {
      ...common,
      name: resourceName('virtualNetwork', props.forceId, rc),
      addressSpace: [props.addressSpace],
      dnsServers: props.dnsServers ? [...props.dnsServers] : undefined,
      dependsOn: [watcher],
    });
    this.virtualNetworkId = vnet.id;
    this.virtualNetworkName = vnet.name;

    // Site routes learnt over ExpressRoute stay usable (on-premises traffic uses the force's own
    // gateway); everything else, including the internet, goes to the hub firewall.
    const routeTable = new RouteTable(this, 'RouteTable', {
      ...common,
      name: resourceName('routeTable', props.forceId, rc),
      bgpRoutePropagationEnabled: props.expressRouteCircuitId !== undefined,
      route: [defaultRouteViaFirewall(props.hubFirewallPrivateIp)],
    });

    const subnetIds: Record<string, string> = {};
    for (const spec of SUBNETS) {
      const subnet = new Subnet(this, `${spec.id}Subnet`, {
        name: resourceName('subnet', props.forceId, spec.name),
        resourceGroupName: props.resourceGroupName,
        virtualNetworkName: vnet.name,
        addressPrefixes: [plan[spec.key]],
        defaultOutboundAccessEnabled: false,
        privateEndpointNetworkPolicies: spec.privateEndpoints ? 'Enabled' : 'Disabled',
        delegation: spec.delegation
          ? [
              {
                name: 'delegation',
                serviceDelegation: {
                  name: spec.delegation,
                  actions: ['Microsoft.Network/virtualNetworks/subnets/action'],
                },
              },
            ]
          : undefined,
      });
      const nsg = new NetworkSecurityGroup(this, `${spec.id}Nsg`, {
        ...common,
        name: resourceName('networkSecurityGroup', props.forceId, spec.name),
        securityRule: [
          ...spec.allowInbound(plan, props.addressSpace),
          ...(spec.privateEndpoints ? endpointClientRules(plan, props.privateEndpointClientPrefixes ?? []) : []),
          ...(props.additionalInboundRules?.[spec.key] ?? []),
          DENY_ALL_INBOUND,
        ],
      });
      new SubnetNetworkSecurityGroupAssociation(this, `${spec.id}NsgAssociation`, {
        subnetId: subnet.id,
        networkSecurityGroupId: nsg.id,
      });
      new SubnetRouteTableAssociation(this, `${spec.id}RouteTableAssociation`, {
        subnetId: subnet.id,
        routeTableId: routeTable.id,
      });
      subnetIds[spec.key] = subnet.id;
    }
    this.subnetIds = {
      workloads: subnetIds.workloads,
      privateEndpoints: subnetIds.privateEndpoints,
      management: subnetIds.management,
      integration: subnetIds.integration,
    };

    // Peering both ways. Forwarded traffic is allowed because everything arrives via the firewall.
    // The hub side is created first: Azure refuses `use_remote_gateways` on the spoke side while
    // the hub side does not yet allow gateway transit.
    const useHubGateway = props.useHubGateway ?? false;
    const hubToSpoke = new VirtualNetworkPeering(this, 'HubToSpokePeering', {
      provider: props.hubProvider,
      name: resourceName('peering', 'hub', 'to', props.forceId),
      resourceGroupName: props.hubResourceGroupName,
      virtualNetworkName: props.hubVirtualNetworkName,
      remoteVirtualNetworkId: vnet.id,
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: true,
      allowGatewayTransit: useHubGateway,
      useRemoteGateways: false,
    });
    new VirtualNetworkPeering(this, 'SpokeToHubPeering', {
      name: resourceName('peering', props.forceId, 'to', 'hub'),
      resourceGroupName: props.resourceGroupName,
      virtualNetworkName: vnet.name,
      remoteVirtualNetworkId: props.hubVirtualNetworkId,
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: true,
      allowGatewayTransit: false,
      useRemoteGateways: useHubGateway,
      dependsOn: useHubGateway ? [hubToSpoke] : undefined,
    });

    // Hub private DNS zones, linked to this spoke (the link lives in the hub, beside the zone).
    for (const zone of Object.keys(props.privateDnsZoneIds)) {
      new PrivateDnsZoneVirtualNetworkLink(this, DNS_ZONE_LINK_IDS[zoneKeyOf(zone)!], {
        provider: props.hubProvider,
        name: resourceName('privateDnsLink', props.forceId),
        resourceGroupName: props.hubResourceGroupName,
        privateDnsZoneName: zone,
        virtualNetworkId: vnet.id,
        registrationEnabled: false,
      });
    }

    // VNet flow logs with traffic analytics. The watcher (created above, before the VNet) is
    // managed here rather than left to Azure's automatic NetworkWatcherRG, so it is tagged, in the
    // right group and in state.
    const flowLogStorage = new SecureStorageAccount(this, 'FlowLogStorage', {
      name: props.flowLogStorageAccountName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      replicationType: props.location === 'uksouth' ? 'ZRS' : 'LRS',
      privateEndpointSubnetId: this.subnetIds.privateEndpoints,
      privateEndpointZones: {
        blob: props.privateDnsZoneIds[PRIVATE_DNS_ZONES.blob] ?? missingZone(this, PRIVATE_DNS_ZONES.blob),
      },
    });
    new NetworkWatcherFlowLog(this, 'VirtualNetworkFlowLog', {
      name: resourceName('flowLog', props.forceId, 'vnet', rc),
      networkWatcherName: watcher.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      targetResourceId: vnet.id,
      storageAccountId: flowLogStorage.storageAccountId,
      enabled: true,
      version: 2,
      retentionPolicy: { enabled: true, days: retention },
      trafficAnalytics: {
        enabled: true,
        workspaceId: props.workspaceCustomerId,
        workspaceRegion: props.workspaceRegion,
        workspaceResourceId: props.workspaceResourceId,
        intervalInMinutes: 10,
      },
    });

    if (props.expressRouteCircuitId) this.addExpressRoute(props, plan, vnet, rc);
  }

  /**
   * ExpressRoute gateway in the spoke's GatewaySubnet and its connection to the force circuit.
   * No `public_ip_address_id`: Azure assigns and manages the gateway's control-plane address for
   * ExpressRoute gateways (GA in 2025; azurerm 4.55 makes the argument optional). GatewaySubnet
   * takes no NSG and no route table: Azure does not support an NSG there, and routing site traffic
   * through the hub firewall would be asymmetric (the hub does not learn the force's circuit
   * routes). Site-to-spoke traffic is filtered by the spoke subnets' NSGs instead.
   */
  private addExpressRoute(props: ForceNetworkProps, plan: SpokeAddressPlan, vnet: VirtualNetwork, rc: string): void {
    const common = { location: props.location, resourceGroupName: props.resourceGroupName };
    const gatewaySubnet = new Subnet(this, 'GatewaySubnet', {
      name: 'GatewaySubnet',
      resourceGroupName: props.resourceGroupName,
      virtualNetworkName: vnet.name,
      addressPrefixes: [plan.gateway],
    });
    const gateway = new VirtualNetworkGateway(this, 'ExpressRouteGateway', {
      ...common,
      name: resourceName('expressRouteGateway', props.forceId, rc),
      type: 'ExpressRoute',
      sku: props.expressRouteGatewaySku ?? 'ErGw1AZ',
      ipConfiguration: [{ name: 'default', subnetId: gatewaySubnet.id, privateIpAddressAllocation: 'Dynamic' }],
    });
    new VirtualNetworkGatewayConnection(this, 'ExpressRouteConnection', {
      ...common,
      name: resourceName('connection', props.forceId, 'expressroute', rc),
      type: 'ExpressRoute',
      virtualNetworkGatewayId: gateway.id,
      expressRouteCircuitId: props.expressRouteCircuitId,
      authorizationKey: props.expressRouteAuthorizationKey,
    });
  }
}

/** HTTPS from the given outside ranges to the private endpoint subnet (the hub runners). */
function endpointClientRules(plan: SpokeAddressPlan, prefixes: readonly string[]): NetworkSecurityGroupSecurityRule[] {
  if (prefixes.length === 0) return [];
  return [
    {
      name: 'AllowPipelineRunnersHttpsInbound',
      priority: 1010,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourceAddressPrefixes: [...prefixes],
      sourcePortRange: '*',
      destinationAddressPrefix: plan.privateEndpoints,
      destinationPortRange: '443',
    },
  ];
}

function missingZone(scope: Construct, zone: string): never {
  throw new Error(
    `${scope.node.path}: privateDnsZoneIds must include ${zone} (flow-log storage is reachable only through it)`,
  );
}
