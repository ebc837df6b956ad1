import { checkEstate } from '../../../policies/engine';
import { networkIntentEgressViaFirewall } from '../../../policies/rules/network-intent-egress-via-firewall';
import { handWorkedStacks } from '../../helpers/network';
import { TEST_SETTINGS } from '../harness';

describe('BL-NET-104 network-intent-egress-via-firewall', () => {
  it("reports b's subnet, which has no route table, and none of a's (0.0.0.0/0 to the firewall)", () => {
    expect(networkIntentEgressViaFirewall.meta).toMatchObject({ id: 'BL-NET-104', waivable: true });
    const findings = checkEstate(handWorkedStacks(), [networkIntentEgressViaFirewall], {
      ...TEST_SETTINGS,
      nationalStack: 'hub',
    });
    expect(findings.map((f) => [f.ruleId, f.stack])).toEqual([['BL-NET-104', 'b']]);
    expect(findings[0].message).toMatch(
      /^snet-web sends internet traffic to Internet \(route default\), not to the hub firewall/,
    );
  });
});
