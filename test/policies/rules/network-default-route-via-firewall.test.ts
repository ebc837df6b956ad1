import { networkDefaultRouteViaFirewall } from '../../../policies/rules/network-default-route-via-firewall';
import { outcomes, ref, type Resources } from '../harness';

function spoke(route: Record<string, unknown>, inline = true): Resources {
  return {
    azurerm_subnet: { workloads: { name: 'snet-workloads' }, gateway: { name: 'GatewaySubnet' } },
    azurerm_route_table: { rt: inline ? { route: [{ name: 'default', ...route }] } : {} },
    ...(inline
      ? {}
      : {
          azurerm_route: {
            default: { route_table_name: ref('azurerm_route_table.rt.name'), name: 'default', ...route },
          },
        }),
    azurerm_subnet_route_table_association: {
      a: { subnet_id: ref('azurerm_subnet.workloads.id'), route_table_id: ref('azurerm_route_table.rt.id') },
    },
  };
}

describe('BL-NET-006 default route via the hub firewall', () => {
  const toFirewall = {
    address_prefix: '0.0.0.0/0',
    next_hop_type: 'VirtualAppliance',
    next_hop_in_ip_address: '10.0.0.4',
  };
  it('passes a spoke subnet whose route table sends 0.0.0.0/0 to the firewall (inline or azurerm_route)', () => {
    expect(outcomes(networkDefaultRouteViaFirewall, spoke(toFirewall))).toEqual({ 'azurerm_subnet.workloads': 'pass' });
    expect(outcomes(networkDefaultRouteViaFirewall, spoke(toFirewall, false))).toEqual({
      'azurerm_subnet.workloads': 'pass',
    });
  });
  it('fails a default route to the internet or to another appliance', () => {
    expect(
      outcomes(
        networkDefaultRouteViaFirewall,
        spoke({ ...toFirewall, next_hop_type: 'Internet', next_hop_in_ip_address: undefined }),
      ),
    ).toEqual({ 'azurerm_subnet.workloads': 'fail' });
    expect(
      outcomes(networkDefaultRouteViaFirewall, spoke({ ...toFirewall, next_hop_in_ip_address: '10.9.9.9' })),
    ).toEqual({ 'azurerm_subnet.workloads': 'fail' });
  });
  it('fails a subnet with no route table', () => {
    expect(outcomes(networkDefaultRouteViaFirewall, { azurerm_subnet: { a: { name: 'a' } } })).toEqual({
      'azurerm_subnet.a': 'fail',
    });
  });
  it('does not apply to the national hub', () => {
    expect(
      outcomes(networkDefaultRouteViaFirewall, { azurerm_subnet: { a: { name: 'a' } } }, { stack: 'national' }),
    ).toEqual({});
  });
});

describe('BL-NET-006 routes that go around the firewall', () => {
  const toFirewall = {
    name: 'default',
    address_prefix: '0.0.0.0/0',
    next_hop_type: 'VirtualAppliance',
    next_hop_in_ip_address: '10.0.0.4',
  };
  const table = (route: unknown[]): Resources => ({
    azurerm_subnet: { workloads: { name: 'snet-workloads' } },
    azurerm_route_table: { rt: { route } },
    azurerm_subnet_route_table_association: {
      a: { subnet_id: ref('azurerm_subnet.workloads.id'), route_table_id: ref('azurerm_route_table.rt.id') },
    },
  });
  it('fails 0.0.0.0/1 and 128.0.0.0/1 to the Internet beside a correct default route (more specific routes win)', () => {
    const halves = [
      toFirewall,
      { name: 'lo', address_prefix: '0.0.0.0/1', next_hop_type: 'Internet' },
      { name: 'hi', address_prefix: '128.0.0.0/1', next_hop_type: 'Internet' },
    ];
    expect(outcomes(networkDefaultRouteViaFirewall, table(halves))).toEqual({ 'azurerm_subnet.workloads': 'fail' });
  });
  it('passes private prefixes to the firewall and service-tag routes', () => {
    const routes = [
      toFirewall,
      {
        name: 'hub',
        address_prefix: '10.0.0.0/8',
        next_hop_type: 'VirtualAppliance',
        next_hop_in_ip_address: '10.0.0.4',
      },
      { name: 'kms', address_prefix: 'AzureCloud.uksouth', next_hop_type: 'Internet' },
    ];
    expect(outcomes(networkDefaultRouteViaFirewall, table(routes))).toEqual({ 'azurerm_subnet.workloads': 'pass' });
  });
  it('checks subnets written inline in the VNet (route_table_id)', () => {
    const result = outcomes(networkDefaultRouteViaFirewall, {
      azurerm_route_table: {
        rt: { route: [{ ...toFirewall, next_hop_type: 'Internet', next_hop_in_ip_address: null }] },
      },
      azurerm_virtual_network: {
        none: { subnet: [{ name: 'snet-a' }] },
        internet: { subnet: [{ name: 'snet-b', route_table_id: ref('azurerm_route_table.rt.id') }] },
      },
    });
    expect(result).toEqual({ 'azurerm_virtual_network.none': 'fail', 'azurerm_virtual_network.internet': 'fail' });
  });
});
