import { defenderNoFreeTier } from '../../../policies/rules/defender-no-free-tier';
import { outcomes } from '../harness';

describe('BL-DEF-002 no Free Defender tier', () => {
  it('passes Standard', () => {
    expect(
      outcomes(defenderNoFreeTier, {
        azurerm_security_center_subscription_pricing: { p: { tier: 'Standard', resource_type: 'Api' } },
      }),
    ).toEqual({ 'azurerm_security_center_subscription_pricing.p': 'pass' });
  });
  it('fails Free', () => {
    expect(
      outcomes(defenderNoFreeTier, {
        azurerm_security_center_subscription_pricing: { p: { tier: 'Free', resource_type: 'Api' } },
      }),
    ).toEqual({ 'azurerm_security_center_subscription_pricing.p': 'fail' });
  });
});
