/**
 * Rules for force sites (the on-premises networks behind VPN or ExpressRoute), across the estate.
 * The hub gateway routes each site range into that force's tunnel, so a range that is public,
 * or that another force (or Azure) already uses, would pull someone else's traffic into it.
 */
import { type Cidr, formatCidr, parseCidr, parseIp } from '../util/cidr';
import { CidrIndex } from '../util/cidr-index';
import { nonPublicRangeOf, PRIVATE_RANGES, privateRangeHolding } from '../util/ip-ranges';
import { pascalCaseId, vpnSiteKey } from '../util/vpn-site-key';
import type { LoadedFile } from './estate';
import type { ConfigIssue } from './errors';
import type { ForceFacts } from './force-index';
import type { PlatformConfig } from './schema';

/** Parsed, or taken from the force index: only the facts are read. */
type Force = LoadedFile<ForceFacts>;

interface PlacedRange {
  readonly force: Force;
  readonly site: number;
  readonly index: number;
  readonly block: Cidr;
}

const PRIVATE_TEXT = PRIVATE_RANGES.map((r) => formatCidr(r.block)).join(', ');

export function siteIssues(platform: LoadedFile<PlatformConfig>, forces: readonly Force[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const issueAt = (force: Force, path: PropertyKey[], pathText: string, message: string): void => {
    const pos = force.locator.locate(path);
    issues.push({ file: force.file, line: pos?.line, col: pos?.col, path: pathText, message });
  };
  // Indexed, not scanned: every site range is compared with every spoke and every other site range.
  const azure = new CidrIndex<string>();
  azure.add(parseCidr(platform.config.addressPool), `the national address pool ${platform.config.addressPool}`);
  azure.add(parseCidr(platform.config.hub.addressSpace), `the hub ${platform.config.hub.addressSpace}`);
  for (const f of forces) azure.add(parseCidr(f.config.network.addressSpace), `the spoke of ${f.file}`);
  const placed = new CidrIndex<PlacedRange>();
  // Key -> where it was first used; construct ids are compared too (`ab-1c` and `ab1c` share one).
  const keys = new Map<string, { force: Force; site: number; key: string }>();

  for (const force of forces) {
    const sites = force.config.network.connectivity.sites;
    const sitePath = (s: number) => `network.connectivity.sites[${s}]`;
    const seenNames = new Map<string, number>();
    sites.forEach((site, s) => {
      const base = ['network', 'connectivity', 'sites', s];
      const first = seenNames.get(site.name);
      if (first !== undefined) {
        issueAt(
          force,
          [...base, 'name'],
          `${sitePath(s)}.name`,
          `"${site.name}" is already the name of ${sitePath(first)}; site names are unique within a force`,
        );
      } else {
        seenNames.set(site.name, s);
        const key = vpnSiteKey(force.config.id, site.name);
        const clash = keys.get(key) ?? keys.get(pascalCaseId(key));
        if (clash && clash.force !== force) {
          const other = `${clash.force.file} site "${clash.force.config.network.connectivity.sites[clash.site].name}"`;
          issueAt(
            force,
            [...base, 'name'],
            `${sitePath(s)}.name`,
            clash.key === key
              ? `gives the hub resource names lgw-${key} and con-${key}, which ${other} also gives; rename this site`
              : `gives the hub construct id ${pascalCaseId(key)}, which ${other} (${clash.key}) also gives; rename this site`,
          );
        } else {
          keys.set(key, { force, site: s, key });
          keys.set(pascalCaseId(key), { force, site: s, key });
        }
      }

      site.addressSpaces.forEach((range, r) => {
        const path = [...base, 'addressSpaces', r];
        const pathText = `${sitePath(s)}.addressSpaces[${r}]`;
        const block = parseCidr(range);
        if (!privateRangeHolding(block)) {
          issueAt(
            force,
            path,
            pathText,
            `${range} is not a private range (${PRIVATE_TEXT}); the hub would send that traffic into this force's tunnel`,
          );
        }
        const inAzure = azure.firstOverlapping(block);
        if (inAzure) issueAt(force, path, pathText, `${range} overlaps Azure address space: ${inAzure}`);
        const same = (p: PlacedRange) => p.block.network === block.network && p.block.prefix === block.prefix;
        const other = placed.firstEqual(block) ?? placed.firstOverlapping(block);
        if (other) {
          const owner = other.force !== force ? other.force.file : other.site === s ? 'this site' : 'this force';
          const where = `${sitePath(other.site)}.addressSpaces[${other.index}] (${formatCidr(other.block)}) of ${owner}`;
          issueAt(
            force,
            path,
            pathText,
            `${range} ${same(other) ? 'is already listed as' : 'overlaps'} ${where}; each on-premises range belongs to one site`,
          );
        }
        placed.add(block, { force, site: s, index: r, block });
      });

      if (site.gatewayAddress !== undefined) {
        const ip = parseIp(site.gatewayAddress);
        const range = ip === undefined ? undefined : nonPublicRangeOf(ip);
        if (range) {
          issueAt(
            force,
            [...base, 'gatewayAddress'],
            `${sitePath(s)}.gatewayAddress`,
            `${site.gatewayAddress} is not a public address (${formatCidr(range.block)} is ${range.label}); give the internet-facing address of the site's VPN device`,
          );
        }
      }
    });
  }
  return issues;
}
