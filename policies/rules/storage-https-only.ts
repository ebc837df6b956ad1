import { ALL_STACK_KINDS, expectBoolean, type ResourceRule } from '../rule';

/** Storage accepts HTTPS only: a plain-HTTP request carries police data in the clear. */
export const storageHttpsOnly: ResourceRule = {
  scope: 'resource',
  stackKinds: ALL_STACK_KINDS,
  types: ['azurerm_storage_account'],
  meta: {
    id: 'BL-STG-001',
    title: 'Storage accounts accept HTTPS traffic only',
    severity: 'high',
    rationale: 'Requests over plain HTTP expose data and shared access signatures to anyone on the path.',
    ncsc: ['1'],
    mirrors: {
      checkov: ['CKV_AZURE_3'],
      trivy: ['AVD-AZU-0008'],
      cis: ['3.1'],
      azurePolicy: ['404c3081-a854-4457-ae30-26a93ef643f9'],
    },
    waivable: true,
  },
  check: (r) => expectBoolean(r, 'https_traffic_only_enabled', true, true),
};
