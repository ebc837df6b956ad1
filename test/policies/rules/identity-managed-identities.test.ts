import { identityManagedIdentities } from '../../../policies/rules/identity-managed-identities';
import { outcomes } from '../harness';

describe('BL-IAM-003 managed identities over secrets', () => {
  it('passes an automation account with a managed identity', () => {
    expect(
      outcomes(identityManagedIdentities, {
        azurerm_automation_account: { a: { identity: { type: 'SystemAssigned' } } },
      }),
    ).toEqual({ 'azurerm_automation_account.a': 'pass' });
  });
  it('fails a logic app without an identity and a client secret resource', () => {
    const result = outcomes(identityManagedIdentities, {
      azurerm_logic_app_workflow: { l: {} },
      azuread_application_password: { p: { application_id: 'x' } },
    });
    expect(result).toEqual({ 'azurerm_logic_app_workflow.l': 'fail', 'azuread_application_password.p': 'fail' });
  });
});
