import { isUnknown } from '../terraform-json';
import {
  ALL_STACK_KINDS,
  fail,
  normaliseRegion,
  notApplicable,
  pass,
  show,
  unknown,
  type ResourceRule,
  type RuleContext,
  type RuleResult,
} from '../rule';
import type { ResourceView } from '../types';
import { UK_REGIONS } from '../../util/platform-facts';

/** Types whose only valid location is "global" (alerting config, no data stored in a region). */
const GLOBAL_ONLY = new Set([
  'azurerm_monitor_action_group',
  'azurerm_monitor_activity_log_alert',
  'azurerm_monitor_smart_detector_alert_rule',
]);

/** Every resource with a location is in a UK region (uksouth or ukwest). */
export const residencyResourceLocation: ResourceRule = {
  scope: 'resource',
  stackKinds: ALL_STACK_KINDS,
  meta: {
    id: 'BL-RES-001',
    title: `Every resource is located in a UK region (${UK_REGIONS.join(' or ')})`,
    severity: 'critical',
    rationale:
      'Police data must stay under UK jurisdiction; a resource in another region moves data (and backups, logs) outside it. This cannot be waived.',
    ncsc: ['2.1'],
    mirrors: { azurePolicy: ['e56962a6-4747-49cd-b67b-bf8b01975c4c'] },
    waivable: false,
  },
  configFields: ['region', 'hub.region'],
  check(r, ctx) {
    if (r.type === 'azurerm_resource_group') return notApplicable('resource groups are checked by BL-RES-002');
    const replicas = checkReplicaLocations(r, ctx);
    if (!('location' in r.values)) return replicas ?? notApplicable('no location');
    const primary = checkLocation(r, ctx, GLOBAL_ONLY.has(r.type));
    return replicas ? worst(primary, replicas) : primary;
  },
};

const RANK: Record<string, number> = { fail: 0, unknown: 1, pass: 2, 'not-applicable': 3 };

/** The more serious of two results: a fail over an unknown over a pass. */
function worst(a: RuleResult, b: RuleResult): RuleResult {
  return RANK[b.outcome] < RANK[a.outcome] ? b : a;
}

/** `${type.name.location}`: a plain reference whose value is the other resource's location. */
const LOCATION_REF_RE = /^\$\{[a-z0-9_]+\.[A-Za-z0-9_-]+\.location\}$/;

/**
 * Regions named inside blocks: geo-replicas and secondary regions (`geo_location` of Cosmos DB,
 * `georeplications` of a container registry, `additional_location` of API Management). Data is
 * copied there, so they must be UK too. Undefined when the resource names none.
 */
export function checkReplicaLocations(r: ResourceView, ctx: RuleContext): RuleResult | undefined {
  const found: unknown[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (Array.isArray(value)) value.forEach((v) => walk(v, depth));
    else if (value && typeof value === 'object' && !isUnknown(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (depth > 0 && k === 'location') found.push(v);
        else walk(v, depth + 1);
      }
    }
  };
  walk(r.values, 0);
  if (found.length === 0) return undefined;
  const outside = found.filter(
    (l) => typeof l === 'string' && !ctx.settings.allowedRegions.includes(normaliseRegion(l)),
  );
  if (outside.length)
    return fail(
      `replica location ${outside.map((l) => JSON.stringify(l)).join(', ')} is outside the UK regions (${ctx.settings.allowedRegions.join(', ')})`,
    );
  const unresolved = found.find((l) => typeof l !== 'string');
  return unresolved === undefined ? pass() : unknown(`a replica location is ${show(unresolved)}`);
}

/** Checks `location`, following a reference to the resource (usually a resource group) it comes from. */
export function checkLocation(r: ResourceView, ctx: RuleContext, globalAllowed = false): RuleResult {
  let location = r.values.location;
  let via = '';
  // Follow plain references only: `${cond ? "westeurope" : azurerm_resource_group.rg.location}` is not the group's location.
  for (let hops = 0; isUnknown(location) && LOCATION_REF_RE.test(location.expression ?? '') && hops < 3; hops++) {
    const target = ctx.index.resolve(location);
    if (!target || !('location' in target.values)) break;
    via = ` (from ${target.address})`;
    location = target.values.location;
  }
  if (isUnknown(location)) return unknown(`location is ${show(location)}`);
  if (typeof location !== 'string') return fail(`location is ${show(location)}`);
  const region = normaliseRegion(location);
  if (globalAllowed && region === 'global') return pass('global (alerting configuration holds no regional data)');
  return ctx.settings.allowedRegions.includes(region)
    ? pass()
    : fail(
        `location ${JSON.stringify(location)}${via} is outside the UK regions (${ctx.settings.allowedRegions.join(', ')})`,
      );
}
