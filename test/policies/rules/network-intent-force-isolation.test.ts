import { checkEstate } from '../../../policies/engine';
import { networkIntentForceIsolation } from '../../../policies/rules/network-intent-force-isolation';
import { handWorkedStacks } from '../../helpers/network';
import { TEST_SETTINGS } from '../harness';

describe('BL-NET-102 network-intent-force-isolation', () => {
  it('is critical, never waivable, and reports the one pair the hand-worked estate leaves open (a sites -> b)', () => {
    expect(networkIntentForceIsolation.meta).toMatchObject({ id: 'BL-NET-102', severity: 'critical', waivable: false });
    const findings = checkEstate(handWorkedStacks(), [networkIntentForceIsolation], {
      ...TEST_SETTINGS,
      nationalStack: 'hub',
    });
    // a's sites enter at the hub gateway, whose routes send b's range straight over the peering, where
    // b's NSG rule AllowHqHttps admits them (test/network/intents.test.ts works the path out).
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'BL-NET-102', severity: 'critical', outcome: 'fail', stack: 'a' });
    expect(findings[0].address).toMatch(/^azurerm_network_security_group\./);
    expect(findings[0].message).toMatch(
      /^a:sites reaches b \(192\.168\.10\.1 -> 10\.2\.0\.4 tcp\/443\): allowed by AllowHqHttps/,
    );
  });

  it('proves nothing over a plan: a path spans every stack, and a plan is one', () => {
    const findings = checkEstate(
      handWorkedStacks(),
      [networkIntentForceIsolation],
      { ...TEST_SETTINGS, nationalStack: 'hub' },
      { plan: true },
    );
    expect(findings).toEqual([]);
  });
});
