import { checkEstate } from '../../../policies/engine';
import { networkFlowVerdicts } from '../../../policies/network-intents';
import { RULES } from '../../../policies/pack';
import { networkIntentFlowsAllowed } from '../../../policies/rules/network-intent-flows-allowed';
import { handWorkedStacks } from '../../helpers/network';
import { TEST_SETTINGS } from '../harness';

// Failing flows are proved in test/network/intents.test.ts and reported end to end in test/cli/reach.test.ts.
describe('BL-NET-101 network-intent-flows-allowed', () => {
  it('is an estate rule of the pack, run by the same runner as the others', () => {
    expect(networkIntentFlowsAllowed.meta).toMatchObject({ id: 'BL-NET-101', severity: 'high', waivable: true });
    expect(RULES.filter((r) => r.meta.id === 'BL-NET-101')).toEqual([networkIntentFlowsAllowed]);
    expect(networkIntentFlowsAllowed.scope).toBe('estate');
  });

  it('has no flows to prove without the estate config, and gives the report no flow verdicts', () => {
    const shared = new Map<unknown, unknown>();
    const stacks = handWorkedStacks();
    const settings = { ...TEST_SETTINGS, nationalStack: 'hub' };
    expect(checkEstate(stacks, [networkIntentFlowsAllowed], settings, { shared })).toEqual([]);
    expect(networkFlowVerdicts(shared)).toBeUndefined();
  });
});
