import { identityNoWildcardCustomRole } from '../../../policies/rules/identity-no-wildcard-custom-role';
import { outcomes } from '../harness';

describe('BL-IAM-001 no wildcard custom roles', () => {
  it('passes a role listing specific actions', () => {
    expect(outcomes(identityNoWildcardCustomRole, { azurerm_role_definition: { r: { permissions: [{ actions: ['Microsoft.Storage/storageAccounts/read'] }] } } })).toEqual({ 'azurerm_role_definition.r': 'pass' });
  });
  it('fails * and Microsoft.Authorization/*', () => {
    const result = outcomes(identityNoWildcardCustomRole, {
      azurerm_role_definition: { star: { permissions: { actions: ['*'] } }, auth: { permissions: [{ actions: ['Microsoft.Authorization/*'] }] } },
    });
    expect(result).toEqual({ 'azurerm_role_definition.star': 'fail', 'azurerm_role_definition.auth': 'fail' });
  });
});
