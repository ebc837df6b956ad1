import { isUnknown } from '../terraform-json';
import { ALL_STACK_KINDS, fail, pass, show, unknown, valueAt, type ResourceRule } from '../rule';

const MIN_DAYS = 7;

/** Deleted blobs and containers can be recovered. */
export const storageSoftDelete: ResourceRule = {
  scope: 'resource',
  stackKinds: ALL_STACK_KINDS,
  types: ['azurerm_storage_account'],
  meta: {
    id: 'BL-STG-007',
    title: `Storage accounts keep deleted blobs and containers for at least ${MIN_DAYS} days`,
    severity: 'medium',
    rationale:
      'Soft delete lets an accidental or malicious deletion be undone, which ransomware and insider incidents rely on being impossible.',
    ncsc: ['2.6', '5.4'],
    mirrors: {
      checkov: ['CKV2_AZURE_38'],
      trivy: ['AVD-AZU-0056'],
      cis: ['3.11'],
      azurePolicy: ['9fbd64e3-67b8-489b-98e5-fa0007d17e76'],
    },
    waivable: true,
  },
  check(r) {
    const problems: string[] = [];
    for (const path of [
      'blob_properties.delete_retention_policy.days',
      'blob_properties.container_delete_retention_policy.days',
    ]) {
      const block = valueAt(r.values, path.replace(/\.days$/, ''));
      if (isUnknown(block)) return unknown(`${path} is ${show(block)}`);
      if (block === undefined) {
        problems.push(`${path.replace(/\.days$/, '')} is not set`);
        continue;
      }
      const days = valueAt(r.values, path);
      if (isUnknown(days)) return unknown(`${path} is ${show(days)}`);
      // azurerm's default when the block is present is 7 days.
      const effective = days === undefined ? 7 : Number(days);
      if (effective < MIN_DAYS) problems.push(`${path} is ${effective}; must be >= ${MIN_DAYS}`);
    }
    return problems.length ? fail(problems.join('; ')) : pass();
  },
};
