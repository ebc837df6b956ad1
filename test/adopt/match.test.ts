import type { InventoryRow } from '../../adopt/inventory';
import { matchInventory } from '../../adopt/match';
import type { PlannedResource } from '../../adopt/planned';

const SUB = '00000000-0000-4000-8000-00000000a002';
const CTX = { otherRanges: [{ owner: 'force bravo', cidr: '10.64.8.0/22' }], allowedRegions: ['uksouth', 'ukwest'] };

const planned = (extra: Partial<PlannedResource> = {}): PlannedResource => ({
  address: 'azurerm_virtual_network.Network_VirtualNetwork_1',
  tfType: 'azurerm_virtual_network',
  armType: 'microsoft.network/virtualnetworks',
  name: 'vnet-alpha-uks',
  resourceGroup: 'rg-alpha-network-uks',
  location: 'uksouth',
  addressSpace: ['10.64.0.0/21'],
  settings: {
    name: 'vnet-alpha-uks',
    resource_group_name: 'rg-alpha-network-uks',
    location: 'uksouth',
    address_space: ['10.64.0.0/21'],
  },
  referenced: [],
  ...extra,
});

const row = (extra: Partial<InventoryRow> & { prefixes?: string[] } = {}): InventoryRow => {
  const { prefixes = ['10.64.0.0/21'], ...rest } = extra;
  return {
    id: `/subscriptions/${SUB}/resourcegroups/RG-ALPHA-NETWORK-UKS/providers/Microsoft.Network/virtualNetworks/VNET-ALPHA-UKS`,
    type: 'microsoft.network/virtualnetworks',
    name: 'VNET-ALPHA-UKS',
    resourceGroup: 'rg-alpha-network-uks',
    subscriptionId: SUB,
    location: 'uksouth',
    properties: { addressSpace: { addressPrefixes: prefixes } },
    line: 1,
    ...rest,
  };
};

describe('matching a planned landing zone to an existing subscription', () => {
  it('adopts a resource of the same type, group and name (case-insensitive), with the id azurerm parses', () => {
    const result = matchInventory([planned()], [row()], CTX);
    expect(result.matched.map((m) => [m.planned.address, m.id, m.differences.map((d) => d.argument)])).toEqual([
      [
        'azurerm_virtual_network.Network_VirtualNetwork_1',
        `/subscriptions/${SUB}/resourceGroups/RG-ALPHA-NETWORK-UKS/providers/Microsoft.Network/virtualNetworks/VNET-ALPHA-UKS`,
        // Adopted, but azurerm compares names exactly: the case difference is reported (BL-ADO-001).
        ['name', 'resource_group_name'],
      ],
    ]);
    expect(result.toCreate).toEqual([]);
    expect(result.unmanaged).toEqual([]);
  });

  it('names both values where the existing resource differs from the plan, and what Terraform would do', () => {
    const result = matchInventory([planned()], [row({ location: 'ukwest', prefixes: ['10.64.0.0/22'] })], CTX);
    // Matched case-insensitively, as Azure compares names; azurerm compares them exactly (ForceNew).
    expect(result.matched[0].differences).toEqual([
      { argument: 'name', existing: 'VNET-ALPHA-UKS', planned: 'vnet-alpha-uks', effect: 'replace' },
      {
        argument: 'resource_group_name',
        existing: 'RG-ALPHA-NETWORK-UKS',
        planned: 'rg-alpha-network-uks',
        effect: 'replace',
      },
      { argument: 'location', existing: 'ukwest', planned: 'uksouth', effect: 'replace' },
      { argument: 'address_space', existing: ['10.64.0.0/22'], planned: ['10.64.0.0/21'], effect: 'update' },
    ]);
  });

  it('records the existing settings that matter, with the resource group as the id spells it', () => {
    const result = matchInventory([planned()], [row({ prefixes: ['10.64.0.0/21'] })], CTX);
    expect(result.matched[0].existing).toEqual({
      name: 'VNET-ALPHA-UKS',
      resource_group_name: 'RG-ALPHA-NETWORK-UKS',
      location: 'uksouth',
      address_space: ['10.64.0.0/21'],
    });
  });

  it('never compares an argument the plan sets by a reference it cannot resolve', () => {
    const p = planned({ settings: { name: 'vnet-alpha-uks' }, referenced: ['resource_group_name', 'location'] });
    const result = matchInventory([p], [row({ name: 'vnet-alpha-uks', location: 'ukwest' })], CTX);
    expect(result.matched[0].differences).toEqual([]);
  });

  it('never adopts under another name (Azure cannot rename): an overlapping VNet is a likely duplicate', () => {
    const other = row({ name: 'vnet-alpha-prod', prefixes: ['10.64.0.0/24'] });
    const far = row({ name: 'vnet-alpha-lab', prefixes: ['192.168.0.0/24'] });
    const result = matchInventory([planned()], [other, far], CTX);
    expect(result.matched).toEqual([]);
    expect(result.duplicates.map((d) => d.existing.map((r) => r.name))).toEqual([['vnet-alpha-prod']]);
    expect(result.unmanaged.map((r) => r.name)).toEqual(['vnet-alpha-prod', 'vnet-alpha-lab']);
  });

  it("reports a VNet overlapping another force's range, and anything outside the UK, as conflicts", () => {
    const overlapping = row({ name: 'vnet-alpha-prod', prefixes: ['10.64.0.0/16'] });
    const abroad = row({ name: 'st', type: 'microsoft.storage/storageaccounts', location: 'northeurope' });
    const result = matchInventory([], [overlapping, abroad], CTX);
    expect(result.conflicts.map((c) => c.message)).toEqual([
      'address space 10.64.0.0/16 overlaps force bravo (10.64.8.0/22): it cannot be peered to the hub as it stands',
      'is in northeurope, outside the UK regions (uksouth, ukwest)',
    ]);
  });

  it("reports Azure's own network watcher in the region as a conflict: a second one cannot be created", () => {
    const watcher = planned({
      address: 'azurerm_network_watcher.Network_NetworkWatcher_1',
      tfType: 'azurerm_network_watcher',
      armType: 'microsoft.network/networkwatchers',
      name: 'nw-alpha-uks',
      addressSpace: undefined,
    });
    const azureMade = row({
      name: 'NetworkWatcher_uksouth',
      type: 'microsoft.network/networkwatchers',
      resourceGroup: 'networkwatcherrg',
    });
    const result = matchInventory([watcher], [azureMade], CTX);
    expect(result.conflicts.map((c) => c.message)).toEqual([
      expect.stringContaining(
        'Azure allows one per region, so azurerm_network_watcher.Network_NetworkWatcher_1 (nw-alpha-uks) cannot be created beside it',
      ),
    ]);
  });

  it('leaves everything it does not manage alone, and lists it', () => {
    const vm = row({ name: 'vm-1', type: 'microsoft.compute/virtualmachines' });
    expect(matchInventory([planned()], [row(), vm], CTX).unmanaged.map((r) => r.name)).toEqual(['vm-1']);
  });
});
