import { isUnknown } from '../terraform-json';
import { fail, pass, show, unknown, valueAt, type ResourceRule } from '../rule';

/** Days of soft delete the state account keeps at least: long enough to notice over a holiday. */
const MIN_STATE_RETENTION_DAYS = 30;

/**
 * Every version of every state file is kept, and a deleted state file or container can be brought
 * back: losing state orphans every resource of a stack.
 */
export const bootstrapStateRecoverable: ResourceRule = {
  scope: 'resource',
  stackKinds: ['bootstrap'],
  types: ['azurerm_storage_account'],
  meta: {
    id: 'BL-BST-002',
    title: `The Terraform state account versions every blob and keeps deleted blobs and containers ${MIN_STATE_RETENTION_DAYS}+ days`,
    severity: 'high',
    rationale:
      'A corrupted, overwritten or deleted state file makes Terraform forget the resources it manages: the next apply re-creates them or fails. Versions and soft delete let the NMC restore the last good state.',
    ncsc: ['2.6', '5.4'],
    mirrors: { checkov: ['CKV2_AZURE_38'], azurePolicy: ['9fbd64e3-67b8-489b-98e5-fa0007d17e76'] },
    waivable: true,
  },
  check(r) {
    const problems: string[] = [];
    const versioning = valueAt(r.values, 'blob_properties.versioning_enabled');
    if (isUnknown(versioning)) return unknown(`blob_properties.versioning_enabled is ${show(versioning)}`);
    if (versioning !== true) problems.push(`blob_properties.versioning_enabled is ${show(versioning)}; must be true`);
    for (const block of ['delete_retention_policy', 'container_delete_retention_policy']) {
      const days = valueAt(r.values, `blob_properties.${block}.days`);
      if (isUnknown(days)) return unknown(`blob_properties.${block}.days is ${show(days)}`);
      if (valueAt(r.values, `blob_properties.${block}`) === undefined)
        problems.push(`blob_properties.${block} is not set`);
      // azurerm's default when the block is present is 7 days.
      else if ((days === undefined ? 7 : Number(days)) < MIN_STATE_RETENTION_DAYS)
        problems.push(`blob_properties.${block}.days is ${show(days ?? 7)}; must be >= ${MIN_STATE_RETENTION_DAYS}`);
    }
    return problems.length ? fail(problems.join('; ')) : pass();
  },
};
