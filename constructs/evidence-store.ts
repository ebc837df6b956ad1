import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageContainerImmutabilityPolicy } from '@cdktf/provider-azurerm/lib/storage-container-immutability-policy';
import { StorageManagementPolicy } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { EVIDENCE_RETENTION_DAYS, isUkRegion, UK_REGIONS } from '../util/platform-facts';
import { PrivateLinkEndpoint } from './private-link-endpoint';

/** Zone-redundant replication types. LRS/GRS keep every copy in one datacentre per region, too weak for evidence. */
export type EvidenceReplication = 'ZRS' | 'GZRS' | 'RAGZRS';

export interface EvidenceStoreProps {
  /** Storage account name: 3-24 lower-case letters and digits, unique across Azure. */
  readonly accountName: string;
  /** Resource group of the account and its private endpoint (the force's evidence group). */
  readonly resourceGroupName: string;
  /** The force's region (uksouth or ukwest). */
  readonly location: string;
  /** Private-endpoint subnet in the force spoke. */
  readonly privateEndpointSubnetId: string;
  /** Id of the hub's `privatelink.blob.core.windows.net` private DNS zone. */
  readonly blobPrivateDnsZoneId: string;
  /**
   * Days every blob version stays immutable (WORM) after it is written.
   * @default 2555 (7 years)
   */
  readonly retentionDays?: number;
  /**
   * Containers to create.
   * @default ['evidence']
   */
  readonly containerNames?: readonly string[];
  /**
   * Replication. Geo-zone-redundant pairs uksouth with ukwest, so data stays in the UK either way.
   * @default 'ZRS'
   */
  readonly replication?: EvidenceReplication;
  /**
   * Move blobs (and older versions) to the cool tier this many days after they are written.
   * @default 90
   */
  readonly coolAfterDays?: number;
  /**
   * Move blobs (and older versions) to the cold tier this many days after they are written. Cold,
   * not archive: Azure offers the archive tier only on LRS/GRS accounts, never on zone-redundant ones.
   * @default 365
   */
  readonly coldAfterDays?: number;
  /**
   * Days a deleted blob or version can be recovered (1-365). Immutability already refuses deletes
   * inside the retention period; this covers what is deleted after it.
   * @default 365
   */
  readonly softDeleteDays?: number;
  /**
   * Days the change feed (the log of every create, update and delete) is kept.
   * @default - the same as retentionDays
   */
  readonly changeFeedRetentionDays?: number;
  /**
   * Tags for the resources that take them.
   * @default - none (the stack's tagging Aspect adds the mandatory tags)
   */
  readonly tags?: Record<string, string>;
}

/**
 * Storage for digital evidence that no one can alter or delete within its retention period:
 * version-level immutability (WORM) set as the account default so it covers every container and
 * every blob version, versioning, change feed, soft delete, no shared keys and no public network
 * access (reachable only through a private endpoint in the spoke), infrastructure (double)
 * encryption, tiering to cool and cold, and `prevent_destroy` on the account and containers.
 *
 * WORM holds from the first apply: each container gets a time-based immutability policy that the
 * provider locks as it creates it (create, then lock, in one apply), so no one can shorten it or
 * delete the container or the account while it stands. The account-level default policy can only
 * be created Unlocked (Azure refuses Locked at creation); it makes new containers immutable by
 * default, and Terraform ignores its state so that locking it later is not planned away.
 */
export class EvidenceStore extends Construct {
  readonly storageAccountId: string;
  readonly storageAccountName: string;
  /**
   * The blob service (`<account id>/blobServices/default`): the diagnostic-setting target whose
   * StorageRead/StorageWrite/StorageDelete logs record every access to evidence.
   */
  readonly blobServiceId: string;
  /** Resource manager ids of the containers, by name. */
  readonly containerIds: Record<string, string>;

