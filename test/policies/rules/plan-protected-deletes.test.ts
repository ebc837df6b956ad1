import { planProtectedDeletes } from '../../../policies/rules/plan-protected-deletes';
import { evaluateView, outcomes, planStack } from '../harness';

describe('BL-PLN-001 protected deletes in a plan', () => {
  it('does not apply to synthesised configuration', () => {
    expect(outcomes(planProtectedDeletes, { azurerm_key_vault: { kv: {} } })).toEqual({});
  });
  it('passes an update of a protected resource and the delete of an unprotected one', () => {
    const view = planStack([
      { address: 'azurerm_key_vault.kv', type: 'azurerm_key_vault', actions: ['update'], before: {}, after: {} },
      {
        address: 'azurerm_consumption_budget_subscription.b',
        type: 'azurerm_consumption_budget_subscription',
        actions: ['delete'],
        before: {},
      },
    ]);
    const result = evaluateView(planProtectedDeletes, view);
    expect([
      result['azurerm_key_vault.kv'].outcome,
      result['azurerm_consumption_budget_subscription.b'].outcome,
    ]).toEqual(['pass', 'not-applicable']);
  });
  it('fails deleting the workspace and replacing an NSG', () => {
    const view = planStack([
      {
        address: 'azurerm_log_analytics_workspace.w',
        type: 'azurerm_log_analytics_workspace',
        actions: ['delete'],
        before: { name: 'law' },
      },
      {
        address: 'azurerm_network_security_group.n',
        type: 'azurerm_network_security_group',
        actions: ['delete', 'create'],
        before: {},
        after: {},
      },
    ]);
    const result = evaluateView(planProtectedDeletes, view);
    expect(result['azurerm_log_analytics_workspace.w']).toEqual({
      outcome: 'fail',
      message: 'the plan deletes the Log Analytics workspace (delete)',
    });
    expect(result['azurerm_network_security_group.n'].message).toMatch(/replaces a network security group/);
  });
  it('fails removing a control without deleting its resource: an NSG association, the firewall route, a lock', () => {
    const view = planStack(
      [
        'azurerm_subnet_network_security_group_association',
        'azurerm_route',
        'azurerm_subnet_route_table_association',
        'azurerm_management_lock',
      ].map((type) => ({ address: `${type}.x`, type, actions: ['delete'], before: {} })),
    );
    const result = evaluateView(planProtectedDeletes, view);
    expect(Object.values(result).map((r) => r.outcome)).toEqual(['fail', 'fail', 'fail', 'fail']);
  });
  it('fails forgetting a protected resource (a removed block): it would be left unmanaged', () => {
    const view = planStack([
      { address: 'azurerm_key_vault.kv', type: 'azurerm_key_vault', actions: ['forget'], before: { name: 'kv' } },
    ]);
    expect(evaluateView(planProtectedDeletes, view)['azurerm_key_vault.kv']).toEqual({
      outcome: 'fail',
      message: expect.stringContaining('stops managing a Key Vault'),
    });
  });
  it("fails replacing the Terraform state account's private endpoint (the runners' path to state), not another endpoint", () => {
    const endpoint = (name: string) => ({
      address: `azurerm_private_endpoint.${name}`,
      type: 'azurerm_private_endpoint',
      actions: ['delete', 'create'],
      before: {},
      after: {},
    });
    const view = planStack([endpoint('StateAccountEndpoint_10086D05'), endpoint('Other_BlobPrivateEndpoint_E3D276B4')]);
    const result = evaluateView(planProtectedDeletes, view);
    expect(result['azurerm_private_endpoint.StateAccountEndpoint_10086D05']).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('state account'),
    });
    expect(result['azurerm_private_endpoint.Other_BlobPrivateEndpoint_E3D276B4'].outcome).toBe('not-applicable');
  });
});
