import { isUnknown } from '../terraform-json';
import { at, STACK_ADDRESS, type EstateResult, type EstateRule } from '../rule';
import { AZURE_LIMITS, limitMessage } from '../../util/azure-limits';

/** Links per private DNS zone, over every stack: each force links its spoke to every hub zone. */
export const applyLimitDnsZoneLinks: EstateRule = {
  scope: 'estate',
  meta: {
    id: 'BL-APL-003',
    title: 'No private DNS zone has more virtual network links than Azure allows',
    severity: 'high',
    rationale:
      'Each force links its spoke to every hub Private Link zone, so the links per zone grow with the estate; past the limit a new force cannot resolve its private endpoints.',
    ncsc: ['1'],
    mirrors: {},
    waivable: false,
    category: 'apply-readiness',
  },
  check(stacks) {
    const byZone = new Map<string, { count: number; stack: string }>();
    for (const ctx of stacks)
      for (const link of ctx.index.ofType('azurerm_private_dns_zone_virtual_network_link')) {
        const zone = link.values.private_dns_zone_name;
        const rg = link.values.resource_group_name;
        // A reference (the hub's own links) is the zone's resource: name it by the link's zone resource.
        const zoneName = isUnknown(zone) ? ctx.index.resolve(zone)?.values.name : zone;
        if (typeof zoneName !== 'string' || typeof rg !== 'string') continue;
        const key = `${rg.toLowerCase()}/${zoneName.toLowerCase()}`;
        const entry = byZone.get(key) ?? { count: 0, stack: ctx.stack.name };
        entry.count += 1;
        byZone.set(key, entry);
      }
    const limit = AZURE_LIMITS.virtualNetworkLinksPerPrivateDnsZone;
    const results: EstateResult[] = [];
    for (const [zone, { count, stack }] of byZone)
      results.push({
        ...at(`${STACK_ADDRESS} ${zone}`, {
          outcome: count > limit.max ? 'fail' : 'pass',
          message: `${zone}: ${limitMessage(limit, count, 'virtual network links')}`,
        }),
        stack,
      });
    return results;
  },
};
