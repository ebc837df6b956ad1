import { proveIntents } from '../../../policies/network-intents';
import { networkIntentNoInternetIngress } from '../../../policies/rules/network-intent-no-internet-ingress';
import { handWorkedNetwork } from '../../helpers/network';

describe('BL-NET-103 network-intent-no-internet-ingress', () => {
  it('is critical and never waivable, and finds no way in where there is no DNAT rule', () => {
    expect(networkIntentNoInternetIngress.meta).toMatchObject({
      id: 'BL-NET-103',
      severity: 'critical',
      waivable: false,
    });
    const failures = proveIntents(handWorkedNetwork(), undefined, 'hub').results.filter(
      (r) => r.kind === networkIntentNoInternetIngress.intent,
    );
    expect(failures).toEqual([]);
  });
});
