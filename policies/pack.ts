/**
 * The Blue Lamp policing baseline: every rule, in catalogue order (by id). The rule files hold
 * each rule's metadata (severity, rationale, NCSC principles, the checks it mirrors).
 */
import type { Rule } from './rule';
import type { RuleMeta } from './types';
import { adoptionAddressSpace } from './rules/adoption-address-space';
import { adoptionNoReplacement } from './rules/adoption-no-replacement';
import { applyDeployerPermissions } from './rules/apply-deployer-permissions';
import { applyExpressRouteAuthorization } from './rules/apply-expressroute-authorization';
import { applyLimitDnsZoneLinks } from './rules/apply-limit-dns-zone-links';
import { applyLimitNsgRules } from './rules/apply-limit-nsg-rules';
import { applyLimitPeerings } from './rules/apply-limit-peerings';
import { applyLimitRoleAssignments } from './rules/apply-limit-role-assignments';
import { applyLimitRouteTableRoutes } from './rules/apply-limit-route-table-routes';
import { applyLimitTags } from './rules/apply-limit-tags';
import { applyLimitVpnGatewayTunnels } from './rules/apply-limit-vpn-gateway-tunnels';
import { applyOrderConnectorsAfterOnboarding } from './rules/apply-order-connectors-after-onboarding';
import { applyOrderDataPlaneAfterEndpoint } from './rules/apply-order-data-plane-after-endpoint';
import { applyOrderRulesAfterTables } from './rules/apply-order-rules-after-tables';
import { bootstrapGrantsLeastPrivilege } from './rules/bootstrap-grants-least-privilege';
import { bootstrapStatePreventDestroy } from './rules/bootstrap-state-prevent-destroy';
import { bootstrapStatePrivate } from './rules/bootstrap-state-private';
import { bootstrapStateRecoverable } from './rules/bootstrap-state-recoverable';
import { defenderMinimumPlans } from './rules/defender-minimum-plans';
import { defenderNoFreeTier } from './rules/defender-no-free-tier';
import { defenderSecurityContact } from './rules/defender-security-contact';
import { evidenceImmutable } from './rules/evidence-immutable';
import { evidencePreventDestroy } from './rules/evidence-prevent-destroy';
import { evidenceVersioning } from './rules/evidence-versioning';
import { identityManagedIdentities } from './rules/identity-managed-identities';
import { identityNoStandingOwner } from './rules/identity-no-standing-owner';
import { identityNoWildcardCustomRole } from './rules/identity-no-wildcard-custom-role';
import { keyVaultNoPublicNetwork } from './rules/key-vault-no-public-network';
import { keyVaultPrivateEndpoint } from './rules/key-vault-private-endpoint';
import { keyVaultPurgeProtection } from './rules/key-vault-purge-protection';
import { keyVaultRbac } from './rules/key-vault-rbac';
import { lighthouseDelegation } from './rules/lighthouse-delegation';
import { lighthouseNeverOwner } from './rules/lighthouse-never-owner';
import { loggingActivityLog } from './rules/logging-activity-log';
import { loggingDiagnosticSettingComplete } from './rules/logging-diagnostic-setting-complete';
import { loggingDiagnosticsCoverage } from './rules/logging-diagnostics-coverage';
import { loggingSentinelOnboarded } from './rules/logging-sentinel-onboarded';
import { loggingWorkspaceRetention } from './rules/logging-workspace-retention';
import { networkDefaultRouteViaFirewall } from './rules/network-default-route-via-firewall';
import { networkFlowLogRetention } from './rules/network-flow-log-retention';
import { networkFlowLogsEveryVnet } from './rules/network-flow-logs-every-vnet';
import { networkIntentEgressViaFirewall } from './rules/network-intent-egress-via-firewall';
import { networkIntentFlowsAllowed } from './rules/network-intent-flows-allowed';
import { networkIntentForceIsolation } from './rules/network-intent-force-isolation';
import { networkIntentNoInternetIngress } from './rules/network-intent-no-internet-ingress';
import { networkNoForcePeering } from './rules/network-no-force-peering';
import { networkNoInternetDnat } from './rules/network-no-internet-dnat';
import { networkNoInternetDnatManagement } from './rules/network-no-internet-dnat-management';
import { networkNoInternetIngress } from './rules/network-no-internet-ingress';
import { networkNoInternetRdp } from './rules/network-no-internet-rdp';
import { networkNoInternetSsh } from './rules/network-no-internet-ssh';
import { networkNoPublicIp } from './rules/network-no-public-ip';
import { networkNsgOnEverySubnet } from './rules/network-nsg-on-every-subnet';
import { planProtectedDeletes } from './rules/plan-protected-deletes';
import { policyAssignmentBuiltins } from './rules/policy-assignment-builtins';
import { policyLocationGuardrails } from './rules/policy-location-guardrails';
import { residencyResourceGroupLocation } from './rules/residency-resource-group-location';
import { residencyResourceLocation } from './rules/residency-resource-location';
import { secretsAccountKeys } from './rules/secrets-account-keys';
import { secretsCredentials } from './rules/secrets-credentials';
import { secretsHighEntropy } from './rules/secrets-high-entropy';
import { secretsPrivateKeys } from './rules/secrets-private-keys';
import { sharingReadOnly } from './rules/sharing-read-only';
import { sharingReadsLogged } from './rules/sharing-reads-logged';
import { sharingTimeBound } from './rules/sharing-time-bound';
import { sharingWithinApproval } from './rules/sharing-within-approval';
import { storageContainerPrivate } from './rules/storage-container-private';
import { storageHttpsOnly } from './rules/storage-https-only';
import { storageInfrastructureEncryption } from './rules/storage-infrastructure-encryption';
import { storageMinimumTls } from './rules/storage-minimum-tls';
import { storageNoAnonymousBlob } from './rules/storage-no-anonymous-blob';
import { storageNoPublicNetwork } from './rules/storage-no-public-network';
import { storageNoSharedKey } from './rules/storage-no-shared-key';
import { storagePrivateEndpoint } from './rules/storage-private-endpoint';
import { storageSoftDelete } from './rules/storage-soft-delete';
import { tagsClassification } from './rules/tags-classification';
import { tagsMandatory } from './rules/tags-mandatory';
import { terraformReferencesDeclared } from './rules/terraform-references-declared';

