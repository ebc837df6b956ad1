import { LocalNetworkGateway } from '@cdktf/provider-azurerm/lib/local-network-gateway';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
import { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { Construct } from 'constructs';
import { pascalCaseId, vpnSiteKey } from '../util/vpn-site-key';
import {
  VPN_GATEWAY_SKU_TUNNELS_SOURCE,
  VPN_GATEWAY_SKUS,
  vpnGatewaySkuFor,
  vpnGatewayTunnelLimit,
} from '../util/azure-limits';
import { resourceName } from './naming';

/** One force site that connects over site-to-site VPN. */
export interface VpnSite {
  /** Force that owns the site; with `siteName` it names the local gateway and the connection. */
  readonly forceId: string;
  /** Site name from the force file (`network.connectivity.sites[].name`). */
  readonly siteName: string;
  /** Public address of the on-premises VPN device. */
  readonly gatewayAddress: string;
  /** On-premises ranges behind it. */
  readonly addressSpaces: readonly string[];
}

export interface HubVpnGatewayProps {
  /** Region of the hub. */
  readonly location: string;
  /** Resource group of the hub network. */
  readonly resourceGroupName: string;
  /** Name of the VPN gateway (hub-reference.ts computes it, so force stacks know it too). */
  readonly gatewayName: string;
  /** Name of the gateway's public IP; must be on the hub allow list. */
  readonly publicIpName: string;
  /** Names of hub resources allowed a public IP (`hub.publicIpAllowList`). */
  readonly publicIpAllowList: readonly string[];
  /** The hub's GatewaySubnet. */
  readonly gatewaySubnetId: string;
  /** Sites of every force that asked for VPN connectivity. */
  readonly sites: readonly VpnSite[];
  /** Spoke address spaces, routed from the gateway through the firewall. */
  readonly spokeAddressSpaces: readonly string[];
  /** Private IP of the hub firewall, the next hop from the gateway to every spoke. */
  readonly firewallPrivateIp: string;
  /**
   * Gateway SKU (zone-redundant). Refused when it carries fewer tunnels than there are sites.
   * @default - the smallest SKU from VpnGw2AZ up that carries one tunnel per site (util/azure-limits.ts)
   */
  readonly sku?: string;
}

/**
 * Site-to-site VPN for every force, terminated in the hub so that no force stack has a public IP:
 * one route-based gateway, a local network gateway and an IPsec connection per force site, and a
 * GatewaySubnet route table that sends site traffic for the spokes through the firewall. Force
 * spokes use it through gateway transit on the peering.
 *
 * The IPsec pre-shared keys are not in Terraform (they would land in the JSON and the state):
 * the NMC sets each connection's key with `az network vpn-connection shared-key update`, and
 * Terraform ignores it.
 */
export class HubVpnGateway extends Construct {
  readonly gatewayId: string;
  /** The SKU built (given, or sized from the number of sites). */
  readonly sku: string;

  constructor(scope: Construct, id: string, props: HubVpnGatewayProps) {
    super(scope, id);
    const problems: string[] = [];
    if (!props.publicIpAllowList.includes(props.publicIpName))
      problems.push(`publicIpName "${props.publicIpName}" is not on the hub public IP allow list`);
    if (props.sites.length === 0)
      problems.push('sites is empty: a VPN gateway with nothing to connect is cost without purpose');
    // One IPsec connection per site, one tunnel each: the SKU's tunnel limit bounds the sites.
    const sku = props.sku ?? vpnGatewaySkuFor(props.sites.length);
    const tunnels = sku === undefined ? undefined : vpnGatewayTunnelLimit(sku);
    const largest = VPN_GATEWAY_SKUS[VPN_GATEWAY_SKUS.length - 1];
    if (sku === undefined)
      problems.push(
        `sites: ${props.sites.length} site-to-site connections exceed ${largest.tunnels}, the most any VPN gateway SKU carries (${largest.sku}; ${VPN_GATEWAY_SKU_TUNNELS_SOURCE}): split the sites over a second gateway or move to Virtual WAN`,
      );
    else if (tunnels === undefined)
      problems.push(
        `sku "${sku}" is not a zone-redundant VPN gateway SKU (${VPN_GATEWAY_SKUS.map((s) => s.sku).join(', ')})`,
      );
    else if (tunnels < props.sites.length)
      problems.push(
        `sku "${sku}" carries ${tunnels} site-to-site tunnels but there are ${props.sites.length} sites (${VPN_GATEWAY_SKU_TUNNELS_SOURCE}); leave sku unset to size it from the sites`,
      );
    if (problems.length > 0 || sku === undefined) throw new Error(`${this.node.path}: ${problems.join('; ')}`);
    this.sku = sku;

    const common = { location: props.location, resourceGroupName: props.resourceGroupName };
    const pip = new PublicIp(this, 'PublicIp', {
      ...common,
      name: props.publicIpName,
      allocationMethod: 'Static',
      sku: 'Standard',
      zones: ['1', '2', '3'],
    });
    const gateway = new VirtualNetworkGateway(this, 'Gateway', {
      ...common,
      name: props.gatewayName,
      type: 'Vpn',
      vpnType: 'RouteBased',
      sku,
      generation: 'Generation2',
      ipConfiguration: [
        {
          name: 'default',
          subnetId: props.gatewaySubnetId,
          publicIpAddressId: pip.id,
          privateIpAddressAllocation: 'Dynamic',
        },
      ],
    });
    this.gatewayId = gateway.id;

    const routes = new RouteTable(this, 'GatewayRouteTable', {
      ...common,
      name: resourceName('routeTable', 'hub', 'gateway'),
      bgpRoutePropagationEnabled: true,
      route: props.spokeAddressSpaces.map((space, i) => ({
        name: `spoke-${i}-via-firewall`,
        addressPrefix: space,
        nextHopType: 'VirtualAppliance',
        nextHopInIpAddress: props.firewallPrivateIp,
      })),
    });
    new SubnetRouteTableAssociation(this, 'GatewayRouteTableAssociation', {
      subnetId: props.gatewaySubnetId,
      routeTableId: routes.id,
    });

    for (const site of props.sites) {
      const key = vpnSiteKey(site.forceId, site.siteName);
      const pascal = pascalCaseId(key);
      const local = new LocalNetworkGateway(this, `${pascal}LocalGateway`, {
        ...common,
        name: resourceName('localNetworkGateway', key),
        gatewayAddress: site.gatewayAddress,
        addressSpace: [...site.addressSpaces],
      });
      const connection = new VirtualNetworkGatewayConnection(this, `${pascal}Connection`, {
        ...common,
        name: resourceName('connection', key),
        type: 'IPsec',
        virtualNetworkGatewayId: gateway.id,
        localNetworkGatewayId: local.id,
        connectionProtocol: 'IKEv2',
        ipsecPolicy: {
          ikeEncryption: 'GCMAES256',
          ikeIntegrity: 'SHA384',
          dhGroup: 'ECP384',
          ipsecEncryption: 'GCMAES256',
          ipsecIntegrity: 'GCMAES256',
          pfsGroup: 'ECP384',
          saLifetime: 27000,
        },
      });
      connection.addOverride('lifecycle', { ignore_changes: ['shared_key'] });
    }
  }
}
