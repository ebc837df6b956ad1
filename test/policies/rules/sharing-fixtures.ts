/** Minimal Terraform JSON for the evidence-sharing rules: an evidence account, a container, one assignment. */
import type { Resources } from '../harness';

export const READER =
  '/subscriptions/00000000-0000-4000-8000-00000000a001/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1';
export const CONTRIBUTOR =
  '/subscriptions/00000000-0000-4000-8000-00000000a001/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe';

export const SHARE = {
  scope: '${azurerm_storage_container.ev.resource_manager_id}',
  role_definition_id: READER,
  principal_id: '00000000-0000-4000-8000-0000000a0601',
  justification:
    'Evidence sharing DSA-1 with Crown Prosecution Service: read-only, approved 2026-11-23 by A. Okafor, SIRO',
  ticket: { number: 'DSA-1', system: 'Blue Lamp evidence sharing' },
  schedule: { expiration: { end_date_time: '2027-02-19T23:59:59Z' } },
  condition:
    "((!(ActionMatches{'x'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringStartsWith 'urn-1/'))",
  condition_version: '2.0',
};

/** The evidence store and its container, plus whatever assignments and settings a case adds. */
export function withEvidence(extra: Resources): Resources {
  return {
    azurerm_storage_account: { evidence: { name: 'stalphaevidence' } },
    azurerm_storage_container: {
      ev: { name: 'evidence', storage_account_id: '${azurerm_storage_account.evidence.id}' },
    },
    ...extra,
  };
}
