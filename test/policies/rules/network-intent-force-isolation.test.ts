import { proveIntents } from '../../../policies/network-intents';
import { networkIntentForceIsolation } from '../../../policies/rules/network-intent-force-isolation';
import { handWorkedNetwork } from '../../helpers/network';

describe('BL-NET-102 network-intent-force-isolation', () => {
  it('is critical, never waivable, and reports the one pair the hand-worked estate leaves open (a sites -> b)', () => {
    expect(networkIntentForceIsolation.meta).toMatchObject({ id: 'BL-NET-102', severity: 'critical', waivable: false });
    const failures = proveIntents(handWorkedNetwork(), undefined, 'hub').results.filter(
      (r) => r.kind === networkIntentForceIsolation.intent,
    );
    expect(failures.map((f) => [f.forceId, f.subject, f.decidedBy?.rule])).toEqual([['a', 'a->b', 'AllowHqHttps']]);
  });
});
