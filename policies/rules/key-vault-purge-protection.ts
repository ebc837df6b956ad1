import { expectBoolean, type ResourceRule } from '../rule';

/** A deleted vault (and its keys) cannot be purged before its retention ends. */
export const keyVaultPurgeProtection: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_key_vault'],
  meta: {
    id: 'BL-KV-001',
    title: 'Key Vaults have purge protection',
    severity: 'high',
    rationale:
      'Without purge protection an attacker or a mistake can permanently destroy the keys that protect police data and the secrets connectors use.',
    ncsc: ['2.3', '2.6'],
    mirrors: {
      checkov: ['CKV_AZURE_110', 'CKV_AZURE_42'],
      trivy: ['AVD-AZU-0016'],
      cis: ['8.5'],
      azurePolicy: ['0b60c0b2-2dc2-4e1c-b5c9-abbed971de53'],
    },
    waivable: true,
  },
  check: (r) => expectBoolean(r, 'purge_protection_enabled', true, false),
};
