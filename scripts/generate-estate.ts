/**
 * Writes force files: the bundled national estate (43 forces) or a synthetic estate of N forces
 * for benchmarks. Deterministic: the same input always writes the same files.
 *
 *   node dist/scripts/generate-estate.js [--dir PATH] [--synthetic N]
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { formatCidr, nextFree, parseCidr, type Cidr } from '../util/cidr';
import { renderForceYaml, placeholderGuid, type TemplateInput } from '../config/force-template';
import { packageRoot } from '../util/package-root';
import { NATIONAL_ESTATE, type ForceProfile, type ForceSize } from './national-estate';

const PREFIX: Record<ForceSize, number> = { xl: 18, l: 19, m: 20, s: 21 };
const SITES: Record<ForceSize, number> = { xl: 12, l: 6, m: 3, s: 2 };
const BUDGET: Record<ForceSize, number> = { xl: 250_000, l: 60_000, m: 25_000, s: 10_000 };
const EXTRA_PLANS: Record<ForceSize, string[]> = {
  xl: ['AppServices', 'SqlServers', 'Containers', 'Api'],
  l: ['AppServices', 'SqlServers'],
  m: ['SqlServers'],
  s: [],
};
const GROUPS: Record<ForceSize, number> = { xl: 3, l: 2, m: 1, s: 1 };

const ROOT = packageRoot();

/** The template input for force number `index` of the estate, with its address space from `pool`. */
export function profileToTemplate(profile: ForceProfile, index: number, addressSpace: string): TemplateInput {
  const size = profile.size;
  const type = profile.connectivity ?? 'none';
  const sites =
    type === 'none'
      ? []
      : Array.from({ length: SITES[size] }, (_, s) => ({
          name: s === 0 ? 'headquarters' : `site-${String(s).padStart(2, '0')}`,
          addressSpaces: [siteRange(index, s)],
          gatewayAddress: type === 'vpn' ? `203.0.113.${((index * 5 + s) % 250) + 1}` : undefined,
        }));
  return {
    id: profile.id,
    name: profile.name,
    addressSpace,
    region: profile.region ?? 'uksouth',
    classification: profile.classification ?? 'OFFICIAL',
    office365: profile.office365 ?? false,
    box: profile.box ? { enterpriseId: String(100000 + index * 7919) } : undefined,
    evidence: profile.evidence ?? false,
    connectivity: {
      type,
      sites,
      expressRouteCircuitId:
        type === 'expressroute'
          ? `/subscriptions/${placeholderGuid(profile.id, 'connectivity')}/resourceGroups/rg-connectivity/providers/Microsoft.Network/expressRouteCircuits/erc-${profile.id}`
          : undefined,
    },
    defenderAdditionalPlans: EXTRA_PLANS[size],
    readerGroups: GROUPS[size],
    operatorGroups: GROUPS[size],
    adminGroups: 1,
    monthlyGbp: BUDGET[size],
    loggingRetentionDays: size === 'xl' ? 730 : size === 'l' ? 540 : 365,
    evidenceRetentionDays: profile.classification === 'OFFICIAL-SENSITIVE' ? 3650 : 2555,
    evidenceSharing: profile.sharing?.map((a) => ({
      id: a.id,
      partner: a.partner,
      partnerTenantId: placeholderGuid(`partner-${a.partnerKey}`, 'tenant'),
      guestGroupId: placeholderGuid(profile.id, `guests-${a.id}`),
      shares: a.shares.map((s) => ({ ...s })),
      expires: a.expires,
      approvedBy: a.approvedBy,
      approvedOn: a.approvedOn,
      reference: a.reference,
    })),
    standardFlows: true,
  };
}

/**
 * On-premises ranges, a /20 per force and a /24 per site, never overlapping Azure: 172.16.0.0/12
 * holds the first 256 forces, 100.64.0.0/10 (RFC 6598, which the site rules accept as private)
 * the next 1,024.
 */
function siteRange(index: number, site: number): string {
  const third = (index % 16) * 16 + site;
  if (index < 256) return `172.${16 + Math.floor(index / 16)}.${third}.0/24`;
  const rest = index - 256;
  if (rest >= 1024) throw new Error(`no on-premises range left for force number ${index + 1}`);
  return `100.${64 + Math.floor(rest / 16)}.${third}.0/24`;
}

/** Synthetic forces for benchmarks: a repeating mix of sizes, all /22 or /21 so 1,000 fit the pool. */
export function syntheticProfiles(count: number): ForceProfile[] {
  const sizes: ForceSize[] = ['s', 'm', 's', 'l'];
  return Array.from({ length: count }, (_, i) => {
    const base = NATIONAL_ESTATE[i % NATIONAL_ESTATE.length];
    return {
      ...base,
      // The hub VPN gateway carries at most 100 tunnels (util/azure-limits.ts): past the first round of
      // the national mix, forces with sites join over ExpressRoute, as a large estate would.
      connectivity: base.connectivity === 'vpn' && i >= NATIONAL_ESTATE.length ? 'expressroute' : base.connectivity,
      id: `force-${String(i + 1).padStart(4, '0')}`,
      name: `Synthetic Force ${i + 1}`,
      size: sizes[i % sizes.length],
    };
  });
}

/** Writes forces/*.yaml for `profiles` into `dir`; returns the files written. */
export function writeEstate(
  dir: string,
  profiles: readonly ForceProfile[],
  options: { compact?: boolean } = {},
): string[] {
  const platform = parse(readFileSync(join(dir, 'platform.yaml'), 'utf8')) as { addressPool: string };
  const pool = parseCidr(platform.addressPool);
  mkdirSync(join(dir, 'forces'), { recursive: true });
  const taken: Cidr[] = [];
  // Largest first, so that alignment wastes no space; files are still written per force.
  const order = profiles.map((p, i) => ({ p, i })).sort((a, b) => PREFIX[a.p.size] - PREFIX[b.p.size] || a.i - b.i);
  const written: string[] = [];
  for (const { p, i } of order) {
    const prefix = options.compact ? Math.max(PREFIX[p.size], 22) : PREFIX[p.size];
    const block = nextFree(pool, prefix, taken);
    if (!block) throw new Error(`address pool ${platform.addressPool} is full at force ${p.id}`);
    taken.push(block);
    const file = join(dir, 'forces', `${p.id}.yaml`);
    writeFileSync(file, renderForceYaml(profileToTemplate(p, i, formatCidr(block))));
    written.push(file);
  }
  return written;
}

function main(): void {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, synthetic: { type: 'string' } } });
  const dir = resolve(values.dir ?? ROOT);
  if (values.synthetic) {
    mkdirSync(dir, { recursive: true });
    if (dir !== ROOT) copyFileSync(join(ROOT, 'platform.yaml'), join(dir, 'platform.yaml'));
    const n = Number(values.synthetic);
    writeEstate(dir, syntheticProfiles(n), { compact: true });
    process.stdout.write(`wrote ${n} synthetic forces to ${dir}/forces\n`);
  } else {
    const files = writeEstate(dir, NATIONAL_ESTATE);
    process.stdout.write(`wrote ${files.length} forces to ${dir}/forces\n`);
  }
}

if (require.main === module) main();
