import { checkEstate } from '../../../policies/engine';
import { applyLimitPeerings } from '../../../policies/rules/apply-limit-peerings';
import { configStack, TEST_SETTINGS } from '../harness';

const forceStack = (id: string) =>
  configStack(
    {
      azurerm_virtual_network_peering: {
        hub: {
          provider: 'azurerm.hub',
          resource_group_name: 'rg-hub-network-uks',
          virtual_network_name: 'vnet-hub-uks',
        },
      },
    },
    { stack: id },
  );

describe('BL-APL-002 peerings per virtual network, over the estate', () => {
  const estate = (n: number) => Array.from({ length: n }, (_, i) => ({ view: forceStack(`force${i}`) }));

  it("counts the hub's peerings across every force stack and fails past 500", () => {
    const findings = checkEstate(estate(501), [applyLimitPeerings], TEST_SETTINGS);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'BL-APL-002', outcome: 'fail' });
    expect(findings[0].message).toContain('rg-hub-network-uks/vnet-hub-uks: 501 peerings; Azure allows 500');
  });

  it('puts the finding on the national stack that builds the hub, and says when the estate needs a second hub', () => {
    const national = configStack(
      {
        azurerm_virtual_network: {
          hub: { name: 'vnet-hub-uks', resource_group_name: '${azurerm_resource_group.rg.name}' },
        },
      },
      { stack: 'national' },
    );
    const findings = checkEstate([{ view: national }, ...estate(501)], [applyLimitPeerings], TEST_SETTINGS);
    expect(findings).toHaveLength(1);
    expect(findings[0].stack).toBe('national');
    // The GatewaySubnet route table (400 routes, one per spoke) binds before the 500 peerings.
    expect(findings[0].message).toContain('one hub carries at most 400 forces');
    expect(findings[0].message).toContain(
      '501 forces need 2 hubs of at most 400 forces each: force 401 is the first that needs a second hub',
    );
  });

  it('passes 43 forces, none of which is over the limit on its own', () => {
    expect(checkEstate(estate(43), [applyLimitPeerings], TEST_SETTINGS)).toEqual([]);
  });
});
