/**
 * Terraform resource types Blue Lamp creates in a force subscription that an existing subscription
 * may already hold, with the Azure Resource Manager type Resource Graph reports for each. Types not
 * listed (role assignments, policy assignments, diagnostic settings, Sentinel rules...) are not
 * matched: they are settings on resources rather than resources a force would have built by hand,
 * and Terraform creates or updates them in place.
 */
export const ADOPTABLE_TYPES: Readonly<Record<string, string>> = {
  azurerm_resource_group: 'microsoft.resources/subscriptions/resourcegroups',
  azurerm_virtual_network: 'microsoft.network/virtualnetworks',
  azurerm_subnet: 'microsoft.network/virtualnetworks/subnets',
  azurerm_network_security_group: 'microsoft.network/networksecuritygroups',
  azurerm_route_table: 'microsoft.network/routetables',
  azurerm_network_watcher: 'microsoft.network/networkwatchers',
  azurerm_virtual_network_gateway: 'microsoft.network/virtualnetworkgateways',
  azurerm_private_endpoint: 'microsoft.network/privateendpoints',
  azurerm_log_analytics_workspace: 'microsoft.operationalinsights/workspaces',
  azurerm_key_vault: 'microsoft.keyvault/vaults',
  azurerm_storage_account: 'microsoft.storage/storageaccounts',
  azurerm_user_assigned_identity: 'microsoft.managedidentity/userassignedidentities',
  azurerm_monitor_data_collection_endpoint: 'microsoft.insights/datacollectionendpoints',
  azurerm_monitor_data_collection_rule: 'microsoft.insights/datacollectionrules',
};

/** ARM types whose name cannot change: an adopted one under another name would be replaced, not adopted. */
export const ARM_TYPE_LABELS: Readonly<Record<string, string>> = {
  'microsoft.resources/subscriptions/resourcegroups': 'resource group',
  'microsoft.network/virtualnetworks': 'virtual network',
  'microsoft.network/virtualnetworks/subnets': 'subnet',
  'microsoft.network/networksecuritygroups': 'network security group',
  'microsoft.network/routetables': 'route table',
  'microsoft.network/networkwatchers': 'network watcher',
  'microsoft.network/virtualnetworkgateways': 'virtual network gateway',
  'microsoft.network/privateendpoints': 'private endpoint',
  'microsoft.operationalinsights/workspaces': 'Log Analytics workspace',
  'microsoft.keyvault/vaults': 'key vault',
  'microsoft.storage/storageaccounts': 'storage account',
  'microsoft.managedidentity/userassignedidentities': 'managed identity',
  'microsoft.insights/datacollectionendpoints': 'data collection endpoint',
  'microsoft.insights/datacollectionrules': 'data collection rule',
};

/**
 * An Azure id with the segment keywords spelled as azurerm's id parsers expect (they compare
 * `resourceGroups`, `providers` case-sensitively; Resource Graph sometimes lower-cases them).
 */
export function canonicalAzureId(id: string): string {
  return id
    .replace(/^\/subscriptions\//i, '/subscriptions/')
    .replace(/\/resourcegroups\//i, '/resourceGroups/')
    .replace(/\/providers\//i, '/providers/');
}
