import { bootstrapGrantsLeastPrivilege } from '../../../policies/rules/bootstrap-grants-least-privilege';
import { outcomes } from '../harness';

const bootstrap = { stack: 'bootstrap' };
const SUB = '/subscriptions/00000000-0000-4000-8000-0000000c0002';
const OWNER = `${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`;
const CONTRIBUTOR = `${SUB}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c`;
const UAA = '/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';

describe('BL-BST-004 bootstrap grants no Owner, nothing above a subscription but aadiam', () => {
  it('passes grants at a subscription, inside one, and User Access Administrator at aadiam', () => {
    expect(
      outcomes(
        bootstrapGrantsLeastPrivilege,
        {
          azurerm_role_assignment: {
            sub: { scope: SUB, role_definition_id: CONTRIBUTOR },
            vnet: {
              scope: `${SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v`,
              role_definition_name: 'Network Contributor',
            },
            aadiam: { scope: '/providers/Microsoft.aadiam', role_definition_id: UAA },
          },
        },
        bootstrap,
      ),
    ).toEqual({
      'azurerm_role_assignment.sub': 'pass',
      'azurerm_role_assignment.vnet': 'pass',
      'azurerm_role_assignment.aadiam': 'pass',
    });
  });

  it('fails Owner by id or by name, even for a service principal at a subscription', () => {
    expect(
      outcomes(
        bootstrapGrantsLeastPrivilege,
        {
          azurerm_role_assignment: {
            byId: { scope: SUB, role_definition_id: OWNER, principal_type: 'ServicePrincipal' },
            byName: { scope: SUB, role_definition_name: 'Owner' },
          },
        },
        bootstrap,
      ),
    ).toEqual({ 'azurerm_role_assignment.byId': 'fail', 'azurerm_role_assignment.byName': 'fail' });
  });

  it('fails a grant at the tenant root or a management group', () => {
    expect(
      outcomes(
        bootstrapGrantsLeastPrivilege,
        {
          azurerm_role_assignment: {
            root: { scope: '/', role_definition_id: CONTRIBUTOR },
            mg: { scope: '/providers/Microsoft.Management/managementGroups/police', role_definition_id: CONTRIBUTOR },
          },
        },
        bootstrap,
      ),
    ).toEqual({ 'azurerm_role_assignment.root': 'fail', 'azurerm_role_assignment.mg': 'fail' });
  });

  it('judges only the bootstrap stack (BL-IAM-002 judges the landing zones)', () => {
    expect(
      outcomes(bootstrapGrantsLeastPrivilege, {
        azurerm_role_assignment: { a: { scope: '/', role_definition_name: 'Owner' } },
      }),
    ).toEqual({});
  });
});
