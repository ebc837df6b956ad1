/**
 * Every resource that can send diagnostic logs sends them to the SOC workspace: a cdktf Aspect
 * visits every resource in the stack at synth time and adds an `azurerm_monitor_diagnostic_setting`
 * for each resource whose type has logs. A resource added later, by any construct, is covered
 * without anyone remembering to.
 *
 * Each Terraform type is classified once, below: it has a diagnostic profile, or it is listed as
 * having no resource logs. A type in neither list gets a synth warning, and the estate test fails
 * on it, so a new type cannot slip through unclassified.
 *
 * Only settings that carry logs are created (metrics ride along where the type has them); a
 * metrics-only setting would look like coverage without giving the SOC any records.
 */
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { Annotations, Aspects, type IAspect, TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';

/** What one diagnostic setting on a resource (or one of its sub-resources) collects. */
export interface DiagnosticTarget {
  /** Appended to the resource id (`/blobServices/default`); empty for the resource itself. */
  readonly suffix: string;
  /** Log category group. `allLogs` wherever Azure offers it. */
  readonly categoryGroup: 'allLogs' | 'audit';
  /**
   * Metric category, when the type has metrics.
   * @default - no metrics (logs only)
   */
  readonly metric?: 'AllMetrics' | 'Transaction';
  /**
   * Write to resource-specific tables (`Dedicated`) rather than AzureDiagnostics.
   * @default false
   */
  readonly dedicatedTables?: boolean;
}

const all = (metric?: DiagnosticTarget['metric'], dedicatedTables?: boolean): DiagnosticTarget[] => [
  { suffix: '', categoryGroup: 'allLogs', metric, dedicatedTables },
];
const storageServices: DiagnosticTarget[] = ['blob', 'file', 'queue', 'table'].map((s) => ({
  suffix: `/${s}Services/default`,
  categoryGroup: 'allLogs',
  metric: 'Transaction',
}));

/** Terraform types that have resource logs, and what to collect from each. */
export const DIAGNOSTIC_PROFILES: Readonly<Record<string, readonly DiagnosticTarget[]>> = {
  azurerm_key_vault: all('AllMetrics'),
  // The account itself has only metrics; its logs are per service.
  azurerm_storage_account: storageServices,
  azurerm_log_analytics_workspace: all('AllMetrics'),
  azurerm_network_security_group: all(),
  azurerm_virtual_network: all('AllMetrics'),
  azurerm_public_ip: all('AllMetrics'),
  azurerm_firewall: all('AllMetrics', true),
  azurerm_virtual_network_gateway: all('AllMetrics'),
  azurerm_application_gateway: all('AllMetrics'),
  azurerm_bastion_host: all('AllMetrics'),
  azurerm_recovery_services_vault: all('AllMetrics', true),
  azurerm_automation_account: all('AllMetrics'),
  azurerm_logic_app_workflow: all('AllMetrics'),
  azurerm_logic_app_standard: all('AllMetrics'),
  azurerm_data_factory: all('AllMetrics', true),
  azurerm_mssql_database: all('AllMetrics'),
  azurerm_container_registry: all('AllMetrics'),
  azurerm_kubernetes_cluster: all('AllMetrics'),
  azurerm_eventhub_namespace: all('AllMetrics'),
  azurerm_servicebus_namespace: all('AllMetrics'),
  azurerm_cognitive_account: all('AllMetrics'),
  azurerm_search_service: all('AllMetrics'),
  azurerm_linux_web_app: all('AllMetrics'),
  azurerm_windows_web_app: all('AllMetrics'),
  azurerm_linux_function_app: all('AllMetrics'),
  azurerm_windows_function_app: all('AllMetrics'),
  azurerm_api_management: all('AllMetrics'),
  azurerm_cosmosdb_account: all(undefined),
  azurerm_postgresql_flexible_server: all('AllMetrics'),
  azurerm_mysql_flexible_server: all('AllMetrics'),
  azurerm_redis_cache: all('AllMetrics'),
  azurerm_application_insights: all('AllMetrics'),
  azurerm_mssql_server: [{ suffix: '/databases/master', categoryGroup: 'audit', metric: undefined }],
};

/**
 * Types with no resource logs of their own (their activity is in the Activity Log, or in the
 * logs of the resource they configure). Listed so that an unclassified type stands out.
 */
export const NO_RESOURCE_LOGS: ReadonlySet<string> = new Set([
  'azurerm_resource_group',
  'azurerm_management_lock',
  'azurerm_subnet',
  'azurerm_subnet_network_security_group_association',
  'azurerm_subnet_route_table_association',
  'azurerm_route_table',
  'azurerm_route',
  'azurerm_network_security_rule',
  'azurerm_virtual_network_peering',
  'azurerm_private_endpoint', // metrics only
  'azurerm_network_interface', // metrics only
  'azurerm_private_dns_zone', // metrics only
  'azurerm_private_dns_zone_virtual_network_link',
  'azurerm_network_watcher',
  'azurerm_network_watcher_flow_log', // is itself a log
  'azurerm_local_network_gateway',
  'azurerm_virtual_network_gateway_connection', // metrics only
  'azurerm_firewall_policy', // logged by the firewall that uses it
  'azurerm_firewall_policy_rule_collection_group',
  'azurerm_user_assigned_identity',
  'azurerm_federated_identity_credential',
  'azurerm_role_assignment',
  'azurerm_role_definition',
  'azurerm_role_management_policy',
  'azurerm_pim_eligible_role_assignment',
  'azurerm_pim_active_role_assignment',
  'azurerm_lighthouse_definition',
  'azurerm_lighthouse_assignment',
  'azurerm_monitor_diagnostic_setting',
  'azurerm_monitor_action_group',
  'azurerm_monitor_activity_log_alert',
  'azurerm_monitor_scheduled_query_rules_alert_v2',
  'azurerm_monitor_data_collection_rule', // metrics only
  'azurerm_monitor_data_collection_endpoint',
  'azurerm_monitor_data_collection_rule_association',
  'azurerm_security_center_subscription_pricing',
  'azurerm_security_center_contact',
  'azurerm_security_center_automation',
  'azurerm_security_center_setting',
  'azurerm_security_center_workspace',
  'azurerm_subscription_policy_assignment',
  'azurerm_subscription_policy_exemption',
  'azurerm_resource_group_policy_assignment',
  'azurerm_consumption_budget_subscription',
  'azurerm_consumption_budget_resource_group',
  'azurerm_key_vault_secret',
  'azurerm_key_vault_key',
  'azurerm_storage_container',
  'azurerm_storage_container_immutability_policy',
  'azurerm_storage_management_policy',
  'azurerm_storage_share',
  'azurerm_storage_queue',
  'azurerm_storage_table',
  'azurerm_service_plan', // metrics only
  'azurerm_api_connection',
  'azurerm_log_analytics_solution',
  'azurerm_log_analytics_linked_storage_account',
  'azurerm_log_analytics_data_export_rule',
  'azurerm_log_analytics_workspace_table',
  'azurerm_log_analytics_workspace_table_custom_log',
  'azurerm_monitor_aad_diagnostic_setting', // is itself a log route (Entra ID)
  // An ARM deployment has no logs; what it deploys is classified by whoever writes it.
  'azurerm_resource_group_template_deployment',
]);

/** Whether a Terraform type gets diagnostic settings, has no logs, or has not been classified. */
export function classifyResourceType(type: string): 'diagnosed' | 'no-resource-logs' | 'unclassified' {
  if (DIAGNOSTIC_PROFILES[type]) return 'diagnosed';
  if (NO_RESOURCE_LOGS.has(type) || type.startsWith('azurerm_sentinel_')) return 'no-resource-logs';
  return 'unclassified';
}

export interface DiagnosticsProps {
  /** Resource id of the Log Analytics workspace that receives every resource's logs. */
  readonly workspaceId: string;
  /**
   * Name of each diagnostic setting (unique per target resource).
   * @default 'diag-bluelamp-soc'
   */
  readonly settingName?: string;
}

const COVERED = Symbol.for('bluelamp.diagnostics.covered');

/** The Aspect. Use {@link sendAllDiagnosticsTo}. */
export class Diagnostics implements IAspect {
  private readonly settingName: string;

  constructor(private readonly props: DiagnosticsProps) {
    this.settingName = props.settingName ?? 'diag-bluelamp-soc';
  }

  visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) return;
    const marked = node as unknown as Record<symbol, boolean>;
    if (marked[COVERED]) return;
    const type = node.terraformResourceType;
    if (!type.startsWith('azurerm_')) return;
    const profile = DIAGNOSTIC_PROFILES[type];
    if (!profile) {
      if (classifyResourceType(type) === 'unclassified') {
        Annotations.of(node).addWarning(
          `${type} is not classified in constructs/diagnostics.ts: add a diagnostic profile or list it under NO_RESOURCE_LOGS`,
        );
      }
      return;
    }
    marked[COVERED] = true;
    const scope = node.node.scope;
    if (!scope) return;
    const id = (node as unknown as { id: string }).id;
    profile.forEach((target, i) => {
      new MonitorDiagnosticSetting(scope, `${node.node.id}Diagnostics${i === 0 ? '' : i + 1}`, {
        provider: node.provider,
        name: this.settingName,
        targetResourceId: `${id}${target.suffix}`,
        logAnalyticsWorkspaceId: this.props.workspaceId,
        logAnalyticsDestinationType: target.dedicatedTables ? 'Dedicated' : undefined,
        enabledLog: [{ categoryGroup: target.categoryGroup }],
        enabledMetric: target.metric ? [{ category: target.metric }] : undefined,
      });
    });
  }
}

/** Adds the diagnostics aspect to `scope` (normally the whole stack). */
export function sendAllDiagnosticsTo(scope: IConstruct, props: DiagnosticsProps): void {
  Aspects.of(scope).add(new Diagnostics(props));
}
