/**
 * The settings of an existing resource that decide whether adopting it is safe: those azurerm
 * cannot change in place (a change replaces the resource, destroying what runs on it), and the
 * address space of a network (changed in place, but a removed range that is in use breaks it).
 * Read from the inventory by `bluelamp adopt`, kept in forces/<id>.adopt.yaml, recorded at synth in
 * the stack's metadata and compared by the adoption rules (policies/rules/adoption-*.ts).
 *
 * Which arguments force replacement, from hashicorp/terraform-provider-azurerm v4.55.0:
 * - name, resource_group_name (commonschema.ResourceGroupName) and location (commonschema.Location)
 *   are ForceNew on every adoptable type; names and resource groups have no DiffSuppressFunc, so a
 *   difference in case alone replaces the resource; location compares normalised
 *   (go-azure-helpers location.Normalize: lower case, no spaces).
 * - azurerm_subnet: virtual_network_name (network/subnet_resource.go).
 * - azurerm_storage_account (storage/storage_account_resource.go): account_tier, is_hns_enabled,
 *   nfsv3_enabled, infrastructure_encryption_enabled are ForceNew; account_kind is replaced unless the
 *   old kind is Storage or the new one StorageV2 (CustomizeDiff); account_replication_type is replaced
 *   between the LRS/GRS/RAGRS and ZRS/GZRS/RAGZRS families (ForceNewIfChange).
 * - azurerm_log_analytics_workspace (loganalytics/log_analytics_workspace_resource.go): sku is
 *   replaced unless the old one is LACluster or empty, or the change is CapacityReservation <-> PerGB2018.
 * - azurerm_virtual_network_gateway (network/virtual_network_gateway_resource.go): type, vpn_type
 *   (default RouteBased), generation (optional and computed: unset keeps what exists) and
 *   private_ip_address_enabled are ForceNew.
 * - address_space (azurerm_virtual_network) and address_prefixes (azurerm_subnet) are not ForceNew.
 */
import type { InventoryRow } from './inventory';
import { cidrBlock, formatCidr } from '../util/cidr';

export type ExistingValue = string | boolean | readonly string[];
/** Existing settings by Terraform argument name. */
export type ExistingSettings = Readonly<Record<string, ExistingValue>>;

/** What Terraform would do about one difference. */
export type Effect = 'replace' | 'update';

export interface SettingDifference {
  /** Terraform argument. */
  readonly argument: string;
  readonly existing: ExistingValue;
  readonly planned: ExistingValue;
  readonly effect: Effect;
}

/** The Terraform argument names `existingSettings` may record (the adoption file's `existing` keys). */
export const EXISTING_ARGUMENTS = [
  'name',
  'resource_group_name',
  'location',
  'virtual_network_name',
  'address_space',
  'address_prefixes',
  'account_tier',
  'account_replication_type',
  'account_kind',
  'is_hns_enabled',
  'nfsv3_enabled',
  'infrastructure_encryption_enabled',
  'sku',
  'type',
  'vpn_type',
  'generation',
  'private_ip_address_enabled',
] as const;
export type ExistingArgument = (typeof EXISTING_ARGUMENTS)[number];

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The resource group segment of an Azure id, as Azure spells it (Resource Graph lower-cases its column). */
function resourceGroupOf(id: string): string | undefined {
  return /\/resourceGroups\/([^/]+)/i.exec(id)?.[1];
}

function cidrs(list: unknown): string[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const out = list.map((p) => (typeof p === 'string' ? cidrBlock(p) : undefined));
  return out.every((c) => c !== undefined) ? out.map((c) => formatCidr(c)) : undefined;
}

/**
 * The settings of an inventory row that matter for adopting it as a `tfType` resource; only the
 * ones the export states (an absent property is not guessed).
 */
