import { networkNoInternetSsh } from '../../../policies/rules/network-no-internet-ssh';
import { outcomes, ref } from '../harness';

const rule = (over: Record<string, unknown>) => ({
  name: 'r',
  direction: 'Inbound',
  access: 'Allow',
  protocol: 'Tcp',
  source_address_prefix: '10.0.0.0/8',
  destination_port_range: '22',
  ...over,
});

describe('BL-NET-001 SSH from the internet', () => {
  it('cannot be waived', () => {
    expect(networkNoInternetSsh.meta.waivable).toBe(false);
  });
  it('passes SSH from a private range, and deny rules from anywhere', () => {
    const result = outcomes(networkNoInternetSsh, {
      azurerm_network_security_group: {
        nsg: { security_rule: [rule({}), rule({ name: 'deny', access: 'Deny', source_address_prefix: '*' })] },
      },
    });
    expect(result).toEqual({ 'azurerm_network_security_group.nsg': 'pass' });
  });
  it('fails inline and standalone rules that open 22 to the internet, including by port range', () => {
    const result = outcomes(networkNoInternetSsh, {
      azurerm_network_security_group: { nsg: { security_rule: [rule({ source_address_prefix: 'Internet' })] } },
      azurerm_network_security_rule: {
        r: rule({ source_address_prefix: '0.0.0.0/0', destination_port_range: '20-25' }),
      },
    });
    expect(result).toEqual({ 'azurerm_network_security_group.nsg': 'fail', 'azurerm_network_security_rule.r': 'fail' });
  });
  it('is unknown when the source is a reference', () => {
    expect(
      outcomes(networkNoInternetSsh, {
        azurerm_network_security_rule: { r: rule({ source_address_prefix: ref('var.source') }) },
      }),
    ).toEqual({ 'azurerm_network_security_rule.r': 'unknown' });
  });
});

describe('BL-NET-001 sources and ports that are the internet in other words', () => {
  const nsg = (rules: unknown) => ({ azurerm_network_security_group: { nsg: { security_rule: rules } } });
  it.each([
    ['"Any"', { source_address_prefix: 'Any' }],
    [
      '"*" with a port list',
      { source_address_prefix: '*', destination_port_range: null, destination_port_ranges: ['443', '20-25'] },
    ],
    ['a public /32 (a supplier is still the internet)', { source_address_prefix: '203.0.113.7/32' }],
    [
      'a public range in source_address_prefixes',
      { source_address_prefix: null, source_address_prefixes: ['10.0.0.0/8', '198.51.100.0/24'] },
    ],
    ['a range wider than a private block (10.0.0.0/7)', { source_address_prefix: '10.0.0.0/7' }],
    ['an IPv6 global range', { source_address_prefix: '2001:db8::/32' }],
    ['an empty source and no application security group', { source_address_prefix: '', source_address_prefixes: [] }],
    ['every port', { source_address_prefix: 'Internet', destination_port_range: '*' }],
  ])('fails SSH open from %s', (_label, over) => {
    expect(outcomes(networkNoInternetSsh, nsg([rule(over)]))).toEqual({ 'azurerm_network_security_group.nsg': 'fail' });
  });
  it('passes private, CGNAT and service-tag sources', () => {
    const rules = [
      '172.16.4.0/24',
      '192.168.0.0/16',
      '100.64.0.0/10',
      'VirtualNetwork',
      'AzureLoadBalancer',
      'fd00::/8',
    ].map((s, i) => rule({ name: `r${i}`, source_address_prefix: s }));
    expect(outcomes(networkNoInternetSsh, nsg(rules))).toEqual({ 'azurerm_network_security_group.nsg': 'pass' });
  });
  it('is unknown, never a pass, when the inline rules are an expression or contain one', () => {
    const result = outcomes(networkNoInternetSsh, {
      azurerm_network_security_group: {
        whole: { security_rule: ref('var.rules') },
        part: { security_rule: [ref('var.rule')] },
      },
    });
    expect(result).toEqual({
      'azurerm_network_security_group.whole': 'unknown',
      'azurerm_network_security_group.part': 'unknown',
    });
  });
  it('is unknown when the port is not a port Azure accepts', () => {
    expect(
      outcomes(networkNoInternetSsh, nsg([rule({ source_address_prefix: '*', destination_port_range: 'ssh' })])),
    ).toEqual({ 'azurerm_network_security_group.nsg': 'unknown' });
  });
});
