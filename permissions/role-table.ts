/**
 * What the deployer (the pipeline identity) needs to create each resource type Blue Lamp writes:
 * the narrowest built-in Azure role, at which scope, or an Entra directory role, with the
 * Microsoft page that says so. One table, read by `bluelamp permissions`, the bootstrap stack's
 * role assignments and rule BL-APL-020 (a resource type missing here fails `check`, so a new type
 * cannot reach a pipeline that lacks the right to create it).
 */

/** Where an Azure role is assigned. */
export type PermissionScope =
  /** The subscription the stack deploys into. */
  | 'subscription'
  /** The hub VNet (peering from either side writes to, or `peer/action`s on, it). */
  | 'hub-virtual-network'
  /** Each hub private DNS zone (links, and endpoints' zone groups `join` them). */
  | 'hub-private-dns-zones'
  /** `/providers/Microsoft.aadiam` in the stack's tenant: Entra diagnostic settings. */
  | 'aadiam'
  /** A resource the stack creates and grants itself a data-plane role on, in the same apply. */
  | 'granted-by-the-stack';

export interface PermissionNeed {
  /** Built-in Azure role, or Entra directory role when `entra` is true. */
  readonly role: string;
  readonly scope: PermissionScope;
  /** An Entra directory role in the stack's tenant, not an Azure role. */
  readonly entra?: boolean;
  readonly source: string;
}

const BUILT_IN_ROLES = 'https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles';
const contributor: PermissionNeed = { role: 'Contributor', scope: 'subscription', source: BUILT_IN_ROLES };
const userAccessAdministrator: PermissionNeed = {
  role: 'User Access Administrator',
  scope: 'subscription',
  source: BUILT_IN_ROLES,
};
const rbacAdministrator: PermissionNeed = {
  role: 'Role Based Access Control Administrator',
  scope: 'subscription',
  source: BUILT_IN_ROLES,
};
const hubVnet: PermissionNeed = {
  role: 'Network Contributor',
  scope: 'hub-virtual-network',
  source: 'https://learn.microsoft.com/en-us/azure/virtual-network/virtual-network-manage-peering#permissions',
};
const hubZones: PermissionNeed = {
  role: 'Private DNS Zone Contributor',
  scope: 'hub-private-dns-zones',
  source: 'https://learn.microsoft.com/en-us/azure/private-link/rbac-permissions',
};
const securityAdministrator: PermissionNeed = {
  role: 'Security Administrator',
  scope: 'subscription',
  entra: true,
  source: 'https://learn.microsoft.com/en-us/azure/sentinel/data-connectors-reference',
};

/** Resource types whose only need is Contributor on the stack's subscription (Contributor's `*` actions). */
const CONTRIBUTOR_TYPES = [
  'azurerm_consumption_budget_subscription',
  'azurerm_firewall',
  'azurerm_firewall_policy',
  'azurerm_firewall_policy_rule_collection_group',
  'azurerm_key_vault',
  'azurerm_local_network_gateway',
  'azurerm_log_analytics_workspace',
  'azurerm_log_analytics_workspace_table_custom_log',
  'azurerm_monitor_data_collection_endpoint',
  'azurerm_monitor_data_collection_rule',
  'azurerm_monitor_diagnostic_setting',
  'azurerm_network_security_group',
  'azurerm_network_watcher',
  'azurerm_network_watcher_flow_log',
  'azurerm_private_dns_zone',
  'azurerm_public_ip',
  'azurerm_resource_group',
  'azurerm_resource_group_template_deployment',
  'azurerm_route_table',
  'azurerm_security_center_automation',
  'azurerm_security_center_contact',
  'azurerm_security_center_subscription_pricing',
  'azurerm_sentinel_alert_rule_scheduled',
  'azurerm_sentinel_log_analytics_workspace_onboarding',
  'azurerm_storage_account',
  'azurerm_storage_container',
  'azurerm_storage_container_immutability_policy',
  'azurerm_storage_management_policy',
  'azurerm_subnet',
  'azurerm_subnet_network_security_group_association',
  'azurerm_subnet_route_table_association',
  'azurerm_user_assigned_identity',
  'azurerm_federated_identity_credential',
  'azurerm_virtual_network',
  'azurerm_virtual_network_gateway',
  'azurerm_virtual_network_gateway_connection',
] as const;

