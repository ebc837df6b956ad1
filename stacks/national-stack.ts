import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Annotations } from 'cdktf';
import { IsolatedStack } from './isolated-stack';
import type { Construct } from 'constructs';
import type { ForceConfig, PlatformConfig } from '../config/schema';
import { CentralSoc } from '../constructs/central-soc';
import { DefenderForCloud } from '../constructs/defender-for-cloud';
import { DriftIngestion } from '../constructs/drift-ingestion';
import { sendAllDiagnosticsTo } from '../constructs/diagnostics';
import { HubFirewallRules } from '../constructs/hub-firewall-rules';
import { HubNetwork } from '../constructs/hub-network';
import { hubReference } from '../constructs/hub-reference';
import { HubRunnerSubnet, hubRunnerSubnetPrefix } from '../constructs/hub-runner-subnet';
import { regionCode } from '../constructs/naming';
import { HubVpnGateway, type VpnSite } from '../constructs/hub-vpn-gateway';
import { PrivateLinkEndpoint } from '../constructs/private-link-endpoint';
import { applyMandatoryTags } from '../constructs/tagging';
import { hubVpnGatewayAllowed, PROVIDER_FEATURES } from './force-landing-zone';
import { NATIONAL_STATE_KEY, stateAccountId, useStateBackend } from './state-backend';
import { terraformLiterals } from './terraform-literal';
import { requireTerraformVersion } from './terraform-version';
import { firewallIntents } from './network-intents';
import { vpnTerminations } from './stack-inputs';

export { NATIONAL_STACK, vpnTerminations, type VpnTermination } from './stack-inputs';
import { NATIONAL_STACK } from './stack-inputs';

export interface NationalStackProps {
  readonly platform: PlatformConfig;
  /**
   * The forces, for what the hub terminates on their behalf (VPN sites). Without them the hub has
   * no VPN gateway.
   * @default []
   */
  readonly forces?: readonly ForceConfig[];
}

/** The national estate run by the NMC: hub network, firewall, DNS, VPN, the central SOC workspace (with drift ingestion) and Defender for Cloud on the hub subscription. */
/**
 * The tags of the NMC's own stacks (national and bootstrap): one definition, so the two cannot
 * drift apart.
 */
export function nationalTagging(p: PlatformConfig): { tags: Record<string, string>; requiredKeys: string[] } {
  return {
    tags: {
      ...p.tags.common,
      force: 'national',
      classification: 'OFFICIAL',
      'cost-centre': 'nmc-platform',
      'managed-by': p.tags.common['managed-by'] ?? 'bluelamp',
    },
    requiredKeys: p.tags.required,
  };
}

