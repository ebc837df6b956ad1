import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { Token, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { resourceName } from './naming';

export interface PrivateLinkEndpointProps {
  /** Short name of what the endpoint connects to, used in the endpoint name (for example `kv-essex`). */
  readonly name: string;
  /** Resource id of the service the endpoint connects to. */
  readonly targetResourceId: string;
  /** The Private Link sub-resource (`blob`, `vault`, `sites`, ...). */
  readonly subresource: string;
  /** Subnet the endpoint's network interface is placed in. */
  readonly subnetId: string;
  /** Private DNS zone ids the endpoint registers its address in (the hub zones). */
  readonly privateDnsZoneIds: readonly string[];
  /** Resource group of the endpoint. */
  readonly resourceGroupName: string;
  /** Region of the endpoint: the region of its subnet's VNet. */
  readonly location: string;
}

/**
 * A private endpoint registered in the hub's private DNS zones, so the service is reachable only
 * on a private address from the spoke (and from sites routed through the hub).
 */
export class PrivateLinkEndpoint extends Construct {
  /** Resource id of the private endpoint. */
  readonly endpointId: string;
  /**
   * The endpoint resource, for `dependsOn`: once it exists its DNS A record is in the zone
   * (azurerm creates the zone group with the endpoint), so data-plane calls can resolve it.
   */
  readonly endpoint: ITerraformDependable;

  constructor(scope: Construct, id: string, props: PrivateLinkEndpointProps) {
    super(scope, id);
    const problems: string[] = [];
    if (props.privateDnsZoneIds.length === 0)
      problems.push('privateDnsZoneIds must name at least one zone, or the endpoint address never resolves');
    if (!Token.isUnresolved(props.subresource) && !/^[a-zA-Z_]+$/.test(props.subresource))
      problems.push(`subresource "${props.subresource}" is not a Private Link sub-resource name`);
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join('; ')}`);

    const name = resourceName('privateEndpoint', props.name, props.subresource);
    const endpoint = new PrivateEndpoint(this, 'Resource', {
      name,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      subnetId: props.subnetId,
      customNetworkInterfaceName: `nic-${name}`,
      privateServiceConnection: {
        name: `psc-${props.name}-${props.subresource}`,
        privateConnectionResourceId: props.targetResourceId,
        subresourceNames: [props.subresource],
        isManualConnection: false,
      },
      privateDnsZoneGroup: { name: 'default', privateDnsZoneIds: [...props.privateDnsZoneIds] },
    });
    this.endpointId = endpoint.id;
    this.endpoint = endpoint;
  }
}
