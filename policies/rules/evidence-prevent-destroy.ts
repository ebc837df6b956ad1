import { isEvidenceStore } from '../evidence';
import { fail, notApplicable, pass, unknown, type ResourceRule } from '../rule';

/** No plan can delete the evidence account: Terraform refuses any plan that would. */
export const evidencePreventDestroy: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_storage_account'],
  meta: {
    id: 'BL-EVD-002',
    title: 'Evidence stores have lifecycle prevent_destroy',
    severity: 'critical',
    rationale:
      'A renamed construct or a mistaken change can make Terraform plan to replace the account; prevent_destroy makes such a plan fail instead of destroying evidence.',
    ncsc: ['2.6', '5.1'],
    mirrors: {},
    waivable: true,
  },
  configFields: ['services.evidenceStore.enabled'],
  check(r) {
    if (!isEvidenceStore(r)) return notApplicable();
    if (!r.lifecycle && r.actions)
      return unknown('a plan does not record lifecycle settings; check the synthesised configuration');
    return r.lifecycle?.prevent_destroy === true ? pass() : fail('lifecycle.prevent_destroy is not true');
  },
};
