import { defenderMinimumPlans } from '../../../policies/rules/defender-minimum-plans';
import { outcomes } from '../harness';

const settings = { minimumDefenderPlans: ['KeyVaults', 'StorageAccounts'] };

describe('BL-DEF-001 Defender minimum plans', () => {
  it('passes when every minimum plan is Standard', () => {
    const result = outcomes(
      defenderMinimumPlans,
      {
        azurerm_security_center_subscription_pricing: {
          kv: { tier: 'Standard', resource_type: 'KeyVaults' },
          st: { tier: 'Standard', resource_type: 'StorageAccounts' },
        },
      },
      { settings },
    );
    expect(result).toEqual({
      'azurerm_security_center_subscription_pricing.kv': 'pass',
      'azurerm_security_center_subscription_pricing.st': 'pass',
    });
  });
  it('fails a missing plan and a minimum plan set to Free', () => {
    const result = outcomes(
      defenderMinimumPlans,
      { azurerm_security_center_subscription_pricing: { kv: { tier: 'Free', resource_type: 'KeyVaults' } } },
      { settings },
    );
    expect(result).toEqual({ 'azurerm_security_center_subscription_pricing.kv': 'fail', '(stack)': 'fail' });
  });
  it('holds the national hub subscription to the same minimum', () => {
    expect(outcomes(defenderMinimumPlans, {}, { settings, stack: 'national' })).toEqual({ '(stack)': 'fail' });
    const result = outcomes(
      defenderMinimumPlans,
      {
        azurerm_security_center_subscription_pricing: {
          kv: { tier: 'Standard', resource_type: 'KeyVaults' },
          st: { tier: 'Free', resource_type: 'StorageAccounts' },
        },
      },
      { settings, stack: 'national' },
    );
    expect(result).toEqual({
      'azurerm_security_center_subscription_pricing.kv': 'pass',
      'azurerm_security_center_subscription_pricing.st': 'fail',
    });
  });
});