export class NationalStack extends IsolatedStack {
  constructor(scope: Construct, rawProps: NationalStackProps) {
    super(scope, NATIONAL_STACK);
    // Config text reaches Terraform as literal text, never as an expression (see terraform-literal.ts).
    const props = { platform: terraformLiterals(rawProps.platform), forces: terraformLiterals(rawProps.forces ?? []) };
    const p = props.platform;
    useStateBackend(this, p, NATIONAL_STATE_KEY);
    requireTerraformVersion(this);
    new AzurermProvider(this, 'azurerm', {
      features: PROVIDER_FEATURES,
      tenantId: p.nmc.tenantId,
      subscriptionId: p.hub.subscriptionId,
      storageUseAzuread: true,
      resourceProviderRegistrations: 'none',
    });
    const hub = hubReference({ subscriptionId: p.hub.subscriptionId, region: p.hub.region });
    applyMandatoryTags(this, nationalTagging(p));

    const soc = new CentralSoc(this, 'CentralSoc', { hub, retentionDays: p.logging.retentionDays });
    // The NMC's own subscription meets the baseline it holds every force to.
    new DefenderForCloud(this, 'Defender', {
      subscriptionId: hub.subscriptionId,
      location: hub.region,
      resourceGroupName: soc.resourceGroupName,
      plans: p.defender.minimumPlans,
      securityContactEmail: p.nmc.securityEmail,
      securityContactPhone: p.nmc.securityPhone,
      exportWorkspaceId: soc.workspaceId,
      extensions: p.defender.extensions,
    });
    // Nightly drift results reach the SOC as rows of BlueLampDrift_CL (docs/drift.md).
    new DriftIngestion(this, 'DriftIngestion', {
      workspaceId: soc.sentinelWorkspaceId,
      resourceGroupName: soc.resourceGroupName,
      location: hub.region,
      nameSuffix: `nmc-${regionCode(hub.region)}`,
    });
    const network = new HubNetwork(this, 'HubNetwork', {
      hub,
      addressSpace: p.hub.addressSpace,
      firewallPrivateIp: p.hub.firewallPrivateIp,
      publicIpAllowList: p.hub.publicIpAllowList,
      spokeAddressPool: p.addressPool,
      workspaceResourceId: soc.workspaceId,
      workspaceCustomerId: soc.workspaceCustomerId,
    });

    // The Terraform state account's blob endpoint (the account is bootstrap's, in the state
    // subscription): national is applied before bootstrap closes the account's public access
    // (docs/bootstrap.md, deploy order), so the runners still reach state after that. Created by the
    // engineer of the manual step: automatic approval needs privateEndpointConnectionsApproval on the
    // account (https://learn.microsoft.com/en-us/azure/private-link/rbac-permissions), which the
    // pipeline identity lacks.
    new PrivateLinkEndpoint(this, 'StateAccountEndpoint', {
      name: p.stateBackend.storageAccountName,
      targetResourceId: stateAccountId(p.stateBackend),
      subresource: 'blob',
      subnetId: network.privateEndpointSubnetId,
      privateDnsZoneIds: [network.blobPrivateDnsZoneId],
      resourceGroupName: network.resourceGroupName,
      location: hub.region,
    });

    // The pipeline runners' subnet: plan and apply reach spoke private endpoints from here.
    const runnerPrefix = hubRunnerSubnetPrefix(p.hub.addressSpace, p.hub.firewallPrivateIp);
    if (!runnerPrefix)
      throw new Error(`platform.yaml hub.addressSpace: ${p.hub.addressSpace} has no free /26 for the pipeline runners`);
    new HubRunnerSubnet(this, 'HubRunners', {
      virtualNetworkId: network.virtualNetworkId,
      resourceGroupName: network.resourceGroupName,
      location: hub.region,
      addressPrefix: runnerPrefix,
      firewallPrivateIp: p.hub.firewallPrivateIp,
    });

    // Declared flows (platform.yaml network, forces/<id>.yaml network.flows) as firewall rules.
    new HubFirewallRules(this, 'HubFirewallRules', {
      firewallPolicyId: network.firewallPolicyId,
      spokeAddressPool: p.addressPool,
      ...firewallIntents(p, props.forces ?? []),
    });

    const vpnForces = vpnTerminations(props.forces ?? []);
    const sites: VpnSite[] = vpnForces.flatMap((f) =>
      f.sites.map((s) => ({
        forceId: f.forceId,
        siteName: s.name,
        gatewayAddress: s.gatewayAddress ?? '',
        addressSpaces: s.addressSpaces,
      })),
    );
    if (sites.length > 0 && hubVpnGatewayAllowed(p)) {
      new HubVpnGateway(this, 'HubVpnGateway', {
        location: hub.region,
        resourceGroupName: network.resourceGroupName,
        gatewayName: hub.vpnGatewayName,
        publicIpName: hub.vpnGatewayPublicIpName,
        publicIpAllowList: p.hub.publicIpAllowList,
        gatewaySubnetId: network.gatewaySubnetId,
        sites,
        // Every spoke, not only VPN ones: a site packet for any spoke must meet the firewall, which
        // is the only place that can refuse one force's site reaching another force.
        spokeAddressSpaces: (props.forces ?? []).map((f) => f.network.addressSpace),
        firewallPrivateIp: p.hub.firewallPrivateIp,
      });
    } else if (sites.length > 0) {
      Annotations.of(this).addWarning(
        `${vpnForces.map((f) => f.forceId).join(', ')} ask for VPN connectivity, but the hub VPN gateway's public IP "${hub.vpnGatewayPublicIpName}" is not in platform.yaml hub.publicIpAllowList: no VPN is built until the NMC allows it.`,
      );
    }

    sendAllDiagnosticsTo(this, { workspaceId: soc.workspaceId });
  }
}
