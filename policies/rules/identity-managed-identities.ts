import { ALL_STACK_KINDS, fail, pass, valueAt, type ResourceRule } from '../rule';

const SECRET_CREDENTIAL_TYPES = ['azuread_application_password', 'azuread_service_principal_password'];
/** Services that call other Azure services and can use a managed identity to do it. */
const NEEDS_IDENTITY = [
  'azurerm_automation_account',
  'azurerm_logic_app_workflow',
  'azurerm_data_factory',
  'azurerm_container_group',
  'azurerm_recovery_services_vault',
  'azurerm_search_service',
  'azurerm_linux_function_app',
  'azurerm_windows_function_app',
  'azurerm_linux_web_app',
  'azurerm_windows_web_app',
];

/** Services authenticate with managed identities, not client secrets that can leak and expire. */
export const identityManagedIdentities: ResourceRule = {
  scope: 'resource',
  stackKinds: ALL_STACK_KINDS,
  types: [...SECRET_CREDENTIAL_TYPES, ...NEEDS_IDENTITY],
  meta: {
    id: 'BL-IAM-003',
    title: 'Services use managed identities, not client secrets',
    severity: 'medium',
    rationale:
      'Client secrets are copied, leaked and forgotten; a managed identity has no secret to steal and its use is logged against the resource.',
    ncsc: ['10'],
    mirrors: { checkov: ['CKV2_AZURE_36', 'CKV2_AZURE_35', 'CKV2_AZURE_28', 'CKV_AZURE_207'] },
    waivable: true,
  },
  check(r) {
    if (SECRET_CREDENTIAL_TYPES.includes(r.type))
      return fail(`${r.type} creates a client secret; use a managed identity or federated credential`);
    return valueAt(r.values, 'identity')
      ? pass()
      : fail('no identity block: the service will need a secret to reach other services');
  },
};
