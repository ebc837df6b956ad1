import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { Fn, Token, type TerraformStack } from 'cdktf';
import type { ForceConfig, PlatformConfig } from '../config/schema';
import { BoxConnector } from '../constructs/box-connector';
import { EvidenceSharing } from '../constructs/evidence-sharing';
import { EvidenceStore } from '../constructs/evidence-store';
import { regionCode, uniqueName } from '../constructs/naming';
import { Office365Connector } from '../constructs/office365-connector';
import { PRIVATE_DNS_ZONES } from '../constructs/private-dns-zones';
import type { ForceLandingZone } from './force-landing-zone';

/** Construct ids of the services: part of the Terraform addresses, so do not rename them. */
export const SERVICE_IDS = { office365: 'Office365', box: 'Box', evidenceStore: 'EvidenceStore' } as const;

/** Construct id of the evidence-sharing agreements (beside the evidence store they share from). */
export const EVIDENCE_SHARING_ID = 'EvidenceSharing';

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
      subscriptionId: force.subscriptionId,
      keyVaultId: lz.keyVaultId,
      nameSuffix: `${force.id}-${regionCode(lz.location)}`,
      pollerEnabled: box.pollerEnabled,
      credentialRevision: box.credentialRevision,
      secretsDependOn: lz.keyVaultDataPlaneReady,
      // Whoever applies (the pipeline identity) writes the secret entries over the data plane.
      secretsWriterPrincipalId: new DataAzurermClientConfig(stack, 'PipelineIdentity').objectId,
      tags: lz.tags,
    });
  }

  if (evidenceStore.enabled) {
    const blobZoneId = lz.privateDnsZoneIds[PRIVATE_DNS_ZONES.blob];
    if (!blobZoneId)
      throw new Error(
        `force ${force.id}: the landing zone has no ${PRIVATE_DNS_ZONES.blob} private DNS zone for the evidence store`,
      );
    const store = new EvidenceStore(stack, SERVICE_IDS.evidenceStore, {
      accountName: uniqueName('storageAccount', force.subscriptionId, force.id, 'evidence'),
      resourceGroupName: lz.resourceGroups.evidence,
      location: lz.location,
      privateEndpointSubnetId: lz.privateEndpointSubnetId,
      blobPrivateDnsZoneId: blobZoneId,
      retentionDays: evidenceStore.retentionDays,
      coolAfterDays: evidenceStore.coolAfterDays,
      // Zone-redundant accounts have no archive tier; cold is the coldest tier they offer.
      coldAfterDays: evidenceStore.archiveAfterDays,
      containerNames: evidenceStore.containers,
      tags: lz.tags,
    });
    if (evidenceStore.sharing.length > 0) {
      new EvidenceSharing(stack, EVIDENCE_SHARING_ID, {
        agreements: evidenceStore.sharing.map((a) => ({
          id: a.id,
          partner: a.partner,
          partnerTenantId: a.partnerTenantId,
          guestGroupId: a.guestGroupId,
          shares: a.shares.map((s) => ({
            containerName: s.container,
            containerResourceManagerId: store.containerIds[s.container],
            prefix: s.prefix,
          })),
          expires: a.expires,
          approvedBy: a.approvedBy,
          approvedOn: a.approvedOn,
          reference: a.reference,
        })),
        roleDefinitionScope: `/subscriptions/${force.subscriptionId}`,
        storageAccountName: store.storageAccountName,
        workspaceId,
      });
    }
  }
}

/**
 * The workspace id, read out of the Sentinel onboarding id
 * (`<workspace id>/providers/Microsoft.SecurityInsights/onboardingStates/default`), so every
 * connector and rule depends on onboarding: Sentinel refuses them on a workspace not yet onboarded.
 */
export function sentinelWorkspaceId(lz: ForceLandingZone): string {
  return Token.asString(Fn.element(Fn.split('/providers/Microsoft.SecurityInsights/', lz.sentinelOnboardingId), 0));
}
