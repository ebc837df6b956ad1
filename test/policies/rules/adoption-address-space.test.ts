import { adoptionAddressSpace } from '../../../policies/rules/adoption-address-space';
import { evaluate } from '../harness';

const SUB = '/subscriptions/00000000-0000-4000-8000-00000000a002';
const vnetId = `${SUB}/resourceGroups/rg-alpha-network-uks/providers/Microsoft.Network/virtualNetworks/vnet-alpha-uks`;
const resources = {
  azurerm_virtual_network: {
    Vnet: { name: 'vnet-alpha-uks', location: 'uksouth', address_space: ['10.64.0.0/21'] },
  },
  azurerm_subnet: {
    Workloads: { name: 'snet-workloads', virtual_network_name: 'vnet-alpha-uks', address_prefixes: ['10.64.1.0/24'] },
  },
  azurerm_key_vault: { Kv: { name: 'kv-alpha', location: 'uksouth' } },
};
const run = (records: Record<string, { id: string; existing: Record<string, unknown> }>) =>
  evaluate(adoptionAddressSpace, resources, { otherBlocks: { '//': { bluelamp: { adopted: records } } } });

describe('BL-ADO-002 an adopted network keeps its address ranges', () => {
  it('fails a VNet whose existing address space differs, naming both values', () => {
    const result = run({
      'azurerm_virtual_network.Vnet': { id: vnetId, existing: { address_space: ['10.1.0.0/16'] } },
    });
    expect(Object.keys(result)).toEqual(['azurerm_virtual_network.Vnet']);
    expect(result).toMatchObject({
      'azurerm_virtual_network.Vnet': {
        outcome: 'fail',
        message: `adopted from ${vnetId}, but the plan would re-address it: address_space exists as 10.1.0.0/16, Blue Lamp's is 10.64.0.0/21`,
      },
    });
  });

  it('passes the same ranges in any order and spelling of the network address, and a subnet that keeps its prefix', () => {
    const result = run({
      'azurerm_virtual_network.Vnet': { id: vnetId, existing: { address_space: ['10.64.0.0/21'] } },
      'azurerm_subnet.Workloads': {
        id: `${vnetId}/subnets/snet-workloads`,
        existing: { address_prefixes: ['10.64.1.0/24'] },
      },
    });
    expect(Object.values(result).map((r) => r.outcome)).toEqual(['pass', 'pass']);
  });

  it('fails a subnet whose prefix would change', () => {
    const result = run({
      'azurerm_subnet.Workloads': {
        id: `${vnetId}/subnets/snet-workloads`,
        existing: { address_prefixes: ['10.64.2.0/24'] },
      },
    });
    expect(result['azurerm_subnet.Workloads'].message).toContain(
      "address_prefixes exists as 10.64.2.0/24, Blue Lamp's is 10.64.1.0/24",
    );
  });

  it('does not judge adopted resources without address ranges, nor a stack that adopts nothing', () => {
    expect(run({ 'azurerm_key_vault.Kv': { id: `${SUB}/x`, existing: { location: 'ukwest' } } })).toEqual({});
    expect(evaluate(adoptionAddressSpace, resources)).toEqual({});
  });
});
