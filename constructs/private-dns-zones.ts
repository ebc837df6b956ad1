/**
 * The Private Link DNS zones the hub hosts for every force. A private endpoint in a spoke
 * registers its address in the hub zone, and every spoke is linked to every zone, so names
 * resolve to private addresses everywhere without a DNS server per force.
 *
 * Zone names are the public-cloud Private Link zones Microsoft documents for each service.
 *
 * No Azure Monitor zones (`privatelink.monitor.azure.com`, `oms`, `ods`, `agentsvc`): they only
 * make sense beside an Azure Monitor Private Link Scope, and the estate has none on purpose
 * (docs/landing-zone.md, "Azure Monitor over Private Link: not built"). Nothing here talks to
 * Azure Monitor over the network: diagnostic settings and Defender export are service to service,
 * there are no agents, and the Box poller runs in Microsoft's service. Empty zones are not
 * harmless: a name whose public answer CNAMEs into a privatelink zone is answered, in every linked
 * network, by the private zone, and an empty zone answers that the name does not exist.
 */
export const PRIVATE_DNS_ZONES = {
  blob: 'privatelink.blob.core.windows.net',
  file: 'privatelink.file.core.windows.net',
  queue: 'privatelink.queue.core.windows.net',
  table: 'privatelink.table.core.windows.net',
  dfs: 'privatelink.dfs.core.windows.net',
  vault: 'privatelink.vaultcore.azure.net',
  websites: 'privatelink.azurewebsites.net',
  servicebus: 'privatelink.servicebus.windows.net',
} as const;

export type PrivateDnsZoneKey = keyof typeof PRIVATE_DNS_ZONES;

/** Every zone name, in a stable order. */
export const PRIVATE_DNS_ZONE_NAMES: readonly string[] = Object.values(PRIVATE_DNS_ZONES);
