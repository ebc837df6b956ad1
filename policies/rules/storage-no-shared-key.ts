import { ALL_STACK_KINDS, expectBoolean, type ResourceRule } from '../rule';

/** Entra ID only: account keys are long-lived, all-powerful and cannot be attributed to a person. */
export const storageNoSharedKey: ResourceRule = {
  scope: 'resource',
  stackKinds: ALL_STACK_KINDS,
  types: ['azurerm_storage_account'],
  meta: {
    id: 'BL-STG-005',
    title: 'Storage accounts disable shared key (account key) authorisation',
    severity: 'medium',
    rationale:
      'Account keys grant full access, never expire and leave no identity in the logs; Entra ID authorisation is attributable and revocable.',
    ncsc: ['10', '9.2'],
    mirrors: { checkov: ['CKV2_AZURE_40'], azurePolicy: ['8c6a50c6-9ffd-4ae7-986f-5fa6111f9a54'] },
    waivable: true,
  },
  check: (r) => expectBoolean(r, 'shared_access_key_enabled', false, true),
};