export function existingSettings(tfType: string, row: InventoryRow): Record<string, ExistingValue> {
  const out: Record<string, ExistingValue> = {};
  const set = (key: ExistingArgument, value: ExistingValue | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  const p = row.properties;
  if (tfType === 'azurerm_subnet') {
    const [vnet, subnet] = row.name.split('/');
    set('name', subnet);
    set('virtual_network_name', vnet);
  } else set('name', row.name);
  if (tfType !== 'azurerm_resource_group') set('resource_group_name', resourceGroupOf(row.id));
  if (tfType !== 'azurerm_subnet') set('location', str(row.location));
  switch (tfType) {
    case 'azurerm_virtual_network':
      set('address_space', cidrs(obj(p.addressSpace).addressPrefixes));
      break;
    case 'azurerm_subnet':
      set('address_prefixes', cidrs(p.addressPrefixes) ?? cidrs(str(p.addressPrefix) ? [p.addressPrefix] : undefined));
      break;
    case 'azurerm_storage_account': {
      const skuName = str(row.sku?.name);
      set('account_tier', str(row.sku?.tier) ?? skuName?.split('_')[0]);
      set('account_replication_type', skuName?.split('_')[1]);
      set('account_kind', str(row.kind));
      set('is_hns_enabled', bool(p.isHnsEnabled));
      set('nfsv3_enabled', bool(p.isNfsV3Enabled));
      set('infrastructure_encryption_enabled', bool(obj(p.encryption).requireInfrastructureEncryption));
      break;
    }
    case 'azurerm_log_analytics_workspace':
      set('sku', str(obj(p.sku).name));
      break;
    case 'azurerm_virtual_network_gateway':
      set('type', str(p.gatewayType));
      set('vpn_type', str(p.vpnType));
      set('generation', str(p.vpnGatewayGeneration));
      set('private_ip_address_enabled', bool(p.enablePrivateIpAddress));
      break;
  }
  return out;
}

const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const normaliseLocation = (l: string) => l.toLowerCase().replace(/\s+/g, '');
const REPLICATION_FAMILIES = [
  ['LRS', 'GRS', 'RAGRS'],
  ['ZRS', 'GZRS', 'RAGZRS'],
];

interface Comparison {
  /** Used when the planned JSON leaves the argument out. @default - not compared */
  readonly default?: ExistingValue;
  /** undefined: no change; otherwise what Terraform does. */
  readonly compare: (existing: ExistingValue, planned: ExistingValue) => Effect | undefined;
}

const exact: Comparison = { compare: (e, p) => (e === p ? undefined : 'replace') };
const caseless: Comparison = {
  compare: (e, p) => (typeof e === 'string' && typeof p === 'string' && sameText(e, p) ? undefined : 'replace'),
};
const flag: Comparison = { default: false, compare: (e, p) => (e === p ? undefined : 'replace') };
const addressList: Comparison = {
  compare: (e, p) => {
    const norm = (v: ExistingValue) =>
      (Array.isArray(v) ? v : [v])
        .map((c) => {
          const block = typeof c === 'string' ? cidrBlock(c) : undefined;
          return block ? formatCidr(block) : String(c);
        })
        .sort()
        .join(',');
    return norm(e) === norm(p) ? undefined : 'update';
  },
};

const COMPARISONS: Readonly<Record<string, Readonly<Record<string, Comparison>>>> = {
  '*': {
    name: exact,
    resource_group_name: exact,
    location: {
      compare: (e, p) =>
        typeof e === 'string' && typeof p === 'string' && normaliseLocation(e) === normaliseLocation(p)
          ? undefined
          : 'replace',
    },
    virtual_network_name: exact,
    address_space: addressList,
    address_prefixes: addressList,
  },
  azurerm_storage_account: {
    account_tier: caseless,
    account_kind: {
      default: 'StorageV2',
      compare: (e, p) => {
        if (typeof e !== 'string' || typeof p !== 'string' || e === p) return undefined;
        return e !== 'Storage' && p !== 'StorageV2' ? 'replace' : 'update';
      },
    },
    account_replication_type: {
      compare: (e, p) => {
        if (typeof e !== 'string' || typeof p !== 'string' || sameText(e, p)) return undefined;
        const family = (v: string) => REPLICATION_FAMILIES.findIndex((f) => f.includes(v.toUpperCase()));
        return family(e) !== family(p) ? 'replace' : 'update';
      },
    },
    is_hns_enabled: flag,
    nfsv3_enabled: flag,
    infrastructure_encryption_enabled: flag,
  },
  azurerm_log_analytics_workspace: {
    sku: {
      compare: (e, p) => {
        if (typeof e !== 'string' || typeof p !== 'string' || sameText(e, p)) return undefined;
        const between = (a: string, b: string) => sameText(e, a) && sameText(p, b);
        const inPlace =
          sameText(e, 'LACluster') ||
          between('CapacityReservation', 'PerGB2018') ||
          between('PerGB2018', 'CapacityReservation');
        return inPlace ? 'update' : 'replace';
      },
    },
  },
  azurerm_virtual_network_gateway: {
    type: caseless,
    vpn_type: { default: 'RouteBased', compare: caseless.compare },
    generation: caseless,
    private_ip_address_enabled: flag,
  },
};

/** A planned value that is literal text, a flag or a list of text; undefined for anything else (a reference). */
export function plannedLiteral(value: unknown): ExistingValue | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.includes('${') ? undefined : value;
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string' && !v.includes('${'))) return value;
  return undefined;
}

/**
 * Where the planned resource differs from the existing one, for the arguments recorded.
 * `planned(argument)` gives the planned literal value, or undefined when the JSON leaves it out
 * or sets it by reference (then only a default can be compared, and a reference is never guessed).
 */
export function settingDifferences(
  tfType: string,
  existing: ExistingSettings,
  planned: (argument: string) => { readonly value?: ExistingValue; readonly reference?: boolean },
): SettingDifference[] {
  const out: SettingDifference[] = [];
  for (const [argument, was] of Object.entries(existing)) {
    const comparison = COMPARISONS[tfType]?.[argument] ?? COMPARISONS['*'][argument];
    if (!comparison) continue;
    const p = planned(argument);
    if (p.reference) continue;
    const now = p.value ?? comparison.default;
    if (now === undefined) continue;
    const effect = comparison.compare(was, now);
    if (effect) out.push({ argument, existing: was, planned: now, effect });
  }
  return out;
}

/** `"10.1.0.0/16"`, `["10.1.0.0/16", "10.2.0.0/16"]` shown as `10.1.0.0/16, 10.2.0.0/16`. */
export function showValue(value: ExistingValue): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}
