/** Which storage accounts hold digital evidence. */
import { textOf } from './terraform-json';
import type { ResourceView } from './types';

/**
 * An evidence store is a storage account whose construct path, name or `purpose` tag says so.
 * The evidence rules apply to those accounts only.
 */
export function isEvidenceStore(r: ResourceView): boolean {
  if (r.type !== 'azurerm_storage_account') return false;
  const tags = r.values.tags as Record<string, unknown> | undefined;
  const purpose = tags && typeof tags === 'object' ? textOf(tags.purpose ?? tags.service ?? tags.workload) : '';
  return /evidence/i.test(r.constructPath ?? '') || /evidence/i.test(r.name) || /evidence/i.test(purpose);
}
