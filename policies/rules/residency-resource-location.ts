import { isUnknown } from '../terraform-json';
import { fail, normaliseRegion, notApplicable, pass, show, unknown, type ResourceRule, type RuleContext, type RuleResult } from '../rule';
import type { ResourceView } from '../types';

/** Types whose only valid location is "global" (alerting config, no data stored in a region). */
const GLOBAL_ONLY = new Set(['azurerm_monitor_action_group', 'azurerm_monitor_activity_log_alert', 'azurerm_monitor_smart_detector_alert_rule']);

/** Every resource with a location is in a UK region (uksouth or ukwest). */
export const residencyResourceLocation: ResourceRule = {
  scope: 'resource',
  meta: {
    id: 'BL-RES-001',
    title: 'Every resource is located in a UK region (uksouth or ukwest)',
    severity: 'critical',
    rationale: 'Police data must stay under UK jurisdiction; a resource in another region moves data (and backups, logs) outside it. This cannot be waived.',
    ncsc: ['2.1'],
    mirrors: { azurePolicy: ['e56962a6-4747-49cd-b67b-bf8b01975c4c'] },
    waivable: false,
  },
  configFields: ['region', 'hub.region'],
  check(r, ctx) {
    if (r.type === 'azurerm_resource_group') return notApplicable('resource groups are checked by BL-RES-002');
    if (!('location' in r.values)) return notApplicable('no location');
    return checkLocation(r, ctx, GLOBAL_ONLY.has(r.type));
  },
};

/** Checks `location`, following a reference to the resource (usually a resource group) it comes from. */
export function checkLocation(r: ResourceView, ctx: RuleContext, globalAllowed = false): RuleResult {
  let location = r.values.location;
  let via = '';
  for (let hops = 0; isUnknown(location) && hops < 3; hops++) {
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
    : fail(`location ${JSON.stringify(location)}${via} is outside the UK regions (${ctx.settings.allowedRegions.join(', ')})`);
}
