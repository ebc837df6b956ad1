import { applyLimitRouteTableRoutes } from '../../../policies/rules/apply-limit-route-table-routes';
import { outcomes } from '../harness';

const routes = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `r${i}`, address_prefix: `10.${i % 250}.0.0/24` }));

describe('BL-APL-004 routes per route table', () => {
  it('fails 401 routes', () => {
    expect(outcomes(applyLimitRouteTableRoutes, { azurerm_route_table: { rt: { route: routes(401) } } })).toEqual({
      'azurerm_route_table.rt': 'fail',
    });
  });
  it('passes 400', () => {
    expect(outcomes(applyLimitRouteTableRoutes, { azurerm_route_table: { rt: { route: routes(400) } } })).toEqual({
      'azurerm_route_table.rt': 'pass',
    });
  });
});
