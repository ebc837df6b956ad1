import { blocksAt, fail, pass, type ResourceRule } from '../rule';
import { AZURE_LIMITS, hubCapacityAdvice, limitMessage } from '../../util/azure-limits';

/** Routes in one route table: its inline routes plus azurerm_route resources in it. */
export const applyLimitRouteTableRoutes: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_route_table'],
  meta: {
    id: 'BL-APL-004',
    title: 'No route table has more routes than Azure allows',
    severity: 'high',
    rationale:
      'Route tables that list every spoke or site grow with the estate; Azure refuses the route past the limit.',
    ncsc: ['1'],
    mirrors: {},
    waivable: false,
    category: 'apply-readiness',
  },
  check(r, ctx) {
    const separate = ctx.index.referrersOf(r, ['azurerm_route'], 'route_table_name').length;
    const count = blocksAt(r.values, 'route').length + separate;
    const limit = AZURE_LIMITS.routesPerRouteTable;
    if (count <= limit.max) return pass(`${count} routes`);
    // The hub's route tables that grow with the estate hold one route per force spoke.
    return fail(`${limitMessage(limit, count)}${ctx.isNational ? `; ${hubCapacityAdvice(count)}` : ''}`);
  },
};
