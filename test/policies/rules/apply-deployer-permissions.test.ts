import { applyDeployerPermissions } from '../../../policies/rules/apply-deployer-permissions';
import { evaluate } from '../harness';

describe('BL-APL-020 deployer permissions known for every type', () => {
  it('passes a stack of types the permission table knows', () => {
    expect(
      evaluate(applyDeployerPermissions, { azurerm_virtual_network: { v: {} }, azurerm_role_assignment: { a: {} } })[
        '(stack)'
      ].outcome,
    ).toBe('pass');
  });
  it('fails a type the table lacks, naming it and where to add it', () => {
    const result = evaluate(applyDeployerPermissions, { azurerm_kubernetes_cluster: { k: {} } })['(stack)'];
    expect(result.outcome).toBe('fail');
    expect(result.message).toBe(
      'no deployer permission known for azurerm_kubernetes_cluster: add it to permissions/role-table.ts',
    );
  });
});
