/**
 * The Private Link DNS zones the hub hosts for every force. A private endpoint in a spoke
 * registers its address in the hub zone, and every spoke is linked to every zone, so names
 * resolve to private addresses everywhere without a DNS server per force.
 *
 * Zone names are the public-cloud Private Link zones Microsoft documents for each service.
 */
export const PRIVATE_DNS_ZONES = {
  blob: 'privatelink.blob.core.windows.net',
  file: 'privatelink.file.core.windows.net',
  queue: 'privatelink.queue.core.windows.net',
  table: 'privatelink.table.core.windows.net',
  dfs: 'privatelink.dfs.core.windows.net',
  vault: 'privatelink.vaultcore.azure.net',
  monitor: 'privatelink.monitor.azure.com',
  oms: 'privatelink.oms.opinsights.azure.com',
  ods: 'privatelink.ods.opinsights.azure.com',
  agentsvc: 'privatelink.agentsvc.azure-automation.net',
  websites: 'privatelink.azurewebsites.net',
  servicebus: 'privatelink.servicebus.windows.net',
} as const;

export type PrivateDnsZoneKey = keyof typeof PRIVATE_DNS_ZONES;

/** Every zone name, in a stable order. */
export const PRIVATE_DNS_ZONE_NAMES: readonly string[] = Object.values(PRIVATE_DNS_ZONES);
