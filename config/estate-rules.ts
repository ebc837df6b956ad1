/**
 * Rules that need more than one file: identity and uniqueness across forces, and address
 * planning against the national pool and hub. Each issue points at the line to change.
 */
import { basename } from 'node:path';
import { contains, Cidr, formatCidr, overlaps, parseCidr, parseIp, containsIp } from '../util/cidr';
import type { LoadedFile } from './estate';
import { ConfigIssue } from './errors';
import { siteIssues } from './site-rules';
import { skeleton } from './skeleton';
import { synthLimitIssues } from './synth-limits';
import { tagIssues } from './tag-rules';
import type { ForceConfig, PlatformConfig } from './schema';
import { managementSourceIssues } from './network-flows';
import type { ForceFacts } from './force-index';

type Force = LoadedFile<ForceConfig>;
/** A force as the rules between forces see it: parsed, or taken from the force index. */
type Member = LoadedFile<ForceFacts>;
type Platform = LoadedFile<PlatformConfig>;

function issueAt(file: LoadedFile<unknown>, path: PropertyKey[], pathText: string, message: string): ConfigIssue {
  const pos = file.locator.locate(path);
  return { file: file.file, line: pos?.line, col: pos?.col, path: pathText, message };
}

/**
 * `forces` are the parsed forces, whose every field is checked; `members` every valid force in file
 * order, parsed or taken from the force index (config/force-index.ts), compared with each other.
 */
export function crossFileIssues(
  platform: Platform,
  forces: readonly Force[],
  members: readonly Member[] = forces,
): ConfigIssue[] {
  return [
    ...platformIssues(platform),
    ...identityIssues(platform, members),
    ...addressIssues(platform, members),
    ...siteIssues(platform, members),
    ...tagIssues(platform, forces),
    ...synthLimitIssues(platform, forces),
    ...managementSourceIssues(platform.config.hub.addressSpace, platform.config.network).map((i) =>
      issueAt(platform, i.path, i.path.join('.').replace(/\.(\d+)/g, '[$1]'), i.message),
    ),
  ];
}

function platformIssues(platform: Platform): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const p = platform.config;
  if (!p.regions.allowed.includes(p.regions.default)) {
    issues.push(
      issueAt(
        platform,
        ['regions', 'default'],
        'regions.default',
        `${p.regions.default} is not in regions.allowed (${p.regions.allowed.join(', ')})`,
      ),
    );
  }
  if (!p.regions.allowed.includes(p.hub.region)) {
    issues.push(
      issueAt(
        platform,
        ['hub', 'region'],
        'hub.region',
        `${p.hub.region} is not in regions.allowed (${p.regions.allowed.join(', ')})`,
      ),
    );
  }
  const hub = parseCidr(p.hub.addressSpace);
  const pool = parseCidr(p.addressPool);
  if (overlaps(hub, pool)) {
    issues.push(
      issueAt(
        platform,
        ['hub', 'addressSpace'],
        'hub.addressSpace',
        `${p.hub.addressSpace} overlaps the force address pool ${p.addressPool}`,
      ),
    );
  }
  const fw = parseIp(p.hub.firewallPrivateIp)!;
  if (!containsIp(hub, fw)) {
    issues.push(
      issueAt(
        platform,
        ['hub', 'firewallPrivateIp'],
        'hub.firewallPrivateIp',
        `${p.hub.firewallPrivateIp} is outside the hub address space ${p.hub.addressSpace}`,
      ),
    );
  }
  const seen = new Map<string, number>();
  p.nmc.socGroups.forEach((group, i) => {
    const key = `${group.principalId}/${group.role}`;
    if (seen.has(key)) {
      issues.push(
        issueAt(
          platform,
          ['nmc', 'socGroups', i],
          `nmc.socGroups[${i}]`,
          `duplicates nmc.socGroups[${seen.get(key)}] (same group and role)`,
        ),
      );
    }
    seen.set(key, i);
  });
  return issues;
}

