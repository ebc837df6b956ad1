import { ALL_STACK_KINDS, expectBoolean, type ResourceRule } from '../rule';

/** A second, independent layer of encryption at rest. */
export const storageInfrastructureEncryption: ResourceRule = {
  scope: 'resource',
  stackKinds: ALL_STACK_KINDS,
  types: ['azurerm_storage_account'],
  meta: {
    id: 'BL-STG-008',
    title: 'Storage accounts use infrastructure (double) encryption',
    severity: 'medium',
    rationale:
      'Infrastructure encryption adds a second AES-256 layer with a different key, so one compromised key or algorithm does not expose data at rest. It can only be set when the account is created.',
    ncsc: ['2.3'],
    mirrors: { trivy: ['AVD-AZU-0061'], cis: ['3.2'], azurePolicy: ['4733ea7b-a883-42fe-8cac-97454c2a9e4a'] },
    waivable: true,
  },
  check: (r) => expectBoolean(r, 'infrastructure_encryption_enabled', true, false),
};
