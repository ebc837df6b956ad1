import { networkNsgOnEverySubnet } from '../../../policies/rules/network-nsg-on-every-subnet';
import { outcomes, ref } from '../harness';

describe('BL-NET-004 NSG on every subnet', () => {
  it('passes subnets associated (by reference) with an NSG in the stack, and skips GatewaySubnet', () => {
    const result = outcomes(networkNsgOnEverySubnet, {
      azurerm_subnet: { workloads: { name: 'snet-workloads' }, gw: { name: 'GatewaySubnet' } },
      azurerm_network_security_group: { nsg: {} },
      azurerm_subnet_network_security_group_association: {
        a: {
          subnet_id: ref('azurerm_subnet.workloads.id'),
          network_security_group_id: ref('azurerm_network_security_group.nsg.id'),
        },
      },
    });
    expect(result).toEqual({ 'azurerm_subnet.workloads': 'pass' });
  });
  it('fails a subnet with no association, and one whose NSG reference points at nothing', () => {
    const result = outcomes(networkNsgOnEverySubnet, {
      azurerm_subnet: { a: { name: 'a' }, b: { name: 'b' } },
      azurerm_subnet_network_security_group_association: {
        b: {
          subnet_id: ref('azurerm_subnet.b.id'),
          network_security_group_id: ref('azurerm_network_security_group.gone.id'),
        },
      },
    });
    expect(result).toEqual({ 'azurerm_subnet.a': 'fail', 'azurerm_subnet.b': 'fail' });
  });
  it('fails an inline subnet without a security group', () => {
    const result = outcomes(networkNsgOnEverySubnet, {
      azurerm_virtual_network: { v: { subnet: [{ name: 'inline', address_prefixes: ['10.0.0.0/24'] }] } },
    });
    expect(result).toEqual({ 'azurerm_virtual_network.v': 'fail' });
  });
});
