import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { Construct } from 'constructs';
import { checkName } from './naming';

export interface StateStorageAccountProps {
  /** Resource group of the state account (platform.yaml stateBackend.resourceGroupName). */
  readonly resourceGroupName: string;
  /** State storage account name: 3-24 lower-case letters and digits. */
  readonly storageAccountName: string;
  /** Blob container holding every stack's state file. */
  readonly containerName: string;
  /** Region of the account (uksouth or ukwest). */
  readonly location: string;
  /**
   * Days deleted or overwritten state versions can be recovered.
   * @default 90
   */
  readonly softDeleteDays?: number;
  /**
   * Leave public network access on (Entra-authenticated, still no keys). Only for the first apply,
   * before the hub and its runners exist (docs/bootstrap.md); pass a Terraform variable, not `true`.
   * @default false
   */
  readonly publicNetworkAccessEnabled?: boolean | string;
}

/**
 * The Terraform state account every stack's backend points at: Entra ID only (no shared keys),
 * no public network access, TLS 1.2, every blob versioned, deleted blobs and containers
 * recoverable, and `prevent_destroy`, because losing it orphans every stack's resources.
 */
export class StateStorageAccount extends Construct {
  readonly storageAccountId: string;

  constructor(scope: Construct, id: string, props: StateStorageAccountProps) {
    super(scope, id);
    const softDeleteDays = props.softDeleteDays ?? 90;
    const problems: string[] = [];
    if (softDeleteDays < 7 || softDeleteDays > 365) problems.push(`softDeleteDays ${softDeleteDays} must be 7-365`);
    try {
      checkName('storageAccount', props.storageAccountName);
    } catch (err) {
      problems.push(`storageAccountName: ${(err as Error).message}`);
    }
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join('; ')}`);

    const group = new ResourceGroup(this, 'ResourceGroup', { name: props.resourceGroupName, location: props.location });
    const account = new StorageAccount(this, 'Account', {
      name: props.storageAccountName,
      resourceGroupName: group.name,
      location: props.location,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      accountReplicationType: props.location === 'uksouth' ? 'ZRS' : 'LRS',
      minTlsVersion: 'TLS1_2',
      httpsTrafficOnlyEnabled: true,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      allowNestedItemsToBePublic: false,
      infrastructureEncryptionEnabled: true,
      publicNetworkAccessEnabled: (props.publicNetworkAccessEnabled ?? false) as boolean,
      networkRules: { defaultAction: 'Deny', bypass: ['AzureServices'] },
      blobProperties: {
        versioningEnabled: true,
        changeFeedEnabled: true,
        deleteRetentionPolicy: { days: softDeleteDays },
        containerDeleteRetentionPolicy: { days: softDeleteDays },
      },
      lifecycle: { preventDestroy: true },
    });
    this.storageAccountId = account.id;
    new StorageContainer(this, 'Container', {
      name: props.containerName,
      storageAccountId: account.id,
      containerAccessType: 'private',
      lifecycle: { preventDestroy: true },
    });
  }
}
