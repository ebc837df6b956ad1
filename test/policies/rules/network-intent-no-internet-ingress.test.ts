import { checkEstate } from '../../../policies/engine';
import { networkIntentNoInternetIngress } from '../../../policies/rules/network-intent-no-internet-ingress';
import { handWorkedStacks } from '../../helpers/network';
import { TEST_SETTINGS } from '../harness';

describe('BL-NET-103 network-intent-no-internet-ingress', () => {
  it('is critical and never waivable, and finds no way in where there is no DNAT rule', () => {
    expect(networkIntentNoInternetIngress.meta).toMatchObject({
      id: 'BL-NET-103',
      severity: 'critical',
      waivable: false,
    });
    const settings = { ...TEST_SETTINGS, nationalStack: 'hub' };
    expect(checkEstate(handWorkedStacks(), [networkIntentNoInternetIngress], settings)).toEqual([]);
  });
});
