/**
 * Names and resource ids of the national hub, computed from platform values alone.
 *
 * The national stack creates these resources with exactly these names; force stacks compute the
 * same ids to peer with the hub, route to its firewall and link to its DNS zones. No stack reads
 * another stack's state or outputs, so each stack synthesises and plans on its own.
 */
import { azureIds, regionCode, resourceName } from './naming';
import { PRIVATE_DNS_ZONE_NAMES } from './private-dns-zones';

export interface HubReferenceProps {
  /** Subscription of the hub (in the NMC tenant). */
  readonly subscriptionId: string;
  /** Region of the hub. */
  readonly region: string;
}

export interface HubReference {
  /** Subscription of the hub (in the NMC tenant). */
  readonly subscriptionId: string;
  /** Region of the hub. */
  readonly region: string;
  /** Resource group of the hub network, firewall and private DNS zones. */
  readonly networkResourceGroupName: string;
  /** Resource group of the NMC's central SOC workspace. */
  readonly socResourceGroupName: string;
  /** Name of the hub VNet. */
  readonly virtualNetworkName: string;
  /** Resource id of the hub VNet, for the spoke side of each peering. */
  readonly virtualNetworkId: string;
  /** Name of the hub Azure Firewall. */
  readonly firewallName: string;
  /** Name of the firewall policy (Premium: threat intelligence and IDPS). */
  readonly firewallPolicyName: string;
  /** Name of the firewall's public IP (on the hub allow list). */
  readonly firewallPublicIpName: string;
  /** The hub VPN gateway that force VPN sites terminate on (built only when a force needs it). */
  readonly vpnGatewayName: string;
  /** Name of the VPN gateway's public IP (on the hub allow list when the gateway exists). */
  readonly vpnGatewayPublicIpName: string;
  /** Name of the NMC's central Log Analytics workspace. */
  readonly centralWorkspaceName: string;
  /** Resource id of the central workspace. */
  readonly centralWorkspaceId: string;
  /** Private DNS zone resource ids by zone name. */
  readonly privateDnsZoneIds: Record<string, string>;
}

export function hubReference(props: HubReferenceProps): HubReference {
  const rc = regionCode(props.region);
  const sub = props.subscriptionId;
  const networkResourceGroupName = resourceName('resourceGroup', 'hub', 'network', rc);
  const socResourceGroupName = resourceName('resourceGroup', 'hub', 'soc', rc);
  const virtualNetworkName = resourceName('virtualNetwork', 'hub', rc);
  const centralWorkspaceName = resourceName('logAnalyticsWorkspace', 'nmc', 'soc', rc);
  return {
    subscriptionId: sub,
    region: props.region,
    networkResourceGroupName,
    socResourceGroupName,
    virtualNetworkName,
    virtualNetworkId: azureIds.resource(
      sub,
      networkResourceGroupName,
      'Microsoft.Network',
      'virtualNetworks',
      virtualNetworkName,
    ),
    firewallName: resourceName('firewall', 'hub', rc),
    firewallPolicyName: resourceName('firewallPolicy', 'hub', rc),
    firewallPublicIpName: resourceName('publicIp', 'afw', 'hub', rc),
    vpnGatewayName: resourceName('virtualNetworkGateway', 'hub', 'vpn', rc),
    vpnGatewayPublicIpName: resourceName('publicIp', 'vgw', 'hub', rc),
    centralWorkspaceName,
    centralWorkspaceId: azureIds.resource(
      sub,
      socResourceGroupName,
      'Microsoft.OperationalInsights',
      'workspaces',
      centralWorkspaceName,
    ),
    privateDnsZoneIds: Object.fromEntries(
      PRIVATE_DNS_ZONE_NAMES.map((zone) => [
        zone,
        azureIds.resource(sub, networkResourceGroupName, 'Microsoft.Network', 'privateDnsZones', zone),
      ]),
    ),
  };
}
