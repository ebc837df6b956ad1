import { networkNoForcePeering } from '../../../policies/rules/network-no-force-peering';
import { outcomes, ref } from '../harness';

const HUB =
  '/subscriptions/00000000-0000-4000-8000-0000000c0002/resourceGroups/rg-hub-network-uks/providers/Microsoft.Network/virtualNetworks/vnet-hub-uks';
const OTHER_FORCE =
  '/subscriptions/00000000-0000-4000-8000-0000000000ff/resourceGroups/rg-kent-network-uks/providers/Microsoft.Network/virtualNetworks/vnet-kent-uks';

describe('BL-NET-009 no peering between forces', () => {
  it('passes the spoke-to-hub peering and the hub-side peering back to the spoke in the stack', () => {
    const result = outcomes(networkNoForcePeering, {
      azurerm_virtual_network: { spoke: {} },
      azurerm_virtual_network_peering: {
        toHub: { remote_virtual_network_id: HUB },
        fromHub: { remote_virtual_network_id: ref('azurerm_virtual_network.spoke.id') },
      },
    });
    expect(result).toEqual({
      'azurerm_virtual_network_peering.toHub': 'pass',
      'azurerm_virtual_network_peering.fromHub': 'pass',
    });
  });
  it("fails a peering to another force's VNet", () => {
    expect(
      outcomes(networkNoForcePeering, {
        azurerm_virtual_network_peering: { p: { remote_virtual_network_id: OTHER_FORCE } },
      }),
    ).toEqual({ 'azurerm_virtual_network_peering.p': 'fail' });
  });
  it('is unknown when the remote is a reference outside the stack', () => {
    expect(
      outcomes(networkNoForcePeering, {
        azurerm_virtual_network_peering: { p: { remote_virtual_network_id: ref('var.remote') } },
      }),
    ).toEqual({ 'azurerm_virtual_network_peering.p': 'unknown' });
  });
});
