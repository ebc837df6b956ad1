import { residencyResourceLocation } from '../../../policies/rules/residency-resource-location';
import { evaluate, outcomes, ref } from '../harness';

describe('BL-RES-001 resources in UK regions', () => {
  it('cannot be waived', () => {
    expect(residencyResourceLocation.meta.waivable).toBe(false);
  });
  it('passes uksouth, and normalises "UK West"', () => {
    expect(outcomes(residencyResourceLocation, { azurerm_key_vault: { a: { location: 'uksouth' }, b: { location: 'UK West' } } })).toEqual({ 'azurerm_key_vault.a': 'pass', 'azurerm_key_vault.b': 'pass' });
  });
  it('fails West Europe', () => {
    expect(outcomes(residencyResourceLocation, { azurerm_key_vault: { a: { location: 'West Europe' } } })).toEqual({ 'azurerm_key_vault.a': 'fail' });
  });
  it("follows a reference to the resource group's location", () => {
    const result = evaluate(residencyResourceLocation, {
      azurerm_resource_group: { rg: { location: 'northeurope' } },
      azurerm_storage_account: { st: { location: ref('azurerm_resource_group.rg.location') } },
    });
    expect(result['azurerm_storage_account.st']).toEqual({ outcome: 'fail', message: expect.stringContaining('from azurerm_resource_group.rg') });
  });
  it('is unknown for a variable, and allows "global" only for alerting types', () => {
    const result = outcomes(residencyResourceLocation, {
      azurerm_key_vault: { v: { location: ref('var.location') }, g: { location: 'global' } },
      azurerm_monitor_action_group: { ag: { location: 'global' } },
    });
    expect(result).toEqual({ 'azurerm_key_vault.v': 'unknown', 'azurerm_key_vault.g': 'fail', 'azurerm_monitor_action_group.ag': 'pass' });
  });
});
