/**
 * `bluelamp onboard <id> --from-inventory FILE`: a force file proposed from what the force's
 * subscription already holds (a Resource Graph export, adopt/inventory.ts). Every value taken from
 * the inventory is a guess for a person to confirm, and is marked so with a comment on its line;
 * what the inventory cannot tell stays a placeholder. The proposal goes through the same
 * validation as any onboarding (delivery/onboard.ts), so what is written validates.
 */
import type { InventoryRow } from '../adopt/inventory';
import { InventoryError } from '../adopt/inventory';
import { commentText, type TemplateInput } from '../config/force-template';
import type { PlatformConfig, Region } from '../config/schema';
import { REGIONS } from '../config/schema';
import { cidrBlock, contains, formatCidr, formatIp, overlaps, parseCidr, parseIp, type Cidr } from '../util/cidr';
import { compareText } from '../util/text-order';

/** What the inventory suggests, and the comment that marks each guess. */
export interface InventoryProposal {
  readonly tenantId?: string;
  readonly subscriptionId: string;
  readonly region?: Region;
  /** Undefined when the inventory's range cannot be the force's (the next free range is used). */
  readonly addressSpace?: string;
  readonly connectivity?: TemplateInput['connectivity'];
  /** Each VPN site's device address and the local network gateway it came from. */
  readonly siteGateways: readonly { readonly address: string; readonly gateway: string }[];
  readonly office365?: boolean;
  readonly evidence?: boolean;
  /** Top-level key or dotted path -> the comment for its line. */
  readonly guesses: ReadonlyMap<string, string>;
  /** What the inventory suggested but could not be used, for the person reading the output. */
  readonly notes: readonly string[];
}

const GUESS = 'GUESS from the inventory, confirm:';
const VNET = 'microsoft.network/virtualnetworks';
const GATEWAY = 'microsoft.network/virtualnetworkgateways';
const LOCAL_GATEWAY = 'microsoft.network/localnetworkgateways';
const CIRCUIT = 'microsoft.network/expressroutecircuits';
const CONNECTION = 'microsoft.network/connections';
const DATA_CONNECTOR = 'microsoft.securityinsights/dataconnectors';
const STORAGE = 'microsoft.storage/storageaccounts';
/** Sentinel data connector kinds that the office365 service collects (constructs' Office 365 connectors). */
const OFFICE365_CONNECTORS = ['office365', 'azureactivedirectory', 'microsoftthreatprotection'];
/**
 * A site name the force schema accepts: a lower-case letter, then letters, digits or hyphens, 31
 * at most. One not starting with a letter (`lgw-01` -> `01`) becomes `site-01`, not a bare `site`.
 */
const siteName = (name: string) => {
  const text = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+/, '');
  return (/^[a-z]/.test(text) ? text : `site-${text}`).slice(0, 31).replace(/-+$/, '');
};

/** Names made unique as the schema requires: a repeated one gains `-2`, `-3`, ... within 31 characters. */
function distinctNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; used.has(candidate); n++) candidate = `${name.slice(0, 30 - String(n).length)}-${n}`;
    used.add(candidate);
    return candidate;
  });
}

