import { bootstrapStatePrivate } from '../../../policies/rules/bootstrap-state-private';
import { outcomes, planStack, evaluateView } from '../harness';

const bootstrap = { stack: 'bootstrap' };
const closed = { default_action: 'Deny', bypass: ['AzureServices'] };
const firstApplyVariable = (fallback: unknown) => ({
  variable: { state_account_public_access: { type: 'bool', default: fallback } },
});

describe('BL-BST-001 the state account is private', () => {
  it('passes an account with public access off', () => {
    expect(
      outcomes(
        bootstrapStatePrivate,
        { azurerm_storage_account: { state: { public_network_access_enabled: false, network_rules: closed } } },
        bootstrap,
      ),
    ).toEqual({ 'azurerm_storage_account.state': 'pass' });
  });

  it('passes public access read from the first-apply variable only when that variable defaults to false', () => {
    const account = {
      azurerm_storage_account: {
        state: { public_network_access_enabled: '${var.state_account_public_access}', network_rules: closed },
      },
    };
    expect(outcomes(bootstrapStatePrivate, account, { ...bootstrap, otherBlocks: firstApplyVariable(false) })).toEqual({
      'azurerm_storage_account.state': 'pass',
    });
    expect(outcomes(bootstrapStatePrivate, account, { ...bootstrap, otherBlocks: firstApplyVariable(true) })).toEqual({
      'azurerm_storage_account.state': 'fail',
    });
    expect(outcomes(bootstrapStatePrivate, account, bootstrap)).toEqual({ 'azurerm_storage_account.state': 'fail' });
  });

  it('fails public access on, left to the provider default (true), or a network rule that allows', () => {
    expect(
      outcomes(
        bootstrapStatePrivate,
        {
          azurerm_storage_account: {
            open: { public_network_access_enabled: true, network_rules: closed },
            unset: { network_rules: closed },
            allow: { public_network_access_enabled: false, network_rules: { default_action: 'Allow' } },
          },
        },
        bootstrap,
      ),
    ).toEqual({
      'azurerm_storage_account.open': 'fail',
      'azurerm_storage_account.unset': 'fail',
      'azurerm_storage_account.allow': 'fail',
    });
  });

  it('judges the value a plan resolved: true (the first apply) fails, false passes', () => {
    const plan = (open: boolean) =>
      planStack(
        [
          {
            address: 'azurerm_storage_account.state',
            type: 'azurerm_storage_account',
            actions: ['update'],
            after: { public_network_access_enabled: open, network_rules: [closed] },
          },
        ],
        'bootstrap',
      );
    expect(evaluateView(bootstrapStatePrivate, plan(false))['azurerm_storage_account.state'].outcome).toBe('pass');
    expect(evaluateView(bootstrapStatePrivate, plan(true))['azurerm_storage_account.state'].outcome).toBe('fail');
  });

  it('judges only the bootstrap stack (a force account is BL-STG-003 and BL-STG-006)', () => {
    expect(
      outcomes(bootstrapStatePrivate, { azurerm_storage_account: { a: { public_network_access_enabled: true } } }),
    ).toEqual({});
  });
});
