import { isUnknown } from '../terraform-json';
import { expectBoolean, fail, valueAt, type ResourceRule } from '../rule';

/** The vault is reachable only privately. */
export const keyVaultNoPublicNetwork: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_key_vault'],
  meta: {
    id: 'BL-KV-003',
    title: 'Key Vaults disable public network access',
    severity: 'high',
    rationale:
      'A vault endpoint open to the internet lets a stolen token read secrets from anywhere; private access confines it to the force network.',
    ncsc: ['11', '2.3'],
    mirrors: {
      checkov: ['CKV_AZURE_189', 'CKV_AZURE_109'],
      trivy: ['AVD-AZU-0013'],
      azurePolicy: ['405c5871-3e91-4644-8a63-58e19d68ff5b', '55615ac9-af46-4a59-874e-391cc3dfb490'],
    },
    waivable: true,
  },
  check(r) {
    const result = expectBoolean(r, 'public_network_access_enabled', false, true);
    if (result.outcome !== 'pass') return result;
    const action = valueAt(r.values, 'network_acls.default_action');
    if (action !== undefined && !isUnknown(action) && action !== 'Deny')
      return fail(`network_acls.default_action is ${JSON.stringify(action)}; must be Deny`);
    return result;
  },
};
