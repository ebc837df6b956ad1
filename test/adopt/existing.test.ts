import { EXISTING_ARGUMENTS, existingSettings, settingDifferences } from '../../adopt/existing';
import type { InventoryRow } from '../../adopt/inventory';
import { AdoptionSchema, ExistingSettingsSchema } from '../../config/adoption-schema';

const SUB = '00000000-0000-4000-8000-00000000a002';
const row = (extra: Partial<InventoryRow>): InventoryRow => ({
  id: `/subscriptions/${SUB}/resourcegroups/x/providers/y/z/n`,
  type: 'microsoft.storage/storageaccounts',
  name: 'n',
  resourceGroup: 'x',
  subscriptionId: SUB,
  properties: {},
  line: 1,
  ...extra,
});

describe('the existing settings adoption keeps', () => {
  it("reads a storage account's ForceNew settings as Resource Graph reports them", () => {
    const account = row({
      id: `/subscriptions/${SUB}/resourcegroups/RG-Alpha-Data/providers/Microsoft.Storage/storageAccounts/stalpha`,
      name: 'stalpha',
      location: 'uksouth',
      kind: 'StorageV2',
      sku: { name: 'Standard_RAGRS', tier: 'Standard' },
      properties: { isHnsEnabled: true, encryption: { requireInfrastructureEncryption: false } },
    });
    expect(existingSettings('azurerm_storage_account', account)).toEqual({
      name: 'stalpha',
      resource_group_name: 'RG-Alpha-Data',
      location: 'uksouth',
      account_tier: 'Standard',
      account_replication_type: 'RAGRS',
      account_kind: 'StorageV2',
      is_hns_enabled: true,
      infrastructure_encryption_enabled: false,
    });
  });

  it("reads a gateway's type, VPN type and generation, and a subnet's network and prefix", () => {
    const gateway = row({
      type: 'microsoft.network/virtualnetworkgateways',
      name: 'vgw',
      location: 'uksouth',
      properties: { gatewayType: 'Vpn', vpnType: 'RouteBased', vpnGatewayGeneration: 'Generation2' },
    });
    expect(existingSettings('azurerm_virtual_network_gateway', gateway)).toMatchObject({
      type: 'Vpn',
      vpn_type: 'RouteBased',
      generation: 'Generation2',
    });
    const subnet = row({ name: 'vnet-a/snet-b', properties: { addressPrefix: '10.1.2.0/24' } });
    expect(existingSettings('azurerm_subnet', subnet)).toEqual({
      name: 'snet-b',
      virtual_network_name: 'vnet-a',
      resource_group_name: 'x',
      address_prefixes: ['10.1.2.0/24'],
    });
  });

  it('follows the workspace SKU rule of azurerm: PerGB2018 <-> CapacityReservation in place, Free -> PerGB2018 replaces', () => {
    const diff = (from: string, to: string) =>
      settingDifferences('azurerm_log_analytics_workspace', { sku: from }, () => ({ value: to })).map((d) => d.effect);
    expect(diff('pergb2018', 'PerGB2018')).toEqual([]);
    expect(diff('CapacityReservation', 'PerGB2018')).toEqual(['update']);
    expect(diff('Free', 'PerGB2018')).toEqual(['replace']);
  });

  it('follows the storage account_kind rule: Storage or BlobStorage to StorageV2 in place, StorageV2 to BlockBlobStorage replaces', () => {
    const diff = (from: string, to: string) =>
      settingDifferences('azurerm_storage_account', { account_kind: from }, () => ({ value: to })).map((d) => d.effect);
    expect(diff('Storage', 'StorageV2')).toEqual(['update']);
    expect(diff('BlobStorage', 'StorageV2')).toEqual(['update']);
    expect(diff('StorageV2', 'BlockBlobStorage')).toEqual(['replace']);
  });

  it('lets the adoption file hold exactly the arguments it records, as plain literals', () => {
    expect(Object.keys(ExistingSettingsSchema.shape).sort()).toEqual([...EXISTING_ARGUMENTS].sort());
    const file = (existing: Record<string, unknown>) =>
      AdoptionSchema.safeParse({
        force: 'alpha',
        subscriptionId: SUB,
        imports: [
          {
            address: 'azurerm_virtual_network.Vnet',
            id: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-alpha`,
            existing,
          },
        ],
      }).success;
    expect(file({ name: 'vnet-alpha', address_space: ['10.0.0.0/16'], is_hns_enabled: false })).toBe(true);
    expect(file({ name: '${file("/etc/passwd")}' })).toBe(false);
    expect(file({ sku: 'Standard"; x' })).toBe(false);
    expect(file({ address_space: ['10.0.0.0/16', '${var.x}'] })).toBe(false);
    expect(file({ tags: 'x' })).toBe(false);
  });
});
