import { synthInTemp } from '../helpers/synth';
import { HubRunnerSubnet, hubRunnerSubnetPrefix } from '../../constructs/hub-runner-subnet';

describe('hubRunnerSubnetPrefix', () => {
  it('takes the highest /26 the firewall, gateway and endpoint subnets leave free', () => {
    expect(hubRunnerSubnetPrefix('10.0.0.0/20', '10.0.0.4')).toBe('10.0.15.192/26');
    // A /24 has four /26s: firewall 0, gateway 1, endpoints 2, runners 3.
    expect(hubRunnerSubnetPrefix('10.0.0.0/24', '10.0.0.4')).toBe('10.0.0.192/26');
    // Firewall in the last block: gateway 2, endpoints 0, runners 1.
    expect(hubRunnerSubnetPrefix('10.0.0.0/24', '10.0.0.196')).toBe('10.0.0.64/26');
  });
  it('has no answer for a hub too small or a firewall outside it', () => {
    expect(hubRunnerSubnetPrefix('10.0.0.0/25', '10.0.0.4')).toBeUndefined();
    expect(hubRunnerSubnetPrefix('10.0.0.0/24', '10.1.0.4')).toBeUndefined();
  });
});

describe('HubRunnerSubnet', () => {
  const props = {
    virtualNetworkId:
      '/subscriptions/h/resourceGroups/rg-hub-network-uks/providers/Microsoft.Network/virtualNetworks/vnet-hub-uks',
    resourceGroupName: 'rg-hub-network-uks',
    location: 'uksouth',
    addressPrefix: '10.0.15.192/26',
    firewallPrivateIp: '10.0.0.4',
  };
  const r = JSON.parse(synthInTemp((s) => new HubRunnerSubnet(s, 'HubRunners', props))).resource;

  it('denies all inbound and sends everything out through the hub firewall', () => {
    const [nsg] = Object.values<Record<string, any>>(r.azurerm_network_security_group);
    expect(nsg.security_rule).toEqual([expect.objectContaining({ name: 'DenyAllInbound', access: 'Deny' })]);
    const [routes] = Object.values<Record<string, any>>(r.azurerm_route_table);
    expect(routes.route).toEqual([
      expect.objectContaining({ address_prefix: '0.0.0.0/0', next_hop_in_ip_address: '10.0.0.4' }),
    ]);
    const [subnet] = Object.values<Record<string, any>>(r.azurerm_subnet);
    expect(subnet).toMatchObject({ address_prefixes: ['10.0.15.192/26'], default_outbound_access_enabled: false });
  });

  it('refuses a prefix that is not a CIDR of /27 or larger', () => {
    expect(() =>
      synthInTemp((s) => new HubRunnerSubnet(s, 'HubRunners', { ...props, addressPrefix: '10.0.0.0/29' })),
    ).toThrow(/HubRunners: addressPrefix "10.0.0.0\/29" must be an IPv4 CIDR of \/27 or larger/);
  });
});
