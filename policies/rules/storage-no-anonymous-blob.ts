import { ALL_STACK_KINDS, expectBoolean, type ResourceRule } from '../rule';

/** No container of the account can be made anonymously readable. */
export const storageNoAnonymousBlob: ResourceRule = {
  scope: 'resource',
  stackKinds: ALL_STACK_KINDS,
  types: ['azurerm_storage_account'],
  meta: {
    id: 'BL-STG-004',
    title: 'Storage accounts forbid anonymous blob access',
    severity: 'high',
    rationale:
      'Anonymous (public) containers are the most common cause of cloud data leaks; the account-level switch stops any container from being made public.',
    ncsc: ['2.3', '11'],
    mirrors: {
      checkov: ['CKV_AZURE_190', 'CKV2_AZURE_47'],
      trivy: ['AVD-AZU-0007'],
      cis: ['3.7'],
      azurePolicy: ['4fa4b6c0-31ca-4c0d-b10d-24b96f62a751'],
    },
    waivable: true,
  },
  check: (r) => expectBoolean(r, 'allow_nested_items_to_be_public', false, true),
};