const ipText = (v: unknown): string | undefined => {
  const ip = typeof v === 'string' ? parseIp(v) : undefined;
  return ip === undefined ? undefined : formatIp(ip);
};
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function proposeFromInventory(
  rows: readonly InventoryRow[],
  display: string,
  platform: PlatformConfig,
  taken: readonly { readonly owner: string; readonly cidr: string }[],
): InventoryProposal {
  const subscriptions = [...new Set(rows.map((r) => r.subscriptionId))];
  if (subscriptions.length !== 1)
    throw new InventoryError([
      {
        file: display,
        field: 'subscriptionId',
        message: `holds rows of ${subscriptions.length} subscriptions (${subscriptions.join(', ')}); export the force's own subscription only`,
      },
    ]);
  const guesses = new Map<string, string>();
  const notes: string[] = [];
  const ofType = (type: string) => rows.filter((r) => r.type === type);

  const tenants = [...new Set(rows.map((r) => r.tenantId).filter((t): t is string => t !== undefined))];
  const tenantId = tenants.length === 1 ? tenants[0] : undefined;
  if (tenantId) guesses.set('tenantId', `${GUESS} the tenant of every row`);
  guesses.set('subscriptionId', `${GUESS} the subscription exported (adopt it with bluelamp adopt)`);

  // Region: where most of what the force runs is, among the UK regions.
  const counts = new Map<Region, number>();
  // Subnets are read out of their VNet (adopt/inventory.ts): count what the export lists.
  const listed = rows.filter((r) => r.type !== 'microsoft.network/virtualnetworks/subnets');
  for (const r of listed) {
    const region = REGIONS.find((g) => g === r.location);
    if (region) counts.set(region, (counts.get(region) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
  const region = ranked[0]?.[0];
  if (region) guesses.set('region', `${GUESS} ${ranked[0][1]} of ${listed.length} resources are in ${region}`);

  // Address space: the one range of the force's virtual networks, if Blue Lamp can give it to the force.
  const addressSpace = proposeAddressSpace(ofType(VNET), platform, taken, guesses, notes);

  // Connectivity: a VPN gateway with local network gateways (each a site), or an ExpressRoute gateway.
  const gateways = ofType(GATEWAY);
  const kinds = new Set(
    gateways.map((g) => (typeof g.properties.gatewayType === 'string' ? g.properties.gatewayType.toLowerCase() : '')),
  );
  let connectivity: TemplateInput['connectivity'];
  let siteGateways: { address: string; gateway: string }[] = [];
  if (kinds.has('vpn')) {
    const sites = ofType(LOCAL_GATEWAY)
      .map((l) => ({
        name: siteName(l.name.replace(/^lgw-/i, '')),
        gateway: l.name,
        // Normalised through the parsers: only addresses, never other text, reach the YAML.
        addressSpaces: strings(obj(l.properties.localNetworkAddressSpace).addressPrefixes)
          .map((c) => cidrBlock(c))
          .filter((c): c is Cidr => c !== undefined)
          .map(formatCidr),
        gatewayAddress: ipText(l.properties.gatewayIpAddress),
      }))
      .filter((s) => s.addressSpaces.length > 0 && s.gatewayAddress !== undefined);
    if (sites.length > 0) {
      const names = distinctNames(sites.map((s) => s.name));
      connectivity = {
        type: 'vpn',
        sites: sites.map(({ gateway: _gateway, ...site }, i) => ({ ...site, name: names[i] })),
      };
      siteGateways = sites.map((s) => ({ address: s.gatewayAddress!, gateway: s.gateway }));
      guesses.set(
        'network.connectivity',
        `${GUESS} VPN gateway ${gateways.map((g) => g.name).join(', ')}; sites from its local network gateways`,
      );
    } else
      notes.push(
        `VPN gateway ${gateways.map((g) => g.name).join(', ')} has no local network gateway with ranges and an address: connectivity is left none; add the sites (docs/configuration.md)`,
      );
  } else if (kinds.has('expressroute')) {
    const circuitFromConnection = ofType(CONNECTION)
      .map((c) => obj(c.properties.peer).id)
      .find((id): id is string => typeof id === 'string' && /\/expressRouteCircuits\//i.test(id));
    const circuit = circuitFromConnection ?? ofType(CIRCUIT)[0]?.id;
    notes.push(
      `ExpressRoute gateway ${gateways.map((g) => g.name).join(', ')}${circuit ? ` on circuit ${circuit}` : ''}: the on-premises ranges behind it are not in the inventory; set network.connectivity to expressroute with its sites and circuit id`,
    );
  }

  // Services it can recognise.
  const connectorKinds = new Set(ofType(DATA_CONNECTOR).map((c) => (c.kind ?? '').toLowerCase()));
  const office365 = OFFICE365_CONNECTORS.some((k) => connectorKinds.has(k));
  if (office365)
    guesses.set('services.office365.enabled', `${GUESS} Sentinel already has an Office 365 / Entra connector`);
  const immutable = ofType(STORAGE).filter((s) => obj(s.properties.immutableStorageWithVersioning).enabled === true);
  if (immutable.length > 0)
    guesses.set(
      'services.evidenceStore.enabled',
      `${GUESS} ${immutable.map((s) => s.name).join(', ')} keeps immutable (WORM) data; Blue Lamp's store is a new account`,
    );
  return {
    tenantId,
    subscriptionId: subscriptions[0],
    region,
    addressSpace,
    connectivity,
    siteGateways,
    office365: office365 || undefined,
    evidence: immutable.length > 0 || undefined,
    guesses,
    notes,
  };
}

function proposeAddressSpace(
  vnets: readonly InventoryRow[],
  platform: PlatformConfig,
  taken: readonly { readonly owner: string; readonly cidr: string }[],
  guesses: Map<string, string>,
  notes: string[],
): string | undefined {
  const ranges = vnets.flatMap((v) =>
    strings(obj(v.properties.addressSpace).addressPrefixes)
      .map((p) => ({ vnet: v.name, block: cidrBlock(p) }))
      .filter((r): r is { vnet: string; block: Cidr } => r.block !== undefined),
  );
  if (ranges.length === 0) return undefined;
  const described = ranges.map((r) => `${r.vnet} ${formatCidr(r.block)}`).join(', ');
  if (ranges.length > 1) {
    notes.push(
      `the subscription has several ranges (${described}): the NMC allocated the next free one; see docs/adoption.md`,
    );
    return undefined;
  }
  const { vnet, block } = ranges[0];
  const text = formatCidr(block);
  const pool = parseCidr(platform.addressPool);
  const clash = taken.find((t) => overlaps(parseCidr(t.cidr), block));
  const problem =
    block.prefix < 16 || block.prefix > 22
      ? 'is not a /16 to /22'
      : !contains(pool, block)
        ? `is outside the national pool ${platform.addressPool}`
        : clash
          ? `overlaps ${clash.owner} (${clash.cidr})`
          : undefined;
  if (problem) {
    notes.push(`${vnet} has ${text}, which ${problem}: the NMC allocated the next free range; see docs/adoption.md`);
    return undefined;
  }
  guesses.set('network.addressSpace', `${GUESS} the range of ${vnet}, free in the national pool`);
  return text;
}

/**
 * Puts each guess's comment on its line of a rendered force file: the line of the key (a
 * top-level key, or the last segment of a dotted path under its parents), replacing the
 * template's own comment there.
 */
export function markGuesses(text: string, guesses: ReadonlyMap<string, string>): string {
  const lines = text.split('\n');
  for (const [path, comment] of guesses) {
    const keys = path.split('.');
    let from = 0;
    let index = -1;
    keys.forEach((key, depth) => {
      const prefix = `${'  '.repeat(depth)}${key}:`;
      index = lines.findIndex((l, i) => i >= from && l.startsWith(prefix));
      from = index + 1;
    });
    if (index < 0) continue;
    const line = lines[index].replace(/\s+#.*$/, '');
    lines[index] = `${line}   # ${commentText(comment)}`;
  }
  return lines.join('\n');
}

/** Sets a top-level key's value (a GUID the reader checked) on its line of a rendered force file. */
export function setTopLevel(text: string, key: string, value: string): string {
  return text.replace(new RegExp(`^${key}: \\S+.*$`, 'm'), `${key}: ${value}`);
}

/**
 * The rendered force file with the proposal's identifiers in place and each guess marked. A
 * region given on the command line is the person's choice, not a guess.
 */
export function withProposal(text: string, proposal: InventoryProposal, regionChosen: boolean): string {
  let out = setTopLevel(text, 'subscriptionId', proposal.subscriptionId);
  if (proposal.tenantId) out = setTopLevel(out, 'tenantId', proposal.tenantId);
  const guesses = new Map(proposal.guesses);
  if (regionChosen) guesses.delete('region');
  out = markGuesses(out, guesses);
  // The template marks a site's device address as a placeholder; these come from the export.
  for (const site of proposal.siteGateways)
    // A function, not a replacement string: String.replace would read `$'` or `$&` in a name as patterns.
    out = out.replace(
      `gatewayAddress: ${site.address}   # placeholder (documentation range)`,
      () => `gatewayAddress: ${site.address}   # ${commentText(`${GUESS} local network gateway ${site.gateway}`)}`,
    );
  return out;
}
