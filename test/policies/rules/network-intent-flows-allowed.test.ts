import { networkIntentFlowsAllowed } from '../../../policies/rules/network-intent-flows-allowed';
import { ESTATE_RULES } from '../../../policies/network-intents';

// The flows themselves are proved in test/network/intents.test.ts and end to end in test/cli/reach.test.ts.
describe('BL-NET-101 network-intent-flows-allowed', () => {
  it('turns failed flow proofs into findings, and is the only rule that does', () => {
    expect(networkIntentFlowsAllowed.meta).toMatchObject({ id: 'BL-NET-101', severity: 'high', waivable: true });
    expect(ESTATE_RULES.filter((r) => r.intent === 'flow')).toEqual([networkIntentFlowsAllowed]);
  });
});
