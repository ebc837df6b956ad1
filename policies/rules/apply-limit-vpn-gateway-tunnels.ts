import { isUnknown } from '../terraform-json';
import { fail, pass, show, unknown, type ResourceRule } from '../rule';
import { VPN_GATEWAY_SKU_TUNNELS_SOURCE, vpnGatewayTunnelLimit } from '../../util/azure-limits';

/** A VPN gateway's SKU carries a tunnel for each of its site-to-site connections. */
export const applyLimitVpnGatewayTunnels: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_virtual_network_gateway'],
  meta: {
    id: 'BL-APL-001',
    title: 'VPN gateway SKU carries every site-to-site connection',
    severity: 'high',
    rationale:
      'VpnGw1-3 carry 30 tunnels and VpnGw4-5 carry 100; Azure refuses the connection past the limit, the national apply fails and every force deploy behind it waits.',
    ncsc: ['1'],
    mirrors: {},
    waivable: false,
    category: 'apply-readiness',
  },
  check(r, ctx) {
    if (r.values.type !== 'Vpn') return pass('not a VPN gateway');
    const sku = r.values.sku;
    if (isUnknown(sku)) return unknown(`sku is ${show(sku)}`);
    const connections = ctx.index
      .referrersOf(r, ['azurerm_virtual_network_gateway_connection'], 'virtual_network_gateway_id')
      .filter((c) => c.values.type === 'IPsec').length;
    const limit = vpnGatewayTunnelLimit(String(sku));
    if (limit === undefined) return unknown(`sku ${show(sku)} is not in util/azure-limits.ts`);
    return connections <= limit
      ? pass(`${connections} of ${limit} tunnels`)
      : fail(
          `${connections} site-to-site connections on ${String(sku)}, which carries ${limit} (${VPN_GATEWAY_SKU_TUNNELS_SOURCE})`,
        );
  },
};
