import { identityNoStandingOwner } from '../../../policies/rules/identity-no-standing-owner';
import { outcomes, ref } from '../harness';

describe('BL-IAM-002 no standing Owner for people', () => {
  it('passes Reader for a group and Owner for a service principal', () => {
    const result = outcomes(identityNoStandingOwner, {
      azurerm_role_assignment: {
        readers: { role_definition_name: 'Reader', principal_type: 'Group' },
        automation: { role_definition_name: 'Owner', principal_type: 'ServicePrincipal' },
      },
    });
    expect(result).toEqual({ 'azurerm_role_assignment.readers': 'pass', 'azurerm_role_assignment.automation': 'pass' });
  });
  it('fails standing Owner for a group and User Access Administrator (by id) for an unstated principal', () => {
    const result = outcomes(identityNoStandingOwner, {
      azurerm_role_assignment: {
        owner: { role_definition_name: 'Owner', principal_type: 'Group' },
        uaa: {
          role_definition_id:
            '/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
        },
      },
    });
    expect(result).toEqual({ 'azurerm_role_assignment.owner': 'fail', 'azurerm_role_assignment.uaa': 'fail' });
  });
  it('is unknown when the role is a reference', () => {
    expect(
      outcomes(identityNoStandingOwner, {
        azurerm_role_assignment: { r: { role_definition_id: ref('data.azurerm_role_definition.x.id') } },
      }),
    ).toEqual({ 'azurerm_role_assignment.r': 'unknown' });
  });
});

describe('BL-IAM-002 role names as Azure compares them', () => {
  it('fails "owner" and "user access  administrator" for a user: Azure matches role names case-insensitively', () => {
    const result = outcomes(identityNoStandingOwner, {
      azurerm_role_assignment: {
        a: { role_definition_name: 'owner', principal_type: 'User' },
        b: { role_definition_name: ' user access  administrator', principal_type: 'User' },
      },
    });
    expect(result).toEqual({ 'azurerm_role_assignment.a': 'fail', 'azurerm_role_assignment.b': 'fail' });
  });
});
