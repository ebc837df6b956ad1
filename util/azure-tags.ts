/**
 * Azure's rules for tags, and the tags Blue Lamp itself writes. Sources: Microsoft Learn, "Use tags
 * to organize your Azure resources" (limitations: 50 tags per resource; names case-insensitive;
 * names up to 512 characters, values up to 256; names cannot contain < > % & \ ? /), and the
 * azurerm provider's storage account check (internal/services/storage/validate/storage_account_tags.go:
 * tag names up to 128 characters), which binds here because every force stack has storage accounts.
 */

/** Tags on one resource. */
export const MAX_TAGS_PER_RESOURCE = 50;
/** Tag name length that every resource type accepts (storage accounts are the shortest). */
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;
/** Characters Azure refuses in tag names. */
export const FORBIDDEN_TAG_KEY_CHARACTERS = /[<>%&\\?/]/;

/** Tags Blue Lamp sets on every resource of a stack; config may not set or shadow them (managed-by comes from platform.yaml tags.common). */
export const MANAGED_TAG_KEYS = ['force', 'classification', 'cost-centre', 'managed-by'] as const;

/** The guardrail policy assignments that require tag `key`: one for resources, one for resource groups. */
export function requiredTagAssignmentNames(key: string): { resources: string; resourceGroups: string; slug: string } {
  const slug = key.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return { resources: `bl-tag-${slug}`, resourceGroups: `bl-rg-tag-${slug}`, slug };
}

/** Policy assignment names at subscription scope (Microsoft.Authorization/policyAssignments). */
export const MAX_POLICY_ASSIGNMENT_NAME_LENGTH = 64;
