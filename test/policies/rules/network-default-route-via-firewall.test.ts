import { networkDefaultRouteViaFirewall } from '../../../policies/rules/network-default-route-via-firewall';
import { outcomes, ref, type Resources } from '../harness';

function spoke(route: Record<string, unknown>, inline = true): Resources {
  return {
    azurerm_subnet: { workloads: { name: 'snet-workloads' }, gateway: { name: 'GatewaySubnet' } },
    azurerm_route_table: { rt: inline ? { route: [{ name: 'default', ...route }] } : {} },
    ...(inline ? {} : { azurerm_route: { default: { route_table_name: ref('azurerm_route_table.rt.name'), name: 'default', ...route } } }),
    azurerm_subnet_route_table_association: { a: { subnet_id: ref('azurerm_subnet.workloads.id'), route_table_id: ref('azurerm_route_table.rt.id') } },
  };
}

describe('BL-NET-006 default route via the hub firewall', () => {
  const toFirewall = { address_prefix: '0.0.0.0/0', next_hop_type: 'VirtualAppliance', next_hop_in_ip_address: '10.0.0.4' };
  it('passes a spoke subnet whose route table sends 0.0.0.0/0 to the firewall (inline or azurerm_route)', () => {
    expect(outcomes(networkDefaultRouteViaFirewall, spoke(toFirewall))).toEqual({ 'azurerm_subnet.workloads': 'pass' });
    expect(outcomes(networkDefaultRouteViaFirewall, spoke(toFirewall, false))).toEqual({ 'azurerm_subnet.workloads': 'pass' });
  });
  it('fails a default route to the internet or to another appliance', () => {
    expect(outcomes(networkDefaultRouteViaFirewall, spoke({ ...toFirewall, next_hop_type: 'Internet', next_hop_in_ip_address: undefined }))).toEqual({ 'azurerm_subnet.workloads': 'fail' });
    expect(outcomes(networkDefaultRouteViaFirewall, spoke({ ...toFirewall, next_hop_in_ip_address: '10.9.9.9' }))).toEqual({ 'azurerm_subnet.workloads': 'fail' });
  });
  it('fails a subnet with no route table', () => {
    expect(outcomes(networkDefaultRouteViaFirewall, { azurerm_subnet: { a: { name: 'a' } } })).toEqual({ 'azurerm_subnet.a': 'fail' });
  });
  it('does not apply to the national hub', () => {
    expect(outcomes(networkDefaultRouteViaFirewall, { azurerm_subnet: { a: { name: 'a' } } }, { stack: 'national' })).toEqual({});
  });
});
