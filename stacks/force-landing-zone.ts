import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import type { ITerraformDependable, TerraformStack } from 'cdktf';
import type { ForceConfig, PlatformConfig } from '../config/schema';
import { sendAllDiagnosticsTo } from '../constructs/diagnostics';
import { ForceIdentity } from '../constructs/force-identity';
import { ForceNetwork } from '../constructs/force-network';
import { Guardrails } from '../constructs/guardrails';
import { hubReference } from '../constructs/hub-reference';
import { hubRunnerSubnetPrefix } from '../constructs/hub-runner-subnet';
import { uniqueName } from '../constructs/naming';
import { PRIVATE_DNS_ZONES } from '../constructs/private-dns-zones';
import { ForceResourceGroups } from '../constructs/resource-groups';
import { SocLogging } from '../constructs/soc-logging';
import { applyMandatoryTags } from '../constructs/tagging';
import { expressRouteAuthorizationKey } from './expressroute-authorization';
import { spokeIntents } from './network-intents';

/**
 * What the landing zone hands to the service constructs (connectors, evidence store).
 * This is the contract between stacks/force-landing-zone.ts and stacks/force-services.ts.
 */
export interface ForceLandingZone {
  /** Primary region of the force. */
  readonly location: string;
  /** Tags every resource carries. */
  readonly tags: Record<string, string>;
  /** Resource group names by purpose. */
  readonly resourceGroups: {
    readonly network: string;
    readonly security: string;
    readonly logging: string;
    readonly evidence: string;
    readonly workloads: string;
    readonly identity: string;
  };
  /** Force Log Analytics workspace: resource id, name, resource group. */
  readonly workspaceId: string;
  readonly workspaceName: string;
  /** The workspace (customer) GUID, for agents and data collection. */
  readonly workspaceCustomerId: string;
  /** Sentinel onboarding resource id (connectors and analytics rules depend on it). */
  readonly sentinelOnboardingId: string;
  /** Force Key Vault resource id. */
  readonly keyVaultId: string;
  /** What a write over the vault's data plane waits for (its private endpoint, with the DNS record). */
  readonly keyVaultDataPlaneReady: readonly ITerraformDependable[];
  /** Subnet for private endpoints in the force spoke. */
  readonly privateEndpointSubnetId: string;
  /** Subnet delegated to Microsoft.Web/serverFarms, for Function App / Logic App VNet integration. */
  readonly integrationSubnetId: string;
  /** Hub private DNS zone ids by zone name (e.g. `privatelink.blob.core.windows.net`). */
  readonly privateDnsZoneIds: Record<string, string>;
  /** User-assigned identity for platform automation: resource id and principal (object) id. */
  readonly automationIdentityId: string;
  readonly automationIdentityPrincipalId: string;
}

/** Terraform provider alias bound to the hub subscription (hub side of peering, DNS links). */
export const HUB_PROVIDER_ALIAS = 'hub';

/**
 * Provider features for every stack. Storage accounts here have public network access off and no
 * shared keys, and the pipeline runs outside the spokes: with the provider's default it would call
 * each account's queue and static-website data plane on every refresh and fail with 403. Everything
 * this code manages in storage (blob properties, containers, immutability, lifecycle) goes through
 * Azure Resource Manager, so the data plane is not needed.
 */
export const PROVIDER_FEATURES = [{ storage: [{ dataPlaneAvailable: false }] }];

/** The tags every resource of a force carries: platform common tags, force tags, then the mandatory four. */
export function forceTags(force: ForceConfig, platform: PlatformConfig): Record<string, string> {
  return {
    ...platform.tags.common,
    ...force.tags,
    force: force.id,
    classification: force.classification,
    'cost-centre': force.costCentre,
    'managed-by': platform.tags.common['managed-by'] ?? 'bluelamp',
  };
}

