import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { TerraformStack } from 'cdktf';
import type { ForceConfig, PlatformConfig } from '../config/schema';

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
  readonly resourceGroups: { readonly network: string; readonly security: string; readonly logging: string; readonly evidence: string };
  /** Force Log Analytics workspace: resource id, name, resource group. */
  readonly workspaceId: string;
  readonly workspaceName: string;
  /** Sentinel onboarding resource id (connectors and analytics rules depend on it). */
  readonly sentinelOnboardingId: string;
  /** Force Key Vault resource id. */
  readonly keyVaultId: string;
  /** Subnet for private endpoints in the force spoke. */
  readonly privateEndpointSubnetId: string;
  /** Hub private DNS zone ids by zone name (e.g. `privatelink.blob.core.windows.net`). */
  readonly privateDnsZoneIds: Record<string, string>;
}

/** Maps a force's config to the landing-zone constructs. (Filled in by the landing-zone work.) */
export function buildForceLandingZone(stack: TerraformStack, props: { force: ForceConfig; platform: PlatformConfig }): ForceLandingZone {
  const rg = new ResourceGroup(stack, 'NetworkResourceGroup', {
    name: `rg-${props.force.id}-network-${props.force.region === 'uksouth' ? 'uks' : 'ukw'}`,
    location: props.force.region,
  });
  return {
    location: props.force.region,
    tags: {},
    resourceGroups: { network: rg.name, security: rg.name, logging: rg.name, evidence: rg.name },
    workspaceId: 'TODO',
    workspaceName: 'TODO',
    sentinelOnboardingId: 'TODO',
    keyVaultId: 'TODO',
    privateEndpointSubnetId: 'TODO',
    privateDnsZoneIds: {},
  };
}
