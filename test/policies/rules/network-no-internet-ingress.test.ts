import { networkNoInternetIngress } from '../../../policies/rules/network-no-internet-ingress';
import { outcomes } from '../harness';

describe('BL-NET-003 inbound from the internet on any port', () => {
  it('passes an NSG with no rules (Azure denies inbound internet by default) and one allowing only the VNet', () => {
    const result = outcomes(networkNoInternetIngress, {
      azurerm_network_security_group: {
        empty: {},
        vnet: {
          security_rule: [
            {
              name: 'vnet',
              direction: 'Inbound',
              access: 'Allow',
              protocol: 'Tcp',
              source_address_prefix: 'VirtualNetwork',
              destination_port_range: '443',
            },
          ],
        },
      },
    });
    expect(result).toEqual({
      'azurerm_network_security_group.empty': 'pass',
      'azurerm_network_security_group.vnet': 'pass',
    });
  });
  it('fails HTTPS open to the internet', () => {
    const result = outcomes(networkNoInternetIngress, {
      azurerm_network_security_rule: {
        web: {
          direction: 'Inbound',
          access: 'Allow',
          protocol: 'Tcp',
          source_address_prefix: '*',
          destination_port_range: '443',
        },
      },
    });
    expect(result).toEqual({ 'azurerm_network_security_rule.web': 'fail' });
  });
});

describe('BL-NET-003 dynamic rules', () => {
  it('is unknown, not a pass, for an NSG whose rules come from a dynamic block', () => {
    const result = outcomes(networkNoInternetIngress, {
      azurerm_network_security_group: {
        nsg: {
          dynamic: { security_rule: { for_each: '${var.rules}', content: { name: '${security_rule.value.name}' } } },
        },
      },
    });
    expect(result).toEqual({ 'azurerm_network_security_group.nsg': 'unknown' });
  });
});