function identityIssues(platform: Platform, forces: readonly Member[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const p = platform.config;
  const byName = new Map<string, Member>();
  const bySubscription = new Map<string, Member>();
  const reservedSubscriptions = new Map([
    [p.hub.subscriptionId.toLowerCase(), 'the hub subscription (platform.yaml hub.subscriptionId)'],
    [p.stateBackend.subscriptionId.toLowerCase(), 'the state subscription (platform.yaml stateBackend.subscriptionId)'],
  ]);

  for (const force of forces) {
    const f = force.config;
    // A file name in the wrong case is reported by the loader; the id must still match it in lower case.
    const expectedId = basename(force.file)
      .replace(/\.yaml$/, '')
      .toLowerCase();
    if (f.id !== expectedId) {
      issues.push(issueAt(force, ['id'], 'id', `"${f.id}" must equal the file name "${expectedId}"`));
    }
    // Names that look the same to a reviewer are the same name (look-alike letters, spacing, case).
    const name = skeleton(f.name);
    const sameName = byName.get(name);
    if (sameName) {
      const looksLike = sameName.config.name === f.name ? '' : ` (as "${sameName.config.name}"; they look the same)`;
      issues.push(issueAt(force, ['name'], 'name', `"${f.name}" is already used by ${sameName.file}${looksLike}`));
    } else byName.set(name, force);

    const sub = f.subscriptionId.toLowerCase();
    const sameSub = bySubscription.get(sub);
    if (sameSub) {
      issues.push(
        issueAt(
          force,
          ['subscriptionId'],
          'subscriptionId',
          `${f.subscriptionId} already belongs to ${sameSub.file}; a subscription belongs to one force`,
        ),
      );
    } else if (reservedSubscriptions.has(sub)) {
      issues.push(
        issueAt(
          force,
          ['subscriptionId'],
          'subscriptionId',
          `${f.subscriptionId} is ${reservedSubscriptions.get(sub)}`,
        ),
      );
    } else bySubscription.set(sub, force);

    if (f.tenantId.toLowerCase() === p.nmc.tenantId.toLowerCase()) {
      issues.push(
        issueAt(force, ['tenantId'], 'tenantId', `${f.tenantId} is the NMC tenant; each force has its own tenant`),
      );
    }
    if (!p.regions.allowed.includes(f.region)) {
      issues.push(
        issueAt(
          force,
          ['region'],
          'region',
          `${f.region} is not allowed; platform.yaml allows ${p.regions.allowed.join(', ')}`,
        ),
      );
    }
    const minimum = new Set(p.defender.minimumPlans);
    f.defender.additionalPlans.forEach((plan, i) => {
      if (minimum.has(plan)) {
        issues.push(
          issueAt(
            force,
            ['defender', 'additionalPlans', i],
            `defender.additionalPlans[${i}]`,
            `${plan} is already in the national minimum; remove it`,
          ),
        );
      }
    });
  }
  return issues;
}

function addressIssues(platform: Platform, forces: readonly Member[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const pool = parseCidr(platform.config.addressPool);
  const hub = parseCidr(platform.config.hub.addressSpace);
  const placed: { force: Member; block: Cidr }[] = [];
  for (const force of forces) {
    const text = force.config.network.addressSpace;
    const block = parseCidr(text);
    const at = (message: string) => issueAt(force, ['network', 'addressSpace'], 'network.addressSpace', message);
    if (!contains(pool, block)) issues.push(at(`${text} is outside the national address pool ${formatCidr(pool)}`));
    if (overlaps(hub, block)) issues.push(at(`${text} overlaps the hub address space ${formatCidr(hub)}`));
    const clash = placed.find((p) => overlaps(p.block, block));
    if (clash) issues.push(at(`${text} overlaps ${clash.force.config.network.addressSpace} of ${clash.force.file}`));
    placed.push({ force, block });
  }
  return issues;
}
