import { adoptionNoReplacement } from '../../../policies/rules/adoption-no-replacement';
import { evaluate, type Resources } from '../harness';

const SUB = '/subscriptions/00000000-0000-4000-8000-00000000a002';
const RG = {
  azurerm_resource_group: { Rg: { name: 'rg-alpha-network-uks', location: 'uksouth' } },
};
/** The stack's `//` block as synthesis writes it for forces/<id>.adopt.yaml (adopt/stack-metadata.ts). */
const adopted = (records: Record<string, { id: string; existing: Record<string, unknown> }>) => ({
  '//': { metadata: { stackName: 'essex' }, bluelamp: { adopted: records } },
});
const run = (resources: Resources, records: Record<string, { id: string; existing: Record<string, unknown> }>) =>
  evaluate(adoptionNoReplacement, { ...RG, ...resources }, { otherBlocks: adopted(records) });

const vnet = (extra: Record<string, unknown> = {}) => ({
  azurerm_virtual_network: {
    Vnet: {
      name: 'vnet-alpha-uks',
      resource_group_name: '${azurerm_resource_group.Rg.name}',
      location: 'uksouth',
      address_space: ['10.64.0.0/21'],
      ...extra,
    },
  },
});
const vnetId = `${SUB}/resourceGroups/rg-alpha-network-uks/providers/Microsoft.Network/virtualNetworks/vnet-alpha-uks`;

describe('BL-ADO-001 an adopted resource is not replaced', () => {
  it('passes an adopted resource whose name, group and location are what exists (location compared as azurerm normalises it)', () => {
    const result = run(vnet({ location: 'UK South' }), {
      'azurerm_virtual_network.Vnet': {
        id: vnetId,
        existing: { name: 'vnet-alpha-uks', resource_group_name: 'rg-alpha-network-uks', location: 'uksouth' },
      },
    });
    expect(result['azurerm_virtual_network.Vnet'].outcome).toBe('pass');
  });

  it('fails a name that differs only in case, naming both values (azurerm compares names exactly)', () => {
    const result = run(vnet(), {
      'azurerm_virtual_network.Vnet': { id: vnetId, existing: { name: 'VNET-Alpha-UKS', location: 'uksouth' } },
    });
    expect(result['azurerm_virtual_network.Vnet']).toMatchObject({
      outcome: 'fail',
      message: `adopted from ${vnetId}, but the plan would replace it: name exists as VNET-Alpha-UKS, Blue Lamp's is vnet-alpha-uks`,
    });
  });

  it("follows a reference to the resource group's name, and fails another location", () => {
    const result = run(vnet(), {
      'azurerm_virtual_network.Vnet': {
        id: vnetId,
        existing: { resource_group_name: 'RG-Alpha-Network-UKS', location: 'ukwest' },
      },
    });
    expect(result['azurerm_virtual_network.Vnet'].message).toBe(
      `adopted from ${vnetId}, but the plan would replace it: resource_group_name exists as RG-Alpha-Network-UKS, Blue Lamp's is rg-alpha-network-uks; location exists as ukwest, Blue Lamp's is uksouth`,
    );
  });

  it('passes a different address space: azurerm changes it in place (BL-ADO-002 judges it)', () => {
    const result = run(vnet(), {
      'azurerm_virtual_network.Vnet': { id: vnetId, existing: { address_space: ['10.1.0.0/16'] } },
    });
    expect(result['azurerm_virtual_network.Vnet'].outcome).toBe('pass');
  });

  it("fails a storage account's tier or replication family, not a replication change within its family", () => {
    const account = (replication: string, tier = 'Standard') => ({
      name: 'stalpha',
      resource_group_name: '${azurerm_resource_group.Rg.name}',
      location: 'uksouth',
      account_tier: tier,
      account_replication_type: replication,
    });
    // Each imports its own account (the adoption file refuses one id twice); only Grs is in the planned group.
    const id = (rg: string) => `${SUB}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/stalpha`;
    const result = run(
      { azurerm_storage_account: { Grs: account('LRS'), Zrs: account('ZRS'), Tier: account('GRS', 'Premium') } },
      {
        'azurerm_storage_account.Grs': {
          id: id('rg-alpha-network-uks'),
          existing: { account_replication_type: 'GRS' },
        },
        'azurerm_storage_account.Zrs': { id: id('rg-b'), existing: { account_replication_type: 'LRS' } },
        'azurerm_storage_account.Tier': { id: id('rg-c'), existing: { account_tier: 'Standard' } },
      },
    );
    expect(result['azurerm_storage_account.Grs'].outcome).toBe('pass');
    expect(result['azurerm_storage_account.Zrs'].message).toContain(
      "account_replication_type exists as LRS, Blue Lamp's is ZRS",
    );
    expect(result['azurerm_storage_account.Tier'].message).toContain(
      "account_tier exists as Standard, Blue Lamp's is Premium",
    );
  });

  it("compares an argument the plan leaves out with azurerm's default (a gateway's vpn_type is RouteBased)", () => {
    const gateway = {
      name: 'vgw-alpha',
      resource_group_name: 'rg-alpha-network-uks',
      location: 'uksouth',
      type: 'Vpn',
    };
    const id = `${SUB}/resourceGroups/rg-alpha-network-uks/providers/Microsoft.Network/virtualNetworkGateways/vgw-alpha`;
    const result = run(
      { azurerm_virtual_network_gateway: { Gw: gateway } },
      { 'azurerm_virtual_network_gateway.Gw': { id, existing: { type: 'Vpn', vpn_type: 'PolicyBased' } } },
    );
    expect(result['azurerm_virtual_network_gateway.Gw'].message).toContain(
      "vpn_type exists as PolicyBased, Blue Lamp's is RouteBased",
    );
  });

  it('compares the name and resource group of the id when the adoption file records none (Terraform imports the id)', () => {
    const otherId = `${SUB}/resourceGroups/rg-old/providers/Microsoft.Network/virtualNetworks/vnet-old`;
    const result = run(vnet(), { 'azurerm_virtual_network.Vnet': { id: otherId, existing: {} } });
    expect(result['azurerm_virtual_network.Vnet']).toMatchObject({
      outcome: 'fail',
      message: `adopted from ${otherId}, but the plan would replace it: name exists as vnet-old, Blue Lamp's is vnet-alpha-uks; resource_group_name exists as rg-old, Blue Lamp's is rg-alpha-network-uks`,
    });
  });

  it('never guesses a value set by an expression it cannot follow', () => {
    const result = run(vnet({ location: '${var.region}' }), {
      'azurerm_virtual_network.Vnet': { id: vnetId, existing: { location: 'ukwest' } },
    });
    expect(result['azurerm_virtual_network.Vnet'].outcome).toBe('pass');
  });

  it('judges nothing in a stack that adopts nothing', () => {
    expect(evaluate(adoptionNoReplacement, vnet())).toEqual({});
  });
});