/** Maps a force's config to the landing-zone constructs. */
export function buildForceLandingZone(
  stack: TerraformStack,
  props: { force: ForceConfig; platform: PlatformConfig },
): ForceLandingZone {
  const { force, platform } = props;
  const hub = hubReference({ subscriptionId: platform.hub.subscriptionId, region: platform.hub.region });
  const tags = forceTags(force, platform);
  applyMandatoryTags(stack, { tags, requiredKeys: platform.tags.required });

  // The hub side of peering and the DNS links are written into the hub subscription (NMC tenant);
  // the pipeline identity is a multi-tenant service principal present in both tenants.
  const hubProvider = new AzurermProvider(stack, 'azurerm-hub', {
    alias: HUB_PROVIDER_ALIAS,
    features: PROVIDER_FEATURES,
    tenantId: platform.nmc.tenantId,
    subscriptionId: platform.hub.subscriptionId,
    auxiliaryTenantIds: [force.tenantId],
    storageUseAzuread: true,
    resourceProviderRegistrations: 'none',
  });

  const groups = new ForceResourceGroups(stack, 'ResourceGroups', { forceId: force.id, location: force.region });

  const soc = new SocLogging(stack, 'SocLogging', {
    forceId: force.id,
    forceName: force.name,
    subscriptionId: force.subscriptionId,
    location: force.region,
    resourceGroupName: groups.names.logging,
    retentionDays: force.logging.retentionDays,
    managingTenantId: platform.nmc.tenantId,
    socDelegations: platform.nmc.socGroups,
    defenderMinimumPlans: platform.defender.minimumPlans,
    defenderAdditionalPlans: force.defender.additionalPlans,
    defenderExtensions: platform.defender.extensions,
    securityContactEmail: force.contacts.securityEmail,
    securityContactPhone: force.contacts.securityPhone,
  });

  const connectivity = force.network.connectivity;
  const network = new ForceNetwork(stack, 'Network', {
    forceId: force.id,
    location: force.region,
    resourceGroupName: groups.names.network,
    addressSpace: force.network.addressSpace,
    hubVirtualNetworkId: hub.virtualNetworkId,
    hubVirtualNetworkName: hub.virtualNetworkName,
    hubResourceGroupName: hub.networkResourceGroupName,
    hubFirewallPrivateIp: platform.hub.firewallPrivateIp,
    hubProvider,
    useHubGateway: connectivity.type === 'vpn' && hubVpnGatewayAllowed(platform),
    privateDnsZoneIds: hub.privateDnsZoneIds,
    // The hub's pipeline runners write Key Vault secrets through the spoke's private endpoints.
    privateEndpointClientPrefixes: [
      hubRunnerSubnetPrefix(platform.hub.addressSpace, platform.hub.firewallPrivateIp),
    ].filter((prefix): prefix is string => prefix !== undefined),
    workspaceResourceId: soc.workspaceId,
    workspaceCustomerId: soc.workspaceCustomerId,
    workspaceRegion: force.region,
    flowLogRetentionDays: force.logging.flowLogRetentionDays,
    flowLogStorageAccountName: uniqueName('storageAccount', force.subscriptionId, force.id, 'flow'),
    expressRouteCircuitId: connectivity.type === 'expressroute' ? connectivity.expressRouteCircuitId : undefined,
    expressRouteAuthorizationKey: expressRouteAuthorizationKey(stack, force),
    ...spokeIntents(force, platform),
  });

  const identity = new ForceIdentity(stack, 'Identity', {
    forceId: force.id,
    location: force.region,
    tenantId: force.tenantId,
    subscriptionId: force.subscriptionId,
    identityResourceGroupName: groups.names.identity,
    securityResourceGroupName: groups.names.security,
    operatorResourceGroupIds: [groups.ids.workloads],
    readerGroupIds: force.identity.readers,
    operatorGroupIds: force.identity.operators,
    adminGroupIds: force.identity.admins,
    keyVaultName: uniqueName('keyVault', force.subscriptionId, force.id),
    // The Box connector's ARM deployment reads its credentials through Key Vault references.
    keyVaultTemplateDeploymentEnabled: force.services.box.enabled,
    privateEndpointSubnetId: network.subnetIds.privateEndpoints,
    vaultPrivateDnsZoneId: hub.privateDnsZoneIds[PRIVATE_DNS_ZONES.vault],
  });

  new Guardrails(stack, 'Guardrails', {
    forceId: force.id,
    subscriptionId: force.subscriptionId,
    allowedLocations: platform.regions.allowed,
    requiredTagKeys: platform.tags.required,
    lighthouseManagingTenantIds: [platform.nmc.tenantId],
    monthlyBudget: force.budget.monthlyGbp,
    budgetAlertThresholds: force.budget.alertThresholds,
    budgetContactEmails: [...new Set([...force.contacts.budgetEmails, force.contacts.platformEmail])],
  });

  // Every resource in the stack, including the services added after this, logs to the workspace.
  sendAllDiagnosticsTo(stack, { workspaceId: soc.workspaceId });

  return {
    location: force.region,
    tags,
    resourceGroups: groups.names,
    workspaceId: soc.workspaceId,
    workspaceName: soc.workspaceName,
    workspaceCustomerId: soc.workspaceCustomerId,
    sentinelOnboardingId: soc.sentinelOnboardingId,
    keyVaultId: identity.keyVaultId,
    keyVaultDataPlaneReady: identity.keyVaultDataPlaneReady,
    privateEndpointSubnetId: network.subnetIds.privateEndpoints,
    integrationSubnetId: network.subnetIds.integration,
    privateDnsZoneIds: hub.privateDnsZoneIds,
    automationIdentityId: identity.automationIdentityId,
    automationIdentityPrincipalId: identity.automationIdentityPrincipalId,
  };
}

/**
 * Whether the hub has a VPN gateway: only when its public IP is on the hub allow list
 * (platform.yaml `hub.publicIpAllowList`). Both stacks decide with this one function.
 */
export function hubVpnGatewayAllowed(platform: PlatformConfig): boolean {
  const hub = hubReference({ subscriptionId: platform.hub.subscriptionId, region: platform.hub.region });
  return platform.hub.publicIpAllowList.includes(hub.vpnGatewayPublicIpName);
}
