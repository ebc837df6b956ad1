import { residencyResourceGroupLocation } from '../../../policies/rules/residency-resource-group-location';
import { outcomes } from '../harness';

describe('BL-RES-002 resource groups in UK regions', () => {
  it('cannot be waived', () => {
    expect(residencyResourceGroupLocation.meta.waivable).toBe(false);
  });
  it('passes "UK South" written either way', () => {
    expect(
      outcomes(residencyResourceGroupLocation, {
        azurerm_resource_group: { a: { location: 'UK South' }, b: { location: 'uksouth' } },
      }),
    ).toEqual({ 'azurerm_resource_group.a': 'pass', 'azurerm_resource_group.b': 'pass' });
  });
  it('fails eastus', () => {
    expect(outcomes(residencyResourceGroupLocation, { azurerm_resource_group: { a: { location: 'eastus' } } })).toEqual(
      { 'azurerm_resource_group.a': 'fail' },
    );
  });
});