  constructor(scope: Construct, id: string, props: EvidenceStoreProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? 2555;
    const containerNames = props.containerNames ?? ['evidence'];
    const coolAfterDays = props.coolAfterDays ?? 90;
    const coldAfterDays = props.coldAfterDays ?? 365;
    const softDeleteDays = props.softDeleteDays ?? 365;
    const changeFeedRetentionDays = props.changeFeedRetentionDays ?? retentionDays;
    const replication = props.replication ?? 'ZRS';
    this.validate(props, {
      retentionDays,
      containerNames,
      coolAfterDays,
      coldAfterDays,
      softDeleteDays,
      changeFeedRetentionDays,
      replication,
    });

    const account = new StorageAccount(this, 'Account', {
      name: props.accountName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      accountReplicationType: replication,
      accessTier: 'Hot',
      minTlsVersion: 'TLS1_2',
      httpsTrafficOnlyEnabled: true,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      publicNetworkAccessEnabled: false,
      allowNestedItemsToBePublic: false,
      infrastructureEncryptionEnabled: true,
      crossTenantReplicationEnabled: false,
      // Copies into or out of this account only between accounts reached over private link.
      allowedCopyScope: 'PrivateLink',
      localUserEnabled: false,
      sftpEnabled: false,
      networkRules: { defaultAction: 'Deny', bypass: ['AzureServices'] },
      immutabilityPolicy: {
        state: 'Unlocked',
        periodSinceCreationInDays: retentionDays,
        allowProtectedAppendWrites: false,
      },
      blobProperties: {
        versioningEnabled: true,
        changeFeedEnabled: true,
        changeFeedRetentionInDays: changeFeedRetentionDays,
        deleteRetentionPolicy: { days: softDeleteDays },
        containerDeleteRetentionPolicy: { days: softDeleteDays },
      },
      tags: props.tags,
      lifecycle: { preventDestroy: true, ignoreChanges: ['immutability_policy[0].state'] },
    });
    this.storageAccountId = account.id;
    this.storageAccountName = account.name;
    this.blobServiceId = `${account.id}/blobServices/default`;

    this.containerIds = {};
    for (const name of containerNames) {
      const container = new StorageContainer(this, `${pascal(name)}Container`, {
        name,
        storageAccountId: account.id,
        containerAccessType: 'private',
        lifecycle: { preventDestroy: true },
      });
      new StorageContainerImmutabilityPolicy(this, `${pascal(name)}Retention`, {
        storageContainerResourceManagerId: container.resourceManagerId,
        immutabilityPeriodInDays: retentionDays,
        // Locked is one-way: after this, the period can only be extended.
        locked: true,
        protectedAppendWritesEnabled: false,
        lifecycle: { preventDestroy: true },
      });
      this.containerIds[name] = container.resourceManagerId;
    }

    new StorageManagementPolicy(this, 'Tiering', {
      storageAccountId: account.id,
      rule: [
        {
          name: 'evidence-tiering',
          enabled: true,
          filters: { blobTypes: ['blockBlob'] },
          // Tiering only: nothing is ever deleted automatically. Disposal after the retention period
          // is a records-management decision, not a timer.
          actions: {
            baseBlob: {
              tierToCoolAfterDaysSinceModificationGreaterThan: coolAfterDays,
              tierToColdAfterDaysSinceModificationGreaterThan: coldAfterDays,
            },
            version: {
              changeTierToCoolAfterDaysSinceCreation: coolAfterDays,
              tierToColdAfterDaysSinceCreationGreaterThan: coldAfterDays,
            },
          },
        },
      ],
    });

    new PrivateLinkEndpoint(this, 'BlobEndpoint', {
      name: props.accountName,
      targetResourceId: account.id,
      subresource: 'blob',
      subnetId: props.privateEndpointSubnetId,
      privateDnsZoneIds: [props.blobPrivateDnsZoneId],
      resourceGroupName: props.resourceGroupName,
      location: props.location,
    });
  }

  private validate(
    props: EvidenceStoreProps,
    v: {
      retentionDays: number;
      containerNames: readonly string[];
      coolAfterDays: number;
      coldAfterDays: number;
      softDeleteDays: number;
      changeFeedRetentionDays: number;
      replication: string;
    },
  ): void {
    const problems: string[] = [];
    const literal = (x: string | number) => !Token.isUnresolved(x);
    const days = (name: string, value: number, min: number, max: number) => {
      if (literal(value) && (!Number.isInteger(value) || value < min || value > max))
        problems.push(`${name} must be an integer from ${min} to ${max} (got ${value})`);
    };
    if (literal(props.accountName) && !/^[a-z0-9]{3,24}$/.test(props.accountName))
      problems.push(`accountName "${props.accountName}" must be 3-24 lower-case letters and digits`);
    if (literal(props.location) && !isUkRegion(props.location))
      problems.push(`location "${props.location}" is outside the UK; use ${UK_REGIONS.join(' or ')}`);
    if (!['ZRS', 'GZRS', 'RAGZRS'].includes(v.replication))
      problems.push(`replication "${v.replication}" is not zone-redundant; use ZRS, GZRS or RAGZRS`);
    days('retentionDays', v.retentionDays, EVIDENCE_RETENTION_DAYS.min, EVIDENCE_RETENTION_DAYS.max);
    days('coolAfterDays', v.coolAfterDays, 0, 99999);
    days('coldAfterDays', v.coldAfterDays, 0, 99999);
    days('softDeleteDays', v.softDeleteDays, 1, 365);
    days(
      'changeFeedRetentionDays',
      v.changeFeedRetentionDays,
      EVIDENCE_RETENTION_DAYS.min,
      EVIDENCE_RETENTION_DAYS.max,
    );
    if (literal(v.coolAfterDays) && literal(v.coldAfterDays) && v.coldAfterDays <= v.coolAfterDays)
      problems.push(`coldAfterDays (${v.coldAfterDays}) must be greater than coolAfterDays (${v.coolAfterDays})`);
    if (v.containerNames.length === 0) problems.push('containerNames must name at least one container');
    for (const name of v.containerNames) {
      if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(name))
        problems.push(`container name "${name}" must be 3-63 lower-case letters, digits and single hyphens`);
    }
    if (new Set(v.containerNames).size !== v.containerNames.length) problems.push('containerNames has duplicates');
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join('; ')}`);
  }
}

function pascal(kebab: string): string {
  return kebab
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
