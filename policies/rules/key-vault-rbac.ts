import { isUnknown } from '../terraform-json';
import { fail, pass, show, unknown, type ResourceRule } from '../rule';

/** Access is granted with Azure RBAC (auditable, PIM-able), not vault access policies. */
export const keyVaultRbac: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_key_vault'],
  meta: {
    id: 'BL-KV-002',
    title: 'Key Vaults use the Azure RBAC permission model',
    severity: 'medium',
    rationale:
      'Access policies sit outside Azure RBAC: they are not covered by PIM, access reviews or deny assignments, and any Contributor can grant themselves access.',
    ncsc: ['9.2', '10'],
    mirrors: { cis: ['8.6'], azurePolicy: ['12d4fa5e-1f9f-4c21-97a9-b99b3c6611b5'] },
    waivable: true,
  },
  check(r) {
    // azurerm 4 has both names; the older one is deprecated in favour of rbac_authorization_enabled.
    const value = r.values.rbac_authorization_enabled ?? r.values.enable_rbac_authorization;
    if (isUnknown(value)) return unknown(`rbac_authorization_enabled is ${show(value)}`);
    if (value !== true) return fail(`rbac_authorization_enabled is ${show(value)}; must be true`);
    const policies = r.values.access_policy;
    // One block is an object in cdk.tf.json, a list in a plan; a dynamic block is an Unknown.
    if (
      isUnknown(policies) ||
      (Array.isArray(policies) ? policies.length > 0 : policies !== undefined && policies !== null)
    )
      return fail('access_policy blocks are set alongside RBAC; remove them');
    return pass();
  },
};
