/**
 * Matches what Blue Lamp would create for a force against what its subscription already holds.
 *
 * Rules, in order (docs/adoption.md):
 * 1. exact: same ARM type, same resource group and same name (Azure names are case-insensitive).
 *    Only these are adopted: Azure cannot rename a resource, so any other match would be replaced.
 * 2. likely duplicate: no exact match, but the subscription has a resource of the same type
 *    (a virtual network whose address space overlaps the planned one first): Blue Lamp would create
 *    a second one beside it. Reported, never adopted.
 * Everything else in the subscription is unmanaged: listed, left alone, never deleted.
 */
import { canonicalAzureId } from './arm-types';
import type { InventoryRow } from './inventory';
import type { PlannedResource } from './planned';
import { existingSettings, settingDifferences, type ExistingSettings, type SettingDifference } from './existing';
import { cidrBlock, formatCidr, overlaps, parseCidr, type Cidr } from '../util/cidr';

export interface Match {
  readonly planned: PlannedResource;
  readonly row: InventoryRow;
  /** The id to import, with segment keywords as azurerm parses them. */
  readonly id: string;
  /** The existing settings that matter for adopting it (kept in the adoption file). */
  readonly existing: ExistingSettings;
  /** Settings where the existing resource differs from the plan: the plan would change or replace it. */
  readonly differences: readonly SettingDifference[];
}

export interface Duplicate {
  readonly planned: PlannedResource;
  readonly existing: readonly InventoryRow[];
}

export interface Conflict {
  readonly row: InventoryRow;
  readonly message: string;
}

export interface AdoptionResult {
  readonly matched: readonly Match[];
  readonly toCreate: readonly PlannedResource[];
  readonly duplicates: readonly Duplicate[];
  readonly unmanaged: readonly InventoryRow[];
  readonly conflicts: readonly Conflict[];
}

export interface MatchContext {
  /** Address ranges of the hub and every other force, with their owner, for overlap conflicts. */
  readonly otherRanges: readonly { readonly owner: string; readonly cidr: string }[];
  /** Regions data may be in. */
  readonly allowedRegions: readonly string[];
}

const NETWORK_WATCHER = 'microsoft.network/networkwatchers';

/**
 * Types a force normally has one of for the purpose Blue Lamp builds it for: another of the same
 * type under another name is worth a reviewer's look (a virtual network only when its address space
 * overlaps). Groups, NSGs, subnets and endpoints come in numbers and are not compared.
 */
const DUPLICATE_TYPES = [
  'microsoft.network/virtualnetworks',
  'microsoft.operationalinsights/workspaces',
  'microsoft.keyvault/vaults',
];

const key = (type: string, rg: string, name: string) => `${type}|${rg}|${name.toLowerCase()}`;

export function matchInventory(
  planned: readonly PlannedResource[],
  rows: readonly InventoryRow[],
  ctx: MatchContext,
): AdoptionResult {
  const byKey = new Map<string, InventoryRow>();
  const byType = new Map<string, InventoryRow[]>();
  for (const row of rows) {
    const rg = row.type === 'microsoft.resources/subscriptions/resourcegroups' ? '' : row.resourceGroup;
    byKey.set(key(row.type, rg, row.name), row);
    const list = byType.get(row.type);
    if (list) list.push(row);
    else byType.set(row.type, [row]);
  }
  const used = new Set<InventoryRow>();
  const matched: Match[] = [];
  const toCreate: PlannedResource[] = [];
  for (const p of planned) {
    const row = byKey.get(key(p.armType, p.resourceGroup, p.name));
    if (!row) {
      toCreate.push(p);
      continue;
    }
    used.add(row);
    const existing = existingSettings(p.tfType, row);
    matched.push({ planned: p, row, id: canonicalAzureId(row.id), existing, differences: differences(p, existing) });
  }

  const duplicates: Duplicate[] = [];
  const conflicts: Conflict[] = [];
  for (const p of toCreate) {
    const candidates = (byType.get(p.armType) ?? []).filter((r) => !used.has(r));
    if (candidates.length === 0) continue;
    if (p.armType === NETWORK_WATCHER) {
      // Azure allows one network watcher per region per subscription (and creates
      // NetworkWatcher_<region> itself): creating Blue Lamp's beside it fails.
      for (const r of candidates.filter((c) => c.location === p.location))
        conflicts.push({
          row: r,
          message: `is this subscription's network watcher in ${r.location}; Azure allows one per region, so ${p.address} (${p.name}) cannot be created beside it: delete it if Azure made it, or ask the NMC to adopt it`,
        });
      continue;
    }
    if (!DUPLICATE_TYPES.includes(p.armType)) continue;
    const planCidrs = (p.addressSpace ?? []).map(parseCidr);
    const existing =
      planCidrs.length > 0
        ? candidates.filter((r) => rowCidrs(r).some((c) => planCidrs.some((q) => overlaps(c, q))))
        : candidates;
    if (existing.length > 0) duplicates.push({ planned: p, existing });
  }

  const others = ctx.otherRanges.map((o) => ({ owner: o.owner, cidr: parseCidr(o.cidr), text: o.cidr }));
  for (const row of rows) {
    if (row.location && row.location !== 'global' && !ctx.allowedRegions.includes(row.location))
      conflicts.push({
        row,
        message: `is in ${row.location}, outside the UK regions (${ctx.allowedRegions.join(', ')})`,
      });
    if (row.type !== 'microsoft.network/virtualnetworks') continue;
    for (const c of rowCidrs(row)) {
      for (const o of others) {
        if (overlaps(c, o.cidr))
          conflicts.push({
            row,
            message: `address space ${formatCidr(c)} overlaps ${o.owner} (${o.text}): it cannot be peered to the hub as it stands`,
          });
      }
    }
  }

  const unmanaged = rows.filter((r) => !used.has(r) && r.type !== 'microsoft.network/virtualnetworks/subnets');
  return { matched, toCreate, duplicates, unmanaged, conflicts };
}

function rowCidrs(row: InventoryRow): Cidr[] {
  const space = row.properties.addressSpace as { addressPrefixes?: unknown } | undefined;
  const prefixes = Array.isArray(space?.addressPrefixes)
    ? space.addressPrefixes
    : typeof row.properties.addressPrefix === 'string'
      ? [row.properties.addressPrefix]
      : [];
  // A malformed prefix in an export is not ours to judge; it simply takes part in no overlap.
  return prefixes
    .map((p) => (typeof p === 'string' ? cidrBlock(p) : undefined))
    .filter((c): c is Cidr => c !== undefined);
}

function differences(p: PlannedResource, existing: ExistingSettings): SettingDifference[] {
  return settingDifferences(p.tfType, existing, (argument) =>
    p.referenced.includes(argument) ? { reference: true } : { value: p.settings[argument] },
  );
}
