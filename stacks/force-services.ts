import { Fn, type TerraformStack } from 'cdktf';
import type { ForceConfig, PlatformConfig } from '../config/schema';
import { BoxConnector } from '../constructs/box-connector';
import { EvidenceStore } from '../constructs/evidence-store';
import { regionCode, uniqueName } from '../constructs/naming';
import { Office365Connector } from '../constructs/office365-connector';
import { PRIVATE_DNS_ZONES } from '../constructs/private-dns-zones';
import type { ForceLandingZone } from './force-landing-zone';

/** Construct ids of the services: part of the Terraform addresses, so do not rename them. */
export const SERVICE_IDS = { office365: 'Office365', box: 'Box', evidenceStore: 'EvidenceStore' } as const;

/**
 * Maps `services` (office365, box, evidenceStore) to their constructs. A service that is off
 * adds nothing, and each service's resources live under its own construct id, so turning one off
 * removes exactly its resources.
 */
export function buildForceServices(
  stack: TerraformStack,
  props: { force: ForceConfig; platform: PlatformConfig; landingZone: ForceLandingZone },
): void {
  const { force, landingZone: lz } = props;
  const { office365, box, evidenceStore } = force.services;
  const workspaceId = sentinelWorkspaceId(lz);

  if (office365.enabled) {
    // The stack's default provider is signed in to the force's own tenant (force-stack.ts): the
    // only tenant whose Office 365 and Entra logs Microsoft lets this workspace connect.
    new Office365Connector(stack, SERVICE_IDS.office365, {
      workspaceId,
      tenantId: force.tenantId,
      workloads: office365.workloads,
    });
  }

  if (box.enabled) {
    if (!box.enterpriseId)
      throw new Error(
        `forces/${force.id}.yaml services.box.enterpriseId: is required when services.box.enabled is true`,
      );
    new BoxConnector(stack, SERVICE_IDS.box, {
      workspaceId,
      workspaceName: lz.workspaceName,
      workspaceResourceGroupName: lz.resourceGroups.logging,
      location: lz.location,
      enterpriseId: box.enterpriseId,
      keyVaultId: lz.keyVaultId,
      nameSuffix: `${force.id}-${regionCode(lz.location)}`,
      tags: lz.tags,
    });
  }

  if (evidenceStore.enabled) {
    const blobZoneId = lz.privateDnsZoneIds[PRIVATE_DNS_ZONES.blob];
    if (!blobZoneId)
      throw new Error(
        `force ${force.id}: the landing zone has no ${PRIVATE_DNS_ZONES.blob} private DNS zone for the evidence store`,
      );
    new EvidenceStore(stack, SERVICE_IDS.evidenceStore, {
      accountName: uniqueName('storageAccount', force.subscriptionId, force.id, 'evidence'),
      resourceGroupName: lz.resourceGroups.evidence,
      location: lz.location,
      privateEndpointSubnetId: lz.privateEndpointSubnetId,
      blobPrivateDnsZoneId: blobZoneId,
      retentionDays: evidenceStore.retentionDays,
      coolAfterDays: evidenceStore.coolAfterDays,
      // Zone-redundant accounts have no archive tier; cold is the coldest tier they offer.
      coldAfterDays: evidenceStore.archiveAfterDays,
      tags: lz.tags,
    });
  }
}

/**
 * The workspace id, read out of the Sentinel onboarding id
 * (`<workspace id>/providers/Microsoft.SecurityInsights/onboardingStates/default`), so every
 * connector and rule depends on onboarding: Sentinel refuses them on a workspace not yet onboarded.
 */
export function sentinelWorkspaceId(lz: ForceLandingZone): string {
  return Fn.element(Fn.split('/providers/Microsoft.SecurityInsights/', lz.sentinelOnboardingId), 0);
}
