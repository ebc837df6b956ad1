import { fail, pass, type ResourceRule } from '../rule';

/**
 * Resource types with diagnostic logs worth a SOC's attention. A resource of one of these types
 * without a diagnostic setting is invisible to Sentinel.
 */
export const DIAGNOSTIC_TYPES: readonly string[] = [
  'azurerm_key_vault',
  'azurerm_storage_account',
  'azurerm_network_security_group',
  'azurerm_virtual_network',
  'azurerm_public_ip',
  'azurerm_firewall',
  'azurerm_log_analytics_workspace',
  'azurerm_virtual_network_gateway',
  'azurerm_application_gateway',
  'azurerm_bastion_host',
  'azurerm_recovery_services_vault',
  'azurerm_automation_account',
  'azurerm_logic_app_workflow',
  'azurerm_data_factory',
  'azurerm_mssql_server',
  'azurerm_mssql_database',
  'azurerm_container_registry',
  'azurerm_kubernetes_cluster',
  'azurerm_eventhub_namespace',
  'azurerm_servicebus_namespace',
  'azurerm_cognitive_account',
  'azurerm_search_service',
  'azurerm_linux_web_app',
  'azurerm_windows_web_app',
  'azurerm_linux_function_app',
  'azurerm_windows_function_app',
  'azurerm_api_management',
  'azurerm_cosmosdb_account',
  'azurerm_postgresql_flexible_server',
  'azurerm_mysql_flexible_server',
  'azurerm_redis_cache',
];

/** Every diagnostic-capable resource sends its logs to a Log Analytics workspace. */
export const loggingDiagnosticsCoverage: ResourceRule = {
  scope: 'resource',
  types: DIAGNOSTIC_TYPES,
  meta: {
    id: 'BL-LOG-002',
    title: 'Every diagnostic-capable resource has a diagnostic setting to a Log Analytics workspace',
    severity: 'high',
    rationale:
      'Resource logs (Key Vault access, storage reads, firewall decisions) are the evidence an investigation needs; a resource without a diagnostic setting is invisible to the SOC.',
    ncsc: ['5.3', '13'],
    mirrors: { cis: ['5.1.4'], azurePolicy: ['7f89b1eb-583c-429a-8828-af049802c1d9'] },
    waivable: true,
  },
  check(r, ctx) {
    const settings = ctx.index.referrersOf(r, ['azurerm_monitor_diagnostic_setting'], 'target_resource_id');
    if (settings.length === 0) return fail('no azurerm_monitor_diagnostic_setting targets this resource');
    const toWorkspace = settings.find((s) => s.values.log_analytics_workspace_id !== undefined);
    return toWorkspace
      ? pass(`diagnostic setting ${toWorkspace.address}`)
      : fail(`diagnostic setting ${settings[0].address} sends nothing to a Log Analytics workspace`);
  },
};
