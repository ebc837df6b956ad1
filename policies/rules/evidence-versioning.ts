import { isEvidenceStore } from '../evidence';
import { isUnknown } from '../terraform-json';
import { fail, notApplicable, pass, show, unknown, valueAt, type ResourceRule } from '../rule';

/** Every change to evidence leaves a version and a change-feed record. */
export const evidenceVersioning: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_storage_account'],
  meta: {
    id: 'BL-EVD-003',
    title: 'Evidence stores keep blob versions and a change feed',
    severity: 'high',
    rationale:
      'Version-level immutability needs versioning, and the change feed is the audit trail of every create, update and delete: continuity of evidence depends on both.',
    ncsc: ['2.3', '13'],
    mirrors: {},
    waivable: true,
  },
  configFields: ['services.evidenceStore.enabled'],
  check(r) {
    if (!isEvidenceStore(r)) return notApplicable();
    for (const key of ['versioning_enabled', 'change_feed_enabled']) {
      const v = valueAt(r.values, `blob_properties.${key}`);
      if (isUnknown(v)) return unknown(`blob_properties.${key} is ${show(v)}`);
      if (v !== true) return fail(`blob_properties.${key} is ${show(v)}; must be true`);
    }
    return pass();
  },
};
