/**
 * The shape of the drift records the SOC receives, written once: the national stack's table and
 * data collection rule (drift-ingestion.ts), its analytics rules (drift-analytics-rules.ts) and
 * `bluelamp drift --to-sentinel` (delivery/drift-records.ts) all read it from here.
 */

/** The custom table drift records land in, in the NMC SOC workspace. */
export const DRIFT_TABLE = 'BlueLampDrift_CL';
/** The Logs Ingestion API stream the drift pipeline posts to (`.../streams/Custom-BlueLampDrift_CL`). */
export const DRIFT_STREAM = `Custom-${DRIFT_TABLE}`;

/**
 * The columns of a drift record, one row per stack per drift run: `bluelamp drift --to-sentinel`
 * writes exactly these. Types as the data collection rule's stream declaration spells them; the
 * table uses Log Analytics' names (`dateTime`), see tableColumns.
 */
export const DRIFT_COLUMNS = [
  ['TimeGenerated', 'datetime'],
  ['RunId', 'string'],
  ['Stack', 'string'],
  ['Status', 'string'],
  ['DriftedCount', 'int'],
  ['SecurityDriftCount', 'int'],
  ['Drifted', 'dynamic'],
  ['Message', 'string'],
  ['RunUrl', 'string'],
] as const;

/**
 * Resource types whose drift the SOC treats as a security event, by what they guard: a changed
 * NSG, firewall, role assignment, Key Vault, storage network rule or diagnostic setting is how an
 * attacker (or a hurried engineer) opens a path or blinds the SOC. The analytics rule and the
 * `SecurityDriftCount` column both read this one list.
 */
export const SECURITY_RELEVANT_DRIFT: Readonly<Record<string, string>> = {
  azurerm_network_security_group: 'network security group',
  azurerm_network_security_rule: 'network security group',
  azurerm_subnet_network_security_group_association: 'network security group',
  azurerm_network_interface_security_group_association: 'network security group',
  azurerm_firewall: 'firewall',
  azurerm_firewall_policy: 'firewall',
  azurerm_firewall_policy_rule_collection_group: 'firewall',
  azurerm_firewall_network_rule_collection: 'firewall',
  azurerm_firewall_nat_rule_collection: 'firewall',
  azurerm_firewall_application_rule_collection: 'firewall',
  azurerm_role_assignment: 'role assignment',
  azurerm_role_definition: 'role assignment',
  azurerm_key_vault: 'key vault',
  azurerm_key_vault_access_policy: 'key vault',
  // Network rules live on the account itself as well as in their own resource.
  azurerm_storage_account: 'storage network rules',
  azurerm_storage_account_network_rules: 'storage network rules',
  azurerm_monitor_diagnostic_setting: 'diagnostic settings',
  azurerm_monitor_aad_diagnostic_setting: 'diagnostic settings',
};

/** `module.a.azurerm_key_vault.Vault[0]` -> `azurerm_key_vault`; `data.` sources keep their type too. */
export function resourceTypeOf(address: string): string {
  const parts = address.split('.');
  let i = 0;
  while (parts[i] === 'module' && i + 2 < parts.length) i += 2;
  if (parts[i] === 'data') i++;
  return (parts[i] ?? '').replace(/\[.*$/, '');
}

/** What a drifted resource guards when the SOC treats its drift as a security event, else undefined. */
export function securityCategoryOf(address: string): string | undefined {
  return SECURITY_RELEVANT_DRIFT[resourceTypeOf(address)];
}
