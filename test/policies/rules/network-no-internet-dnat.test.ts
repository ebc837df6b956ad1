import { networkNoInternetDnat } from '../../../policies/rules/network-no-internet-dnat';
import { outcomes, ref } from '../harness';

const natRule = (over: Record<string, unknown>) => ({
  name: 'web',
  protocols: ['TCP'],
  source_addresses: ['*'],
  destination_address: '51.140.0.10',
  destination_ports: ['443'],
  translated_address: '10.64.1.4',
  translated_port: 443,
  ...over,
});
const rcg = (rule: Record<string, unknown>) => ({
  azurerm_firewall_policy_rule_collection_group: {
    g: { priority: 100, nat_rule_collection: [{ name: 'publish', priority: 100, action: 'Dnat', rule: [rule] }] },
  },
});
const RCG = 'azurerm_firewall_policy_rule_collection_group.g';

describe('BL-NET-011 any port published to the internet by a firewall DNAT rule', () => {
  it('is high and waivable: the NMC may publish a service deliberately, with a signed-off waiver', () => {
    expect(networkNoInternetDnat.meta).toMatchObject({ severity: 'high', waivable: true });
  });
  it('fails HTTPS published to anywhere and to a public range', () => {
    expect(outcomes(networkNoInternetDnat, rcg(natRule({})))).toEqual({ [RCG]: 'fail' });
    expect(outcomes(networkNoInternetDnat, rcg(natRule({ source_addresses: ['198.51.100.0/24'] })))).toEqual({
      [RCG]: 'fail',
    });
  });
  it('passes DNAT from private and CGNAT ranges only', () => {
    expect(
      outcomes(networkNoInternetDnat, rcg(natRule({ source_addresses: ['10.0.0.0/8', '100.64.0.0/10'] }))),
    ).toEqual({ [RCG]: 'pass' });
  });
  it('is unknown when the source is a reference, whatever the ports', () => {
    expect(
      outcomes(
        networkNoInternetDnat,
        rcg(natRule({ source_addresses: [ref('var.source')], destination_ports: [ref('var.port')] })),
      ),
    ).toEqual({ [RCG]: 'unknown' });
  });
});
