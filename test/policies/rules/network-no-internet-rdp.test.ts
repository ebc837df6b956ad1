import { networkNoInternetRdp } from '../../../policies/rules/network-no-internet-rdp';
import { outcomes } from '../harness';

const rule = (over: Record<string, unknown>) => ({
  name: 'r',
  direction: 'Inbound',
  access: 'Allow',
  protocol: '*',
  source_address_prefix: '*',
  destination_port_range: '443',
  ...over,
});

describe('BL-NET-002 RDP from the internet', () => {
  it('cannot be waived', () => {
    expect(networkNoInternetRdp.meta.waivable).toBe(false);
  });
  it('passes internet rules that do not reach 3389, and outbound rules', () => {
    const result = outcomes(networkNoInternetRdp, {
      azurerm_network_security_rule: {
        web: rule({}),
        out: rule({ direction: 'Outbound', destination_port_range: '3389' }),
      },
    });
    expect(result).toEqual({
      'azurerm_network_security_rule.web': 'pass',
      'azurerm_network_security_rule.out': 'pass',
    });
  });
  it('fails 3389 or * from any source, including a prefixes list', () => {
    const result = outcomes(networkNoInternetRdp, {
      azurerm_network_security_rule: {
        rdp: rule({ destination_port_range: '3389' }),
        any: rule({
          source_address_prefix: undefined,
          source_address_prefixes: ['10.1.0.0/16', '0.0.0.0/0'],
          destination_port_ranges: ['*'],
        }),
      },
    });
    expect(result).toEqual({
      'azurerm_network_security_rule.rdp': 'fail',
      'azurerm_network_security_rule.any': 'fail',
    });
  });
});