/** Needs by resource type, for a resource on the stack's own (default) provider. */
export const RESOURCE_PERMISSIONS: Readonly<Record<string, readonly PermissionNeed[]>> = {
  ...Object.fromEntries(CONTRIBUTOR_TYPES.map((t) => [t, [contributor]])),
  // Microsoft.Authorization writes are outside Contributor (its NotActions).
  azurerm_role_assignment: [rbacAdministrator],
  azurerm_role_definition: [userAccessAdministrator],
  azurerm_role_management_policy: [userAccessAdministrator],
  azurerm_pim_eligible_role_assignment: [userAccessAdministrator],
  azurerm_management_lock: [
    {
      ...userAccessAdministrator,
      source:
        'https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/lock-resources#who-can-create-or-delete-locks',
    },
  ],
  azurerm_subscription_policy_assignment: [
    { role: 'Resource Policy Contributor', scope: 'subscription', source: BUILT_IN_ROLES },
  ],
  // Onboarding to Lighthouse needs Microsoft.Authorization/roleAssignments/write in the customer subscription.
  azurerm_lighthouse_definition: [
    contributor,
    {
      ...rbacAdministrator,
      source: 'https://learn.microsoft.com/en-us/azure/lighthouse/how-to/onboard-customer',
    },
  ],
  azurerm_lighthouse_assignment: [
    contributor,
    { ...rbacAdministrator, source: 'https://learn.microsoft.com/en-us/azure/lighthouse/how-to/onboard-customer' },
  ],
  // The Entra diagnostic-settings API checks this Azure role, not an Entra role (azurerm
  // monitor_aad_diagnostic_setting docs, hashicorp/terraform-provider-azurerm#31440).
  azurerm_monitor_aad_diagnostic_setting: [
    {
      role: 'Contributor',
      scope: 'aadiam',
      source:
        'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/monitor_aad_diagnostic_setting',
    },
  ],
  azurerm_sentinel_data_connector_office_365: [contributor, securityAdministrator],
  azurerm_sentinel_data_connector_azure_active_directory: [contributor, securityAdministrator],
  azurerm_sentinel_data_connector_microsoft_threat_protection: [contributor, securityAdministrator],
  // Secrets are written over the vault's data plane; the stack assigns Key Vault Secrets Officer
  // to the applying identity on that vault (BoxConnector), which the RBAC administrator role allows.
  azurerm_key_vault_secret: [
    {
      role: 'Key Vault Secrets Officer',
      scope: 'granted-by-the-stack',
      source: 'https://learn.microsoft.com/en-us/azure/key-vault/general/rbac-guide',
    },
  ],
  // Peering writes the local side and needs `peer/action` on the remote (hub) VNet.
  azurerm_virtual_network_peering: [contributor],
  azurerm_private_dns_zone_virtual_network_link: [contributor],
  azurerm_private_endpoint: [contributor],
};

/**
 * Roles that hold every action of another, so a manifest lists only the larger one:
 * User Access Administrator has `Microsoft.Authorization/*`; Contributor has `*` outside it.
 */
export const SUBSUMED_BY: Readonly<Record<string, string>> = {
  'Role Based Access Control Administrator': 'User Access Administrator',
  'Resource Policy Contributor': 'User Access Administrator',
};

/**
 * The needs of one resource: its type's, plus the hub's when it reaches into the hub from a force
 * stack (the hub side of peering and DNS links on the `hub` provider alias; the spoke side of
 * peering; private endpoints registering in hub zones). Undefined for a type the table lacks.
 */
export function permissionNeeds(
  type: string,
  context: { readonly provider?: string; readonly forceStack: boolean },
): readonly PermissionNeed[] | undefined {
  const own = RESOURCE_PERMISSIONS[type];
  if (!own) return undefined;
  const onHub = context.provider === 'azurerm.hub';
  if (type === 'azurerm_virtual_network_peering' && context.forceStack)
    return onHub ? [hubVnet] : [contributor, hubVnet];
  if (type === 'azurerm_private_dns_zone_virtual_network_link' && onHub) return [hubZones];
  if (type === 'azurerm_private_endpoint' && context.forceStack) return [contributor, hubZones];
  return own;
}
