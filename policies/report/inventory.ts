/**
 * Groups resource types into the categories an assurance reviewer thinks in. First match wins,
 * so the specific patterns (a Sentinel data connector is a connector, not logging) come first.
 */
import type { InventoryItem } from '../types';
import { compareText } from '../../util/text-order';

export const CATEGORIES = [
  'Network',
  'Identity',
  'Logging & SOC',
  'Guardrails',
  'Data/Evidence',
  'Connectors',
  'Other',
] as const;
export type Category = (typeof CATEGORIES)[number];

const PATTERNS: readonly (readonly [Category, RegExp])[] = [
  [
    'Connectors',
    /^azurerm_(sentinel_data_connector|logic_app|api_connection|eventhub|servicebus|function_app|linux_function_app|windows_function_app|service_plan|app_service)/,
  ],
  [
    'Logging & SOC',
    /^azurerm_(log_analytics|sentinel|monitor_|application_insights|network_watcher_flow_log|security_center|advanced_threat_protection|data_collection)/,
  ],
  [
    'Identity',
    /^(azurerm_(role_|user_assigned_identity|lighthouse|pim_|federated_identity|key_vault_access_policy)|azuread_)/,
  ],
  [
    'Guardrails',
    /^azurerm_(.*policy_(assignment|definition|set_definition|exemption|remediation)|policy_|management_lock|management_group|consumption_budget|subscription$|resource_provider_registration)/,
  ],
  [
    'Data/Evidence',
    /^azurerm_(storage_|key_vault|recovery_services|backup_|data_protection|mssql|cosmosdb|postgresql|mysql|redis)/,
  ],
  [
    'Network',
    /^azurerm_(virtual_network|subnet|network_|route|firewall|public_ip|private_endpoint|private_dns|express_route|vpn_|local_network_gateway|virtual_hub|virtual_wan|bastion|nat_gateway|application_gateway|ip_group|dns_|frontdoor|cdn_|lb)/,
  ],
];

export function categoryOf(type: string): Category {
  return PATTERNS.find(([, pattern]) => pattern.test(type))?.[0] ?? 'Other';
}

/** Items by category, in CATEGORIES order, categories with nothing left out. */
export function byCategory(items: readonly InventoryItem[]): { category: Category; items: InventoryItem[] }[] {
  const groups = new Map<Category, InventoryItem[]>(CATEGORIES.map((c) => [c, []]));
  for (const item of items) groups.get(categoryOf(item.type))!.push(item);
  return CATEGORIES.map((category) => ({
    category,
    items: groups.get(category)!.sort((a, b) => compareText(a.type, b.type) || compareText(a.address, b.address)),
  })).filter((g) => g.items.length > 0);
}
