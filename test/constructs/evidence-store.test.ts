import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageManagementPolicy } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { Testing } from 'cdktf';
// Brings cdktf's jest matcher types (toHaveResourceWithProperties) into scope; Testing.setupJest() registers them.
import type {} from 'cdktf/lib/testing/adapters/jest';
import { EvidenceStore, type EvidenceStoreProps } from '../../constructs/evidence-store';

Testing.setupJest();

const PROPS: EvidenceStoreProps = {
  accountName: 'stalphaevidence1a2b3c',
  resourceGroupName: 'rg-alpha-evidence-uks',
  location: 'uksouth',
  privateEndpointSubnetId:
    '/subscriptions/00000000-0000-4000-8000-00000000a002/resourceGroups/rg-alpha-network-uks/providers/Microsoft.Network/virtualNetworks/vnet-alpha-uks/subnets/snet-private-endpoints',
  blobPrivateDnsZoneId:
    '/subscriptions/00000000-0000-4000-8000-0000000c0002/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net',
  retentionDays: 2555,
  tags: { force: 'alpha' },
};

function synth(props: Partial<EvidenceStoreProps> = {}): string {
  return Testing.synthScope((scope) => new EvidenceStore(scope, 'EvidenceStore', { ...PROPS, ...props }));
}

describe('EvidenceStore', () => {
  const json = synth();
  const parsed = JSON.parse(json);
  const account = Object.values(parsed.resource.azurerm_storage_account)[0] as Record<string, any>;

  it('is a zone-redundant account in the force region with TLS 1.2, HTTPS only and double encryption', () => {
    expect(json).toHaveResourceWithProperties(StorageAccount, {
      name: 'stalphaevidence1a2b3c',
      location: 'uksouth',
      account_replication_type: 'ZRS',
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      infrastructure_encryption_enabled: true,
    });
  });

  it('refuses shared keys, public network access and public blobs', () => {
    expect(json).toHaveResourceWithProperties(StorageAccount, {
      shared_access_key_enabled: false,
      public_network_access_enabled: false,
      allow_nested_items_to_be_public: false,
      cross_tenant_replication_enabled: false,
      default_to_oauth_authentication: true,
    });
  });

  it('makes every blob version immutable for the retention period, created Unlocked', () => {
    expect(account.immutability_policy).toEqual({
      state: 'Unlocked',
      period_since_creation_in_days: 2555,
      allow_protected_append_writes: false,
    });
  });

  it('locks a retention policy on every container as it creates it, so WORM holds from the first apply', () => {
    const policies = Object.values<Record<string, any>>(parsed.resource.azurerm_storage_container_immutability_policy);
    const containers = Object.keys(parsed.resource.azurerm_storage_container);
    expect(policies).toHaveLength(containers.length);
    for (const policy of policies) {
      expect(policy).toEqual(
        expect.objectContaining({
          immutability_period_in_days: 2555,
          locked: true,
          protected_append_writes_enabled: false,
          lifecycle: { prevent_destroy: true },
        }),
      );
      expect(policy.storage_container_resource_manager_id).toMatch(
        /^\$\{azurerm_storage_container\..+\.resource_manager_id\}$/,
      );
    }
  });

  it('keeps versions, the change feed for the retention period, and soft-deleted blobs and containers', () => {
    expect(account.blob_properties).toEqual(
      expect.objectContaining({
        versioning_enabled: true,
        change_feed_enabled: true,
        change_feed_retention_in_days: 2555,
        delete_retention_policy: { days: 365 },
        container_delete_retention_policy: { days: 365 },
      }),
    );
  });

  it('prevents destroy of the account and every container, and ignores only the immutability state', () => {
    expect(account.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ['immutability_policy[0].state'] });
    expect(json).toHaveResourceWithProperties(StorageContainer, {
      name: 'evidence',
      container_access_type: 'private',
      lifecycle: { prevent_destroy: true },
    });
  });

  it('tiers blobs and versions to cool then cold, and never deletes', () => {
    const policy = Object.values(parsed.resource.azurerm_storage_management_policy)[0] as Record<string, any>;
    const actions = policy.rule[0].actions;
    expect(actions.base_blob).toEqual({
      tier_to_cool_after_days_since_modification_greater_than: 90,
      tier_to_cold_after_days_since_modification_greater_than: 365,
    });
    expect(actions.version).toEqual({
      change_tier_to_cool_after_days_since_creation: 90,
      tier_to_cold_after_days_since_creation_greater_than: 365,
    });
    expect(JSON.stringify(policy)).not.toMatch(/delete/);
    expect(json).toHaveResource(StorageManagementPolicy);
  });

  it('is reachable only through a blob private endpoint in the spoke registered in the hub zone', () => {
    expect(json).toHaveResourceWithProperties(PrivateEndpoint, {
      subnet_id: PROPS.privateEndpointSubnetId,
      private_service_connection: expect.objectContaining({ subresource_names: ['blob'], is_manual_connection: false }),
      private_dns_zone_group: expect.objectContaining({ private_dns_zone_ids: [PROPS.blobPrivateDnsZoneId] }),
    });
  });

  it('creates one container per configured name', () => {
    const containers = JSON.parse(synth({ containerNames: ['evidence', 'disclosure'] })).resource
      .azurerm_storage_container;
    expect(
      Object.values(containers)
        .map((c: any) => c.name)
        .sort(),
    ).toEqual(['disclosure', 'evidence']);
  });

  it('refuses bad input, naming every problem and the construct path', () => {
    expect(() =>
      synth({
        accountName: 'Evidence_Store',
        location: 'westeurope',
        replication: 'LRS' as never,
        softDeleteDays: 0,
        coolAfterDays: 400,
        coldAfterDays: 300,
      }),
    ).toThrow(
      /EvidenceStore: accountName "Evidence_Store".*location "westeurope" is outside the UK.*replication "LRS" is not zone-redundant.*softDeleteDays must be an integer from 1 to 365.*coldAfterDays \(300\) must be greater than coolAfterDays \(400\)/,
    );
    expect(() => synth({ containerNames: ['Evidence'] })).toThrow(/container name "Evidence"/);
  });
});
