/**
 * What synthesis (or Azure) would refuse that the schema alone lets through, refused at validate
 * with the line: `validate` saying valid and `synth` then failing with a construct path and no line
 * is a bug. Each rule names the construct check it mirrors; test/config/validate-before-synth.test.ts
 * synthesises every hostile fixture to prove validate catches what synth would.
 */
import { cidrBlock, parseIp } from '../util/cidr';
import type { LoadedFile } from './estate';
import type { ConfigIssue } from './errors';
import { formatPath } from './errors';
import type { ForceConfig, PlatformConfig } from './schema';

type Force = LoadedFile<ForceConfig>;
type Platform = LoadedFile<PlatformConfig>;

/** Azure allows 5 budget notifications; Guardrails adds a forecast one (constructs/guardrails.ts). */
const MAX_BUDGET_ALERTS = 4;
/** Lifecycle tiering days the evidence store accepts (constructs/evidence-store.ts). */
const MAX_TIERING_DAYS = 99999;

function at(file: LoadedFile<unknown>, path: PropertyKey[], message: string): ConfigIssue {
  const pos = file.locator.locate(path);
  return { file: file.file, line: pos?.line, col: pos?.col, path: formatPath(path), message };
}

/**
 * Lists where an entry written twice is a mistake (the same group, plan or threshold twice). Site
 * ranges and required tags have their own rules, which say more.
 */
const UNIQUE_LISTS: readonly (readonly string[])[] = [
  ['identity', 'readers'],
  ['identity', 'operators'],
  ['identity', 'admins'],
  ['services', 'office365', 'workloads'],
  ['defender', 'additionalPlans'],
  ['budget', 'alertThresholds'],
  ['contacts', 'budgetEmails'],
];
const UNIQUE_PLATFORM_LISTS: readonly (readonly string[])[] = [
  ['regions', 'allowed'],
  ['defender', 'minimumPlans'],
  ['hub', 'publicIpAllowList'],
];

function duplicateIssues(
  file: LoadedFile<unknown>,
  config: unknown,
  lists: readonly (readonly string[])[],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const path of lists) {
    let list: unknown = config;
    for (const key of path) list = (list as Record<string, unknown> | undefined)?.[key];
    if (!Array.isArray(list)) continue;
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      const key = String(item).toLowerCase();
      const first = seen.get(key);
      if (first !== undefined)
        issues.push(at(file, [...path, i], `${String(item)} is already listed as ${formatPath([...path, first])}`));
      else seen.set(key, i);
    });
  }
  return issues;
}

export function synthLimitIssues(platform: Platform, forces: readonly Force[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [...duplicateIssues(platform, platform.config, UNIQUE_PLATFORM_LISTS)];
  const p = platform.config;

  // HubNetwork: a /24 or larger, with the firewall at the fourth address of a /26 (Azure gives it that one).
  const hub = cidrBlock(p.hub.addressSpace);
  const fw = parseIp(p.hub.firewallPrivateIp);
  if (hub && hub.prefix > 24)
    issues.push(
      at(platform, ['hub', 'addressSpace'], `${p.hub.addressSpace} is too small for the hub; use a /24 or larger`),
    );
  else if (
    hub &&
    fw !== undefined &&
    fw >= hub.network &&
    fw < hub.network + hub.size &&
    (fw - hub.network) % 64 !== 4
  ) {
    const subnetStart = hub.network + Math.floor((fw - hub.network) / 64) * 64;
    const expected = [24, 16, 8, 0].map((s) => ((subnetStart + 4) >>> s) & 255).join('.');
    issues.push(
      at(
        platform,
        ['hub', 'firewallPrivateIp'],
        `${p.hub.firewallPrivateIp} must be the fourth address of its /26 (${expected}): Azure gives the firewall that address`,
      ),
    );
  }
  // SocLogging and DefenderForCloud: the national minimum names at least one plan.
  if (p.defender.minimumPlans.length === 0)
    issues.push(at(platform, ['defender', 'minimumPlans'], 'must name at least one Defender plan'));

  for (const force of forces) {
    const f = force.config;
    issues.push(...duplicateIssues(force, f, UNIQUE_LISTS));
    if (f.budget.alertThresholds.length > MAX_BUDGET_ALERTS) {
      issues.push(
        at(
          force,
          ['budget', 'alertThresholds'],
          `has ${f.budget.alertThresholds.length} thresholds; at most ${MAX_BUDGET_ALERTS} (Azure allows 5 budget alerts and one is the forecast)`,
        ),
      );
    }
    if (f.services.office365.enabled && f.services.office365.workloads.length === 0) {
      issues.push(
        at(force, ['services', 'office365', 'workloads'], 'must name at least one workload when office365 is enabled'),
      );
    }
    for (const key of ['coolAfterDays', 'archiveAfterDays'] as const) {
      const days = f.services.evidenceStore[key];
      if (days > MAX_TIERING_DAYS)
        issues.push(at(force, ['services', 'evidenceStore', key], `${days} is more than ${MAX_TIERING_DAYS} days`));
    }
  }
  return issues;
}
