import { isUnknown } from '../terraform-json';
import { expectBoolean, fail, valueAt, type ResourceRule } from '../rule';

/** Storage is reached through private endpoints only. */
export const storageNoPublicNetwork: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_storage_account'],
  meta: {
    id: 'BL-STG-003',
    title: 'Storage accounts disable public network access',
    severity: 'high',
    rationale:
      'A storage endpoint open to the internet is one leaked credential away from a data breach; police data is reached through private endpoints.',
    ncsc: ['5.3', '11'],
    mirrors: {
      checkov: ['CKV_AZURE_59', 'CKV_AZURE_35'],
      trivy: ['AVD-AZU-0012'],
      cis: ['3.8'],
      azurePolicy: ['b2982f36-99f2-4db5-8eff-283140c09693', '34c877ad-507e-4c82-993e-3452a6e0ad3c'],
    },
    waivable: true,
  },
  check(r) {
    const result = expectBoolean(r, 'public_network_access_enabled', false, true);
    if (result.outcome !== 'pass') return result;
    const action = valueAt(r.values, 'network_rules.default_action');
    if (action !== undefined && !isUnknown(action) && action !== 'Deny')
      return fail(`network_rules.default_action is ${JSON.stringify(action)}; must be Deny`);
    return result;
  },
};
