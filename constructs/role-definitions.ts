/**
 * Azure built-in role definition ids (the same GUID in every tenant), by role name.
 * Lighthouse authorisations and PIM schedules need the GUID, not the name.
 *
 * Owner and User Access Administrator are listed only so that code can refuse them by id.
 */
export const BUILT_IN_ROLES = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'Security Reader': '39bc4728-0917-49c7-9d2c-d95423bc2eb4',
  'Security Admin': 'fb1c8493-542b-48eb-b624-b4c8fea62acd',
  'Log Analytics Reader': '73c42c96-874c-492b-b04d-ab87d138a893',
  'Log Analytics Contributor': '92aaf0da-9dab-42b6-94a3-d43ce8d16293',
  'Monitoring Reader': '43d0d8ad-25c7-4714-9337-8ba259a9fe05',
  'Microsoft Sentinel Reader': '8d289c81-5878-46d4-8554-54e1e3d8b5cb',
  'Microsoft Sentinel Responder': '3e150937-b8fe-4cfb-8069-0eaf05ecd056',
  'Microsoft Sentinel Contributor': 'ab8e14d6-4a74-4a29-9ba8-549422addade',
  'Microsoft Sentinel Automation Contributor': 'f4c81013-99ee-4d62-a7ee-b3f1f648599a',
  'Network Contributor': '4d97b98b-1d4f-4787-a291-c67834d212e7',
  'Key Vault Administrator': '00482a5a-887f-4fb3-b363-3b7fe8e74483',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  // Read and list blobs, nothing else: the one role a criminal justice partner is given on evidence.
  'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  'Key Vault Secrets Officer': 'b86a8fe4-44ce-4948-aee5-eccb2c479cd7',
  'Role Based Access Control Administrator': 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  'Private DNS Zone Contributor': 'b12aa53e-6015-4669-85d0-8515ebb3ae7f',
  'Resource Policy Contributor': '36243c78-bf99-498c-9df9-86d9f8d28608',
} as const;

export type BuiltInRoleName = keyof typeof BUILT_IN_ROLES;

/** Roles that are never granted standing, nor delegated to the NMC. */
export const PRIVILEGED_ROLE_IDS: readonly string[] = [
  BUILT_IN_ROLES.Owner,
  BUILT_IN_ROLES['User Access Administrator'],
];

/**
 * Roles in the table above that carry `DataActions`. Azure Lighthouse refuses any role with data
 * actions in a delegation, so these can never be delegated to the NMC.
 */
export const DATA_ACTION_ROLE_IDS: readonly string[] = [
  BUILT_IN_ROLES['Key Vault Administrator'],
  BUILT_IN_ROLES['Key Vault Secrets User'],
  BUILT_IN_ROLES['Storage Blob Data Reader'],
  BUILT_IN_ROLES['Key Vault Secrets Officer'],
  BUILT_IN_ROLES['Storage Blob Data Contributor'],
];

/** The GUID of a built-in role; throws on a name this table does not know. */
export function builtInRoleId(name: string): string {
  const id = (BUILT_IN_ROLES as Record<string, string>)[name];
  if (!id)
    throw new Error(
      `role-definitions: no built-in role named "${name}"; known: ${Object.keys(BUILT_IN_ROLES).join(', ')}`,
    );
  return id;
}

/** The full role definition id at a scope (`<scope>/providers/Microsoft.Authorization/roleDefinitions/<guid>`). */
export function roleDefinitionIdAt(scope: string, name: string): string {
  return `${scope}/providers/Microsoft.Authorization/roleDefinitions/${builtInRoleId(name)}`;
}
