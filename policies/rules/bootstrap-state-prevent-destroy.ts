import { fail, pass, unknown, type ResourceRule } from '../rule';

/** No plan can delete the state account or its container: Terraform refuses any plan that would. */
export const bootstrapStatePreventDestroy: ResourceRule = {
  scope: 'resource',
  stackKinds: ['bootstrap'],
  types: ['azurerm_storage_account', 'azurerm_storage_container'],
  meta: {
    id: 'BL-BST-003',
    title: 'The Terraform state account and container have lifecycle prevent_destroy',
    severity: 'critical',
    rationale:
      "A renamed construct or a mistaken change could make Terraform plan to replace the account that holds every stack's state; prevent_destroy makes such a plan fail instead.",
    ncsc: ['2.6', '5.1'],
    mirrors: {},
    waivable: true,
  },
  check(r) {
    if (!r.lifecycle && r.actions)
      return unknown('a plan does not record lifecycle settings; check the synthesised configuration');
    return r.lifecycle?.prevent_destroy === true ? pass() : fail('lifecycle.prevent_destroy is not true');
  },
};
