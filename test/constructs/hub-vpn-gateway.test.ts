import { Testing } from 'cdktf';
import { HubVpnGateway, type HubVpnGatewayProps } from '../../constructs/hub-vpn-gateway';

const PROPS: HubVpnGatewayProps = {
  location: 'uksouth',
  resourceGroupName: 'rg-hub-network-uks',
  gatewayName: 'vgw-hub-vpn-uks',
  publicIpName: 'pip-vgw-hub-uks',
  publicIpAllowList: ['pip-afw-hub-uks', 'pip-vgw-hub-uks'],
  gatewaySubnetId:
    '/subscriptions/h/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-hub-uks/subnets/GatewaySubnet',
  sites: [
    { forceId: 'alpha', siteName: 'headquarters', gatewayAddress: '203.0.113.6', addressSpaces: ['172.16.16.0/24'] },
    { forceId: 'alpha', siteName: 'site-01', gatewayAddress: '203.0.113.7', addressSpaces: ['172.16.17.0/24'] },
  ],
  spokeAddressSpaces: ['10.64.0.0/22'],
  firewallPrivateIp: '10.0.0.4',
};
const synth = (props: Partial<HubVpnGatewayProps> = {}) =>
  JSON.parse(Testing.synthScope((scope) => new HubVpnGateway(scope, 'HubVpnGateway', { ...PROPS, ...props }))).resource;

describe('HubVpnGateway', () => {
  const r = synth();
  const connections = Object.values<Record<string, any>>(r.azurerm_virtual_network_gateway_connection);

  it('connects every site over IKEv2 with a strong IPsec policy', () => {
    expect(connections).toHaveLength(2);
    for (const c of connections) {
      expect(c).toMatchObject({
        type: 'IPsec',
        connection_protocol: 'IKEv2',
        ipsec_policy: { ike_encryption: 'GCMAES256', dh_group: 'ECP384' },
      });
    }
  });

  it('keeps pre-shared keys out of the Terraform JSON', () => {
    for (const c of connections) {
      expect(c.shared_key).toBeUndefined();
      expect(c.lifecycle).toEqual({ ignore_changes: ['shared_key'] });
    }
  });

  it('sends site traffic for the spokes through the firewall', () => {
    expect(Object.values(r.azurerm_route_table)[0]).toMatchObject({
      route: [expect.objectContaining({ address_prefix: '10.64.0.0/22', next_hop_in_ip_address: '10.0.0.4' })],
    });
  });

  it('refuses a public IP that is not on the hub allow list, naming the prop', () => {
    expect(() => synth({ publicIpAllowList: ['pip-afw-hub-uks'] })).toThrow(
      /HubVpnGateway: publicIpName "pip-vgw-hub-uks" is not on the hub public IP allow list/,
    );
  });

  describe('sizes the gateway SKU from the number of site-to-site connections', () => {
    const sitesOf = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        forceId: 'alpha',
        siteName: `site-${i}`,
        gatewayAddress: `203.0.113.${i + 1}`,
        addressSpaces: [`172.16.${i}.0/24`],
      }));
    const gatewaySku = (props: Partial<HubVpnGatewayProps>) =>
      (Object.values(synth(props).azurerm_virtual_network_gateway)[0] as { sku: string }).sku;

    it('keeps VpnGw2AZ while the sites fit in its 30 tunnels', () => {
      expect(gatewaySku({ sites: sitesOf(30) })).toBe('VpnGw2AZ');
    });

    it('moves to VpnGw4AZ (100 tunnels) for 50 sites, the bundled estate, where VpnGw2AZ would fail the apply', () => {
      expect(gatewaySku({ sites: sitesOf(50) })).toBe('VpnGw4AZ');
    });

    it('refuses more sites than any SKU carries, naming the limit and its source', () => {
      expect(() => synth({ sites: sitesOf(101) })).toThrow(
        /sites: 101 site-to-site connections exceed 100, the most any VPN gateway SKU carries \(VpnGw5AZ; https:\/\/learn\.microsoft\.com/,
      );
    });

    it('refuses an explicit SKU too small for the sites', () => {
      expect(() => synth({ sites: sitesOf(31), sku: 'VpnGw3AZ' })).toThrow(
        /sku "VpnGw3AZ" carries 30 site-to-site tunnels but there are 31 sites/,
      );
    });
  });
});