export const RULES: readonly Rule[] = [
  adoptionNoReplacement,
  adoptionAddressSpace,
  applyLimitVpnGatewayTunnels,
  applyLimitPeerings,
  applyLimitDnsZoneLinks,
  applyLimitRouteTableRoutes,
  applyLimitNsgRules,
  applyLimitTags,
  applyLimitRoleAssignments,
  applyOrderDataPlaneAfterEndpoint,
  applyOrderRulesAfterTables,
  applyOrderConnectorsAfterOnboarding,
  applyExpressRouteAuthorization,
  applyDeployerPermissions,
  bootstrapStatePrivate,
  bootstrapStateRecoverable,
  bootstrapStatePreventDestroy,
  bootstrapGrantsLeastPrivilege,
  defenderMinimumPlans,
  defenderNoFreeTier,
  defenderSecurityContact,
  evidenceImmutable,
  evidencePreventDestroy,
  evidenceVersioning,
  identityNoWildcardCustomRole,
  identityNoStandingOwner,
  identityManagedIdentities,
  keyVaultPurgeProtection,
  keyVaultRbac,
  keyVaultNoPublicNetwork,
  keyVaultPrivateEndpoint,
  loggingActivityLog,
  loggingDiagnosticsCoverage,
  loggingDiagnosticSettingComplete,
  loggingWorkspaceRetention,
  loggingSentinelOnboarded,
  lighthouseDelegation,
  lighthouseNeverOwner,
  networkNoInternetSsh,
  networkNoInternetRdp,
  networkNoInternetIngress,
  networkNsgOnEverySubnet,
  networkNoPublicIp,
  networkDefaultRouteViaFirewall,
  networkFlowLogRetention,
  networkFlowLogsEveryVnet,
  networkNoForcePeering,
  networkNoInternetDnatManagement,
  networkNoInternetDnat,
  planProtectedDeletes,
  policyAssignmentBuiltins,
  policyLocationGuardrails,
  residencyResourceLocation,
  residencyResourceGroupLocation,
  secretsPrivateKeys,
  secretsAccountKeys,
  secretsCredentials,
  secretsHighEntropy,
  sharingReadOnly,
  sharingTimeBound,
  sharingWithinApproval,
  sharingReadsLogged,
  storageHttpsOnly,
  storageMinimumTls,
  storageNoPublicNetwork,
  storageNoAnonymousBlob,
  storageNoSharedKey,
  storagePrivateEndpoint,
  storageSoftDelete,
  storageInfrastructureEncryption,
  storageContainerPrivate,
  tagsMandatory,
  tagsClassification,
  terraformReferencesDeclared,
  // The network intents: proved once over every stack together (policies/network-intents.ts).
  networkIntentFlowsAllowed,
  networkIntentForceIsolation,
  networkIntentNoInternetIngress,
  networkIntentEgressViaFirewall,
];

export const RULE_METAS: readonly RuleMeta[] = RULES.map((r) => r.meta);

const BY_ID = new Map(RULES.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
