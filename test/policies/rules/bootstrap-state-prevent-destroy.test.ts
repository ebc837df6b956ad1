import { bootstrapStatePreventDestroy } from '../../../policies/rules/bootstrap-state-prevent-destroy';
import { evaluateView, outcomes, planStack } from '../harness';

const bootstrap = { stack: 'bootstrap' };

describe('BL-BST-003 state cannot be destroyed by a plan', () => {
  it('passes an account and a container with prevent_destroy', () => {
    expect(
      outcomes(
        bootstrapStatePreventDestroy,
        {
          azurerm_storage_account: { state: { lifecycle: { prevent_destroy: true } } },
          azurerm_storage_container: { tfstate: { lifecycle: { prevent_destroy: true } } },
        },
        bootstrap,
      ),
    ).toEqual({ 'azurerm_storage_account.state': 'pass', 'azurerm_storage_container.tfstate': 'pass' });
  });

  it('fails either without it', () => {
    expect(
      outcomes(
        bootstrapStatePreventDestroy,
        {
          azurerm_storage_account: { state: { lifecycle: { ignore_changes: ['tags'] } } },
          azurerm_storage_container: { tfstate: {} },
        },
        bootstrap,
      ),
    ).toEqual({ 'azurerm_storage_account.state': 'fail', 'azurerm_storage_container.tfstate': 'fail' });
  });

  it('is unknown on a plan alone, which does not record lifecycle settings', () => {
    const plan = planStack(
      [{ address: 'azurerm_storage_container.tfstate', type: 'azurerm_storage_container', actions: ['no-op'] }],
      'bootstrap',
    );
    expect(evaluateView(bootstrapStatePreventDestroy, plan)['azurerm_storage_container.tfstate'].outcome).toBe(
      'unknown',
    );
  });
});
