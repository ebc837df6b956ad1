import { applyLimitVpnGatewayTunnels } from '../../../policies/rules/apply-limit-vpn-gateway-tunnels';
import { outcomes, ref } from '../harness';

const connections = (n: number) =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `c${i}`,
      { type: 'IPsec', virtual_network_gateway_id: ref('azurerm_virtual_network_gateway.gw.id') },
    ]),
  );

describe('BL-APL-001 VPN gateway tunnels', () => {
  it('fails 50 connections on VpnGw2AZ (30 tunnels), the estate before the fix', () => {
    const result = outcomes(applyLimitVpnGatewayTunnels, {
      azurerm_virtual_network_gateway: { gw: { type: 'Vpn', sku: 'VpnGw2AZ' } },
      azurerm_virtual_network_gateway_connection: connections(50),
    });
    expect(result).toEqual({ 'azurerm_virtual_network_gateway.gw': 'fail' });
  });
  it('passes 50 connections on VpnGw4AZ, and ignores ExpressRoute gateways', () => {
    expect(
      outcomes(applyLimitVpnGatewayTunnels, {
        azurerm_virtual_network_gateway: {
          gw: { type: 'Vpn', sku: 'VpnGw4AZ' },
          er: { type: 'ExpressRoute', sku: 'ErGw1AZ' },
        },
        azurerm_virtual_network_gateway_connection: connections(50),
      }),
    ).toEqual({ 'azurerm_virtual_network_gateway.gw': 'pass', 'azurerm_virtual_network_gateway.er': 'pass' });
  });
  it('cannot judge a SKU the limits table does not know', () => {
    expect(
      outcomes(applyLimitVpnGatewayTunnels, { azurerm_virtual_network_gateway: { gw: { type: 'Vpn', sku: 'Basic' } } }),
    ).toEqual({ 'azurerm_virtual_network_gateway.gw': 'unknown' });
  });
});
