import { networkNoInternetDnatManagement } from '../../../policies/rules/network-no-internet-dnat-management';
import { evaluate, outcomes, ref } from '../harness';

const natRule = (over: Record<string, unknown>) => ({
  name: 'r',
  protocols: ['TCP'],
  source_addresses: ['10.0.0.0/8'],
  destination_address: '51.140.0.10',
  destination_ports: ['22'],
  translated_address: '10.64.1.4',
  translated_port: 22,
  ...over,
});
const group = (...rules: Record<string, unknown>[]) => ({
  firewall_policy_id: 'x',
  priority: 100,
  nat_rule_collection: [{ name: 'publish', priority: 100, action: 'Dnat', rule: rules }],
});
const rcg = (...rules: Record<string, unknown>[]) => ({
  azurerm_firewall_policy_rule_collection_group: { g: group(...rules) },
});
const RCG = 'azurerm_firewall_policy_rule_collection_group.g';

describe('BL-NET-010 SSH or RDP published to the internet by a firewall DNAT rule', () => {
  it('is critical and cannot be waived, like the NSG rules BL-NET-001/002', () => {
    expect(networkNoInternetDnatManagement.meta).toMatchObject({ severity: 'critical', waivable: false });
  });

  it('passes DNAT to a management port from a private range, DNAT of another port from the internet, and a policy with no NAT collection', () => {
    expect(
      outcomes(
        networkNoInternetDnatManagement,
        rcg(
          natRule({}),
          natRule({ name: 'web', source_addresses: ['*'], destination_ports: ['443'], translated_port: 443 }),
        ),
      ),
    ).toEqual({ [RCG]: 'pass' });
    expect(
      outcomes(networkNoInternetDnatManagement, {
        azurerm_firewall_policy_rule_collection_group: {
          g: { priority: 100, network_rule_collection: [{ name: 'n', action: 'Allow', rule: [] }] },
        },
      }),
    ).toEqual({ [RCG]: 'pass' });
  });

  it('fails SSH from anywhere, naming the collection, the rule, the source and the ports', () => {
    const result = evaluate(networkNoInternetDnatManagement, rcg(natRule({ name: 'ssh', source_addresses: ['*'] })))[
      RCG
    ];
    expect(result.outcome).toBe('fail');
    expect(result.message).toBe(
      'DNAT rule "publish/ssh" publishes SSH (22) or RDP (3389) to the internet (source *; destination port 22 -> translated port 22)',
    );
  });

  it.each([
    [
      'RDP from a public /32 (a supplier is still the internet)',
      { source_addresses: ['203.0.113.7/32'], destination_ports: ['3389'], translated_port: 3389 },
    ],
    [
      'SSH hidden behind a high public port',
      { source_addresses: ['0.0.0.0/0'], destination_ports: ['50022'], translated_port: 22 },
    ],
    [
      'a public port range that covers RDP',
      { source_addresses: ['*'], destination_ports: ['3000-4000'], translated_port: 8080 },
    ],
    ['a source range wider than a private block', { source_addresses: ['10.0.0.0/7'] }],
  ])('fails %s', (_label, over) => {
    expect(outcomes(networkNoInternetDnatManagement, rcg(natRule(over)))).toEqual({ [RCG]: 'fail' });
  });

  it('fails when the source IP group in the stack holds an internet range, and passes one that holds only private ranges', () => {
    const result = outcomes(networkNoInternetDnatManagement, {
      azurerm_ip_group: { open: { cidrs: ['10.0.0.0/8', '0.0.0.0/0'] }, office: { cidrs: ['10.10.0.0/16'] } },
      azurerm_firewall_policy_rule_collection_group: {
        g: group(natRule({ source_addresses: null, source_ip_groups: [ref('azurerm_ip_group.open.id')] })),
        h: group(natRule({ source_addresses: null, source_ip_groups: [ref('azurerm_ip_group.office.id')] })),
      },
    });
    expect(result).toEqual({ [RCG]: 'fail', 'azurerm_firewall_policy_rule_collection_group.h': 'pass' });
  });

  it('fails a legacy classic-firewall DNAT collection, and ignores a SNAT one', () => {
    const legacy = (action: string) => ({
      name: 'legacy',
      azure_firewall_name: 'afw',
      resource_group_name: 'rg',
      priority: 100,
      action,
      rule: [
        {
          name: 'rdp',
          protocols: ['TCP'],
          source_addresses: ['*'],
          destination_addresses: ['51.140.0.10'],
          destination_ports: ['3389'],
          translated_address: '10.64.1.4',
          translated_port: '3389',
        },
      ],
    });
    expect(
      outcomes(networkNoInternetDnatManagement, {
        azurerm_firewall_nat_rule_collection: { dnat: legacy('Dnat'), snat: legacy('Snat') },
      }),
    ).toEqual({
      'azurerm_firewall_nat_rule_collection.dnat': 'fail',
      'azurerm_firewall_nat_rule_collection.snat': 'pass',
    });
  });

  it('is unknown, never a pass, when the source, the translated port, an IP group or the collections are known only after apply', () => {
    const result = outcomes(networkNoInternetDnatManagement, {
      azurerm_firewall_policy_rule_collection_group: {
        source: group(natRule({ source_addresses: [ref('var.source')] })),
        port: group(
          natRule({ source_addresses: ['*'], destination_ports: ['50022'], translated_port: ref('var.port') }),
        ),
        elsewhere: group(
          natRule({
            source_addresses: null,
            source_ip_groups: ['/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/ipGroups/ipg'],
          }),
        ),
        dynamic: { priority: 100, nat_rule_collection: ref('var.collections') },
      },
    });
    expect(result).toEqual({
      'azurerm_firewall_policy_rule_collection_group.source': 'unknown',
      'azurerm_firewall_policy_rule_collection_group.port': 'unknown',
      'azurerm_firewall_policy_rule_collection_group.elsewhere': 'unknown',
      'azurerm_firewall_policy_rule_collection_group.dynamic': 'unknown',
    });
  });
});
