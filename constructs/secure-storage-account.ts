import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkName } from './naming';
import { PrivateLinkEndpoint } from './private-link-endpoint';

export interface SecureStorageAccountProps {
  /** Globally unique account name (use `uniqueName('storageAccount', ...)` from naming.ts). */
  readonly name: string;
  /** Resource group of the account and its private endpoints. */
  readonly resourceGroupName: string;
  /** Region of the account. */
  readonly location: string;
  /**
   * Replication. ZRS keeps copies in three zones of one region; GRS pairs uksouth with ukwest,
   * both in the UK.
   * @default 'ZRS'
   */
  readonly replicationType?: 'LRS' | 'ZRS' | 'GRS' | 'GZRS';
  /** Subnet for the private endpoints. */
  readonly privateEndpointSubnetId: string;
  /**
   * Private DNS zone id per Private Link sub-resource to expose (for example
   * `{ blob: '<id of privatelink.blob.core.windows.net>' }`). One endpoint per entry.
   */
  readonly privateEndpointZones: Record<string, string>;
  /**
   * Days a deleted blob or container can be restored.
   * @default 30
   */
  readonly softDeleteDays?: number;
  /**
   * Allow trusted Azure services (Network Watcher, Defender) through the storage firewall.
   * @default true
   */
  readonly allowTrustedAzureServices?: boolean;
}

/**
 * A storage account hardened by default: HTTPS only, TLS 1.2, no public network access, no
 * anonymous blobs, no shared keys (Entra ID only), infrastructure (double) encryption, soft delete
 * for blobs and containers, no cross-tenant replication, and reachable through private endpoints.
 */
export class SecureStorageAccount extends Construct {
  readonly storageAccountId: string;
  readonly storageAccountName: string;

  constructor(scope: Construct, id: string, props: SecureStorageAccountProps) {
    super(scope, id);
    const softDeleteDays = props.softDeleteDays ?? 30;
    const problems: string[] = [];
    if (!Token.isUnresolved(props.name)) {
      try {
        checkName('storageAccount', props.name);
      } catch (err) {
        problems.push(`name: ${(err as Error).message}`);
      }
    }
    if (softDeleteDays < 7 || softDeleteDays > 365) problems.push(`softDeleteDays ${softDeleteDays} must be 7-365`);
    if (Object.keys(props.privateEndpointZones).length === 0)
      problems.push('privateEndpointZones must expose at least one sub-resource: public access is off');
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join('; ')}`);

    const account = new StorageAccount(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      accountReplicationType: props.replicationType ?? 'ZRS',
      httpsTrafficOnlyEnabled: true,
      minTlsVersion: 'TLS1_2',
      publicNetworkAccessEnabled: false,
      allowNestedItemsToBePublic: false,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      infrastructureEncryptionEnabled: true,
      crossTenantReplicationEnabled: false,
      localUserEnabled: false,
      sftpEnabled: false,
      allowedCopyScope: 'PrivateLink',
      networkRules: {
        defaultAction: 'Deny',
        bypass: props.allowTrustedAzureServices === false ? ['None'] : ['AzureServices', 'Logging', 'Metrics'],
      },
      blobProperties: {
        deleteRetentionPolicy: { days: softDeleteDays },
        containerDeleteRetentionPolicy: { days: softDeleteDays },
      },
    });
    this.storageAccountId = account.id;
    this.storageAccountName = account.name;

    for (const [subresource, zoneId] of Object.entries(props.privateEndpointZones)) {
      new PrivateLinkEndpoint(this, `${subresource.charAt(0).toUpperCase()}${subresource.slice(1)}PrivateEndpoint`, {
        name: props.name,
        targetResourceId: account.id,
        subresource,
        subnetId: props.privateEndpointSubnetId,
        privateDnsZoneIds: [zoneId],
        resourceGroupName: props.resourceGroupName,
        location: props.location,
      });
    }
  }
}
