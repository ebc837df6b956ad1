import { applyLimitRouteTableRoutes } from '../../../policies/rules/apply-limit-route-table-routes';
import { evaluate, outcomes } from '../harness';

const routes = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `r${i}`, address_prefix: `10.${i % 250}.0.0/24` }));

describe('BL-APL-004 routes per route table', () => {
  it('fails 401 routes', () => {
    expect(outcomes(applyLimitRouteTableRoutes, { azurerm_route_table: { rt: { route: routes(401) } } })).toEqual({
      'azurerm_route_table.rt': 'fail',
    });
  });
  it("says, for the hub's table of one route per spoke, how many hubs the estate needs", () => {
    const hub = evaluate(
      applyLimitRouteTableRoutes,
      { azurerm_route_table: { rt: { route: routes(1000) } } },
      { stack: 'national' },
    );
    expect(hub['azurerm_route_table.rt'].message).toMatch(
      /^1000 routes per route table; Azure allows 400 \(.*\); one hub carries at most 400 forces .*1000 forces need 3 hubs/,
    );
    const spoke = evaluate(applyLimitRouteTableRoutes, { azurerm_route_table: { rt: { route: routes(401) } } });
    expect(spoke['azurerm_route_table.rt'].message).not.toContain('hubs');
  });
  it('passes 400', () => {
    expect(outcomes(applyLimitRouteTableRoutes, { azurerm_route_table: { rt: { route: routes(400) } } })).toEqual({
      'azurerm_route_table.rt': 'pass',
    });
  });
});
