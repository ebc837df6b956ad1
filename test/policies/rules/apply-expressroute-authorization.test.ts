import { applyExpressRouteAuthorization } from '../../../policies/rules/apply-expressroute-authorization';
import { evaluate, evaluateView, outcomes, planStack } from '../harness';

const OWN = '00000000-0000-4000-8000-00000000e55e';
const OTHER = '00000000-0000-4000-8000-0000000c1c01';
const circuit = (sub: string) =>
  `/subscriptions/${sub}/resourceGroups/rg-connectivity/providers/Microsoft.Network/expressRouteCircuits/erc-essex`;
const provider = { provider: { azurerm: [{ subscription_id: OWN }] } };
const sensitiveVariable = { variable: { expressroute_authorization_key: { type: 'string', sensitive: true } } };
const connection = (values: Record<string, unknown>) => ({
  azurerm_virtual_network_gateway_connection: { er: { type: 'ExpressRoute', ...values } },
});
const ADDRESS = 'azurerm_virtual_network_gateway_connection.er';

describe('BL-APL-013 ExpressRoute authorization key', () => {
  it('passes a circuit in another subscription whose key is a sensitive variable', () => {
    expect(
      outcomes(
        applyExpressRouteAuthorization,
        connection({
          express_route_circuit_id: circuit(OTHER),
          authorization_key: '${var.expressroute_authorization_key}',
        }),
        { otherBlocks: { ...provider, ...sensitiveVariable } },
      ),
    ).toEqual({ [ADDRESS]: 'pass' });
  });

  it('does not ask for a key when the circuit is in the stack’s own subscription, or for a site-to-site connection', () => {
    expect(
      outcomes(applyExpressRouteAuthorization, connection({ express_route_circuit_id: circuit(OWN) }), {
        otherBlocks: provider,
      }),
    ).toEqual({ [ADDRESS]: 'not-applicable' });
    expect(
      outcomes(
        applyExpressRouteAuthorization,
        { azurerm_virtual_network_gateway_connection: { vpn: { type: 'IPsec' } } },
        { otherBlocks: provider },
      ),
    ).toEqual({ 'azurerm_virtual_network_gateway_connection.vpn': 'not-applicable' });
  });

  it('fails a circuit in another subscription without a key: the first apply would fail', () => {
    const result = evaluate(applyExpressRouteAuthorization, connection({ express_route_circuit_id: circuit(OTHER) }), {
      otherBlocks: provider,
    });
    expect(result[ADDRESS]).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('no authorization_key'),
    });
  });

  it('fails a literal key without repeating it, and a variable that is not sensitive or not declared', () => {
    const literal = evaluate(
      applyExpressRouteAuthorization,
      connection({ express_route_circuit_id: circuit(OTHER), authorization_key: 'a1b2c3d4-literal-key' }),
      { otherBlocks: provider },
    );
    expect(literal[ADDRESS].outcome).toBe('fail');
    expect(literal[ADDRESS].message).not.toContain('a1b2c3d4-literal-key');
    const plain = { variable: { expressroute_authorization_key: { type: 'string' } } };
    const key = {
      express_route_circuit_id: circuit(OTHER),
      authorization_key: '${var.expressroute_authorization_key}',
    };
    expect(
      outcomes(applyExpressRouteAuthorization, connection(key), { otherBlocks: { ...provider, ...plain } }),
    ).toEqual({ [ADDRESS]: 'fail' });
    expect(outcomes(applyExpressRouteAuthorization, connection(key), { otherBlocks: provider })).toEqual({
      [ADDRESS]: 'fail',
    });
  });

  it('on a plan, fails a connection with no key and passes one whose key came from an expression', () => {
    const plan = (after: Record<string, unknown>) =>
      planStack([
        {
          address: ADDRESS,
          type: 'azurerm_virtual_network_gateway_connection',
          actions: ['create'],
          after: { type: 'ExpressRoute', express_route_circuit_id: circuit(OTHER), ...after },
        },
      ]);
    expect(evaluateView(applyExpressRouteAuthorization, plan({}))[ADDRESS].outcome).toBe('fail');
    // Without the synthesised stack's provider block, an existing connection's id names its subscription.
    const own = plan({
      express_route_circuit_id: circuit(OWN),
      id: `/subscriptions/${OWN}/resourceGroups/rg/providers/Microsoft.Network/connections/con-essex`,
    });
    expect(evaluateView(applyExpressRouteAuthorization, own)[ADDRESS].outcome).toBe('not-applicable');
    expect(
      evaluateView(applyExpressRouteAuthorization, plan({ authorization_key: 'from-the-secret' }))[ADDRESS].outcome,
    ).toBe('pass');
  });
});
