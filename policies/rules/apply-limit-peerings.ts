import { at, STACK_ADDRESS, type EstateResult, type EstateRule } from '../rule';
import { AZURE_LIMITS, limitMessage } from '../../util/azure-limits';

/** Peerings on one VNet, counted over every stack: each force adds one to the hub. */
export const applyLimitPeerings: EstateRule = {
  scope: 'estate',
  meta: {
    id: 'BL-APL-002',
    title: 'No virtual network has more peerings than Azure allows',
    severity: 'high',
    rationale:
      "Every force stack writes one peering onto the hub VNet, so the hub's count grows with the estate; past the limit the next force's apply fails.",
    ncsc: ['1'],
    mirrors: {},
    waivable: false,
    category: 'apply-readiness',
  },
  check(stacks) {
    const byVnet = new Map<string, { count: number; stack: string }>();
    for (const ctx of stacks)
      for (const p of ctx.index.ofType('azurerm_virtual_network_peering')) {
        const { resource_group_name: rg, virtual_network_name: name } = p.values;
        if (typeof rg !== 'string' || typeof name !== 'string') continue;
        const key = `${rg.toLowerCase()}/${name.toLowerCase()}`;
        const entry = byVnet.get(key) ?? { count: 0, stack: ctx.stack.name };
        entry.count += 1;
        byVnet.set(key, entry);
      }
    const limit = AZURE_LIMITS.peeringsPerVirtualNetwork;
    const results: EstateResult[] = [];
    for (const [vnet, { count, stack }] of byVnet) {
      const result = at(`${STACK_ADDRESS} ${vnet}`, {
        outcome: count > limit.max ? 'fail' : 'pass',
        message: `${vnet}: ${limitMessage(limit, count, 'peerings')}`,
      });
      results.push({ ...result, stack });
    }
    return results;
  },
};
