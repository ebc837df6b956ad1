import { identityNoWildcardCustomRole } from '../../../policies/rules/identity-no-wildcard-custom-role';
import { outcomes, ref } from '../harness';

describe('BL-IAM-001 no wildcard custom roles', () => {
  it('passes a role listing specific actions', () => {
    expect(
      outcomes(identityNoWildcardCustomRole, {
        azurerm_role_definition: { r: { permissions: [{ actions: ['Microsoft.Storage/storageAccounts/read'] }] } },
      }),
    ).toEqual({ 'azurerm_role_definition.r': 'pass' });
  });
  it('fails * and Microsoft.Authorization/*', () => {
    const result = outcomes(identityNoWildcardCustomRole, {
      azurerm_role_definition: {
        star: { permissions: { actions: ['*'] } },
        auth: { permissions: [{ actions: ['Microsoft.Authorization/*'] }] },
      },
    });
    expect(result).toEqual({ 'azurerm_role_definition.star': 'fail', 'azurerm_role_definition.auth': 'fail' });
  });
});

describe('BL-IAM-001 owner-equivalent roles written other ways', () => {
  it.each([
    ['microsoft.authorization/*'],
    ['Microsoft.Authorization/roleAssignments/write'],
    ['Microsoft.Authorization/*/write'],
    ['*/write'],
  ])('fails %s in actions', (action) => {
    expect(
      outcomes(identityNoWildcardCustomRole, {
        azurerm_role_definition: { r: { permissions: [{ actions: [action] }] } },
      }),
    ).toEqual({ 'azurerm_role_definition.r': 'fail' });
  });
  it('fails * in data_actions (read and write every blob, secret and key)', () => {
    expect(
      outcomes(identityNoWildcardCustomRole, {
        azurerm_role_definition: { r: { permissions: [{ actions: [], data_actions: ['*'] }] } },
      }),
    ).toEqual({ 'azurerm_role_definition.r': 'fail' });
  });
  it('passes a scoped wildcard such as Microsoft.Storage/storageAccounts/read plus Microsoft.Authorization/*/read', () => {
    expect(
      outcomes(identityNoWildcardCustomRole, {
        azurerm_role_definition: {
          r: { permissions: [{ actions: ['Microsoft.Authorization/*/read', 'Microsoft.Insights/alertRules/*'] }] },
        },
      }),
    ).toEqual({ 'azurerm_role_definition.r': 'pass' });
  });
  it('is unknown when the permissions block is an expression', () => {
    expect(
      outcomes(identityNoWildcardCustomRole, {
        azurerm_role_definition: { r: { permissions: ref('var.permissions') } },
      }),
    ).toEqual({ 'azurerm_role_definition.r': 'unknown' });
  });
});
