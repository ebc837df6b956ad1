/**
 * Azure resource names, in one place. Names follow the Cloud Adoption Framework (CAF) pattern
 * `<abbreviation>-<workload>-<purpose>-<region>` and respect each resource type's length and
 * character rules, so a name that would be refused by Azure is refused here, at synth time.
 *
 * Storage accounts and Key Vaults need names that are unique across all of Azure: they get a short
 * hash of a stable seed (the subscription id), so the name is deterministic (the same input always
 * gives the same name, and a force stack can compute a hub name without reading hub state) and
 * still unlikely to collide with another organisation's.
 */
import { createHash } from 'node:crypto';
import { isUkRegion, type UkRegion } from '../util/platform-facts';

interface NameRule {
  /** CAF abbreviation. */
  readonly abbreviation: string;
  readonly maxLength: number;
  /** What Azure accepts. */
  readonly pattern: RegExp;
  /** Human description of the pattern, for error messages. */
  readonly allowed: string;
  /** Whether hyphens separate the parts (storage accounts allow none). */
  readonly separator: '-' | '';
}

const GENERAL = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*[a-zA-Z0-9_]$/;
const GENERAL_TEXT =
  'letters, digits, hyphens, underscores and periods; starting with a letter or digit, not ending with a period or hyphen';

const rule = (
  abbreviation: string,
  maxLength: number,
  pattern = GENERAL,
  allowed = GENERAL_TEXT,
  separator: '-' | '' = '-',
): NameRule => ({
  abbreviation,
  maxLength,
  pattern,
  allowed,
  separator,
});

/** CAF abbreviations and Azure naming limits, by resource type. */
export const NAME_RULES = {
  resourceGroup: rule('rg', 90, /^[a-zA-Z0-9_.()-]*[a-zA-Z0-9_()-]$/),
  virtualNetwork: rule('vnet', 64),
  subnet: rule('snet', 80),
  networkSecurityGroup: rule('nsg', 80),
  routeTable: rule('rt', 80),
  peering: rule('peer', 80),
  networkWatcher: rule('nw', 80),
  flowLog: rule('fl', 80),
  privateEndpoint: rule('pep', 64),
  privateDnsLink: rule('pdnslink', 80),
  publicIp: rule('pip', 80),
  firewall: rule('afw', 56),
  firewallPolicy: rule('afwp', 80),
  virtualNetworkGateway: rule('vgw', 80),
  expressRouteGateway: rule('ergw', 80),
  localNetworkGateway: rule('lgw', 80),
  connection: rule('con', 80),
  logAnalyticsWorkspace: rule(
    'log',
    63,
    /^[a-zA-Z0-9][a-zA-Z0-9-]{2,61}[a-zA-Z0-9]$/,
    'letters, digits and hyphens, 4-63, starting and ending alphanumeric',
  ),
  userAssignedIdentity: rule('id', 128, /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/, 'letters, digits, hyphens and underscores'),
  keyVault: rule(
    'kv',
    24,
    /^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/,
    'letters, digits and hyphens, 3-24, starting with a letter',
  ),
  storageAccount: rule('st', 24, /^[a-z0-9]{3,24}$/, 'lower-case letters and digits only, 3-24', ''),
  diagnosticSetting: rule('diag', 260, /^[^*&%<>?/\\:#|]+$/, 'anything but * & % < > ? / \\ : # |'),
  policyAssignment: rule(
    'pa',
    64,
    /^[^<>*%&:\\?.+/]+$/,
    'anything but < > * % & : \\ ? . + / (64 max at subscription scope)',
  ),
  budget: rule('budget', 63, /^[a-zA-Z0-9_-]+$/, 'letters, digits, hyphens and underscores'),
  lighthouseDefinition: rule('lh', 100),
  actionGroup: rule('ag', 260),
} as const satisfies Record<string, NameRule>;

export type ResourceKind = keyof typeof NAME_RULES;

/** Short region codes used in names: one for each UK region (a new region needs its code here). */
export const REGION_CODES: Readonly<Record<UkRegion, string>> = { uksouth: 'uks', ukwest: 'ukw' };

export function regionCode(region: string): string {
  const code = isUkRegion(region) ? REGION_CODES[region] : undefined;
  if (!code)
    throw new Error(`naming: region "${region}" has no short code; allowed: ${Object.keys(REGION_CODES).join(', ')}`);
  return code;
}

/**
 * The name of a resource: the CAF abbreviation, then the parts, joined with the type's separator.
 * Throws when the result breaks the type's length or character rules.
 *
 * @example resourceName('virtualNetwork', 'essex', 'uks') === 'vnet-essex-uks'
 */
export function resourceName(kind: ResourceKind, ...parts: string[]): string {
  const r: NameRule = NAME_RULES[kind];
  const raw = [r.abbreviation, ...parts.filter((p) => p.length > 0)];
  const name =
    r.separator === ''
      ? raw
          .join('')
          .toLowerCase()
          .replace(/[^a-z0-9]/g, '')
      : raw.join(r.separator);
  return checkName(kind, name);
}

/** Throws when `name` is not a valid name for `kind`. Returns the name. */
export function checkName(kind: ResourceKind, name: string): string {
  const r: NameRule = NAME_RULES[kind];
  if (name.length > r.maxLength) {
    throw new Error(`naming: ${kind} name "${name}" is ${name.length} characters; the limit is ${r.maxLength}`);
  }
  if (!r.pattern.test(name)) throw new Error(`naming: ${kind} name "${name}" is not allowed; use ${r.allowed}`);
  return name;
}

/** A short, stable hex hash of `seed` (sha256, first `length` characters). */
export function shortHash(seed: string, length = 6): string {
  return createHash('sha256').update(seed.toLowerCase()).digest('hex').slice(0, length);
}

/**
 * A globally unique name for a storage account or Key Vault: abbreviation, the parts (shortened to
 * fit), and a 6-character hash of `seed`. The same seed and parts always give the same name.
 *
 * @example uniqueName('storageAccount', subscriptionId, 'essex', 'flow') === 'stessexflow1a2b3c'
 */
export function uniqueName(kind: 'storageAccount' | 'keyVault', seed: string, ...parts: string[]): string {
  const r: NameRule = NAME_RULES[kind];
  const hash = shortHash(`${seed}/${parts.join('/')}`);
  const clean = (p: string) => (r.separator === '' ? p.toLowerCase().replace(/[^a-z0-9]/g, '') : p.toLowerCase());
  const sep = r.separator;
  const fixed = r.abbreviation.length + hash.length + sep.length * (parts.length + 1);
  const budget = r.maxLength - fixed;
  // Shorten the parts from the longest down until they fit; the hash keeps the name unique.
  const cleaned = parts.map(clean).filter((p) => p.length > 0);
  const lengths = cleaned.map((p) => p.length);
  while (lengths.reduce((a, b) => a + b, 0) > budget && Math.max(...lengths) > 1) {
    lengths[lengths.indexOf(Math.max(...lengths))] -= 1;
  }
  const shortened = cleaned.map((p, i) => p.slice(0, lengths[i]).replace(/-+$/, ''));
  return checkName(kind, [r.abbreviation, ...shortened, hash].join(sep));
}

/** Azure resource ids that a stack computes instead of reading another stack's state. */
export const azureIds = {
  subscription: (subscriptionId: string) => `/subscriptions/${subscriptionId}`,
  resourceGroup: (subscriptionId: string, resourceGroup: string) =>
    `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`,
  resource: (subscriptionId: string, resourceGroup: string, provider: string, type: string, name: string) =>
    `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${provider}/${type}/${name}`,
};
