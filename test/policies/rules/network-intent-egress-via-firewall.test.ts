import { proveIntents } from '../../../policies/network-intents';
import { networkIntentEgressViaFirewall } from '../../../policies/rules/network-intent-egress-via-firewall';
import { handWorkedNetwork } from '../../helpers/network';

describe('BL-NET-104 network-intent-egress-via-firewall', () => {
  it("reports b's subnet, which has no route table, and none of a's (0.0.0.0/0 to the firewall)", () => {
    expect(networkIntentEgressViaFirewall.meta).toMatchObject({ id: 'BL-NET-104', waivable: true });
    const failures = proveIntents(handWorkedNetwork(), undefined, 'hub').results.filter(
      (r) => r.kind === networkIntentEgressViaFirewall.intent,
    );
    expect(failures.map((f) => [f.forceId, f.subject, f.decidedBy?.rule])).toEqual([['b', 'snet-web', 'default']]);
  });
});
