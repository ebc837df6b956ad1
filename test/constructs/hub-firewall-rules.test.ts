import { Testing } from 'cdktf';
import {
  HubFirewallRules,
  type FirewallFlowRule,
  type HubFirewallRulesProps,
} from '../../constructs/hub-firewall-rules';

const egress: FirewallFlowRule = {
  name: 'workloads-to-internet-https',
  kind: 'application',
  protocol: 'tcp',
  ports: [443],
  sources: ['10.64.0.0/23'],
  fqdns: ['*.police.uk'],
  description: 'Declared flow workloads-to-internet-https (alpha network.flows[1])',
};
const sites: FirewallFlowRule = {
  name: 'sites-to-workloads-https',
  kind: 'network',
  protocol: 'tcp',
  ports: [443],
  sources: ['172.16.0.0/24'],
  destinations: ['10.64.0.0/23'],
  description: 'Declared flow sites-to-workloads-https (alpha network.flows[0])',
};
const PROPS: HubFirewallRulesProps = {
  firewallPolicyId: '/subscriptions/h/resourceGroups/rg/providers/Microsoft.Network/firewallPolicies/afwp-hub-uks',
  spokeAddressPool: '10.64.0.0/10',
  nationalRules: [{ ...egress, name: 'microsoft-365', sources: ['10.64.0.0/10'], fqdns: ['*.office.com'] }],
  forces: [{ forceId: 'alpha', rules: [sites, egress] }],
};
type Group = Record<string, any>;
const synth = (props: Partial<HubFirewallRulesProps> = {}): Group[] =>
  Object.values(
    JSON.parse(Testing.synthScope((scope) => new HubFirewallRules(scope, 'HubFirewallRules', { ...PROPS, ...props })))
      .resource.azurerm_firewall_policy_rule_collection_group,
  );

describe('HubFirewallRules', () => {
  const groups = synth();
  const byName = (name: string) => groups.find((g) => g.name === name)!;

  it('denies spoke-to-spoke in the first group, before any allow', () => {
    const ordered = [...groups].sort((a, b) => a.priority - b.priority);
    expect(ordered.map((g) => [g.name, g.priority])).toEqual([
      ['rcg-force-isolation', 100],
      ['rcg-national-flows', 200],
      ['rcg-force-flows-0', 1000],
    ]);
    expect(byName('rcg-force-isolation').network_rule_collection).toEqual([
      {
        name: 'deny-spoke-to-spoke',
        priority: 100,
        action: 'Deny',
        rule: [
          expect.objectContaining({
            protocols: ['Any'],
            source_addresses: ['10.64.0.0/10'],
            destination_addresses: ['10.64.0.0/10'],
            destination_ports: ['*'],
          }),
        ],
      },
    ]);
  });

  it('writes site flows as network rules and internet flows as HTTPS application rules by host name', () => {
    const forces = byName('rcg-force-flows-0');
    expect(forces.network_rule_collection[0]).toMatchObject({
      name: 'alpha-network',
      priority: 100,
      action: 'Allow',
      rule: [{ name: 'sites-to-workloads-https', protocols: ['TCP'], destination_ports: ['443'] }],
    });
    expect(forces.application_rule_collection[0]).toMatchObject({
      name: 'alpha-application',
      priority: 110,
      rule: [{ destination_fqdns: ['*.police.uk'], protocols: [{ type: 'Https', port: 443 }] }],
    });
    expect(forces.network_rule_collection[0].rule[0].description).toBe(
      'Declared flow sites-to-workloads-https (alpha network.flows[0])',
    );
  });

  it('spreads forces over groups with room between priorities', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ forceId: `f${i}`, rules: [sites] }));
    const spread = synth({ forces: many, forcesPerGroup: 2 })
      .filter((g) => g.name.startsWith('rcg-force-flows'))
      .sort((a, b) => a.priority - b.priority);
    expect(spread.map((g) => g.priority)).toEqual([1000, 1100, 1200]);
    expect(spread[1].network_rule_collection.map((c: Group) => [c.name, c.priority])).toEqual([
      ['f2-network', 100],
      ['f3-network', 120],
    ]);
  });

  it('names the field when a rule cannot be written', () => {
    expect(() => synth({ forces: [{ forceId: 'alpha', rules: [{ ...egress, fqdns: [] }] }] })).toThrow(
      /application rule workloads-to-internet-https needs fqdns/,
    );
    expect(() => synth({ spokeAddressPool: '10.64.0.0' })).toThrow(/spokeAddressPool "10.64.0.0" is not a CIDR/);
  });
});
