import { networkNoInternetSsh } from '../../../policies/rules/network-no-internet-ssh';
import { outcomes, ref } from '../harness';

const rule = (over: Record<string, unknown>) => ({ name: 'r', direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: '10.0.0.0/8', destination_port_range: '22', ...over });

describe('BL-NET-001 SSH from the internet', () => {
  it('cannot be waived', () => {
    expect(networkNoInternetSsh.meta.waivable).toBe(false);
  });
  it('passes SSH from a private range, and deny rules from anywhere', () => {
    const result = outcomes(networkNoInternetSsh, {
      azurerm_network_security_group: { nsg: { security_rule: [rule({}), rule({ name: 'deny', access: 'Deny', source_address_prefix: '*' })] } },
    });
    expect(result).toEqual({ 'azurerm_network_security_group.nsg': 'pass' });
  });
  it('fails inline and standalone rules that open 22 to the internet, including by port range', () => {
    const result = outcomes(networkNoInternetSsh, {
      azurerm_network_security_group: { nsg: { security_rule: [rule({ source_address_prefix: 'Internet' })] } },
      azurerm_network_security_rule: { r: rule({ source_address_prefix: '0.0.0.0/0', destination_port_range: '20-25' }) },
    });
    expect(result).toEqual({ 'azurerm_network_security_group.nsg': 'fail', 'azurerm_network_security_rule.r': 'fail' });
  });
  it('is unknown when the source is a reference', () => {
    expect(outcomes(networkNoInternetSsh, { azurerm_network_security_rule: { r: rule({ source_address_prefix: ref('var.source') }) } })).toEqual({ 'azurerm_network_security_rule.r': 'unknown' });
  });
});
