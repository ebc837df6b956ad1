import { at, STACK_ADDRESS, type EstateResult, type EstateRule } from '../rule';
import { AZURE_LIMITS, hubCapacityAdvice, limitMessage } from '../../util/azure-limits';

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
    const key = (rg: string, name: string) => `${rg.toLowerCase()}/${name.toLowerCase()}`;
    // The stack that builds each VNet owns its findings (the hub's peerings are written by the forces).
    // By name: the VNet's own resource group is a reference in its stack, a literal in the others.
    const owner = new Map<string, string>();
    for (const ctx of stacks)
      for (const v of ctx.index.ofType('azurerm_virtual_network'))
        if (typeof v.values.name === 'string') owner.set(v.values.name.toLowerCase(), ctx.stack.name);
    for (const ctx of stacks)
      for (const p of ctx.index.ofType('azurerm_virtual_network_peering')) {
        const { resource_group_name: rg, virtual_network_name: name } = p.values;
        if (typeof rg !== 'string' || typeof name !== 'string') continue;
        const vnet = key(rg, name);
        const entry = byVnet.get(vnet) ?? { count: 0, stack: owner.get(name.toLowerCase()) ?? ctx.stack.name };
        entry.count += 1;
        byVnet.set(vnet, entry);
      }
    const limit = AZURE_LIMITS.peeringsPerVirtualNetwork;
    const results: EstateResult[] = [];
    for (const [vnet, { count, stack }] of byVnet) {
      // The hub (the national stack's VNet) gets one peering per force.
      const hub = stack === stacks.find((c) => c.isNational)?.stack.name;
      const result = at(`${STACK_ADDRESS} ${vnet}`, {
        outcome: count > limit.max ? 'fail' : 'pass',
        message: `${vnet}: ${limitMessage(limit, count, 'peerings')}${hub ? `; ${hubCapacityAdvice(count)}` : ''}`,
      });
      results.push({ ...result, stack });
    }
    return results;
  },
};
