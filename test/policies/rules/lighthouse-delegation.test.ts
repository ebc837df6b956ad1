import { lighthouseDelegation } from '../../../policies/rules/lighthouse-delegation';
import { outcomes, ref, TEST_SETTINGS } from '../harness';

describe('BL-LOG-006 Lighthouse delegation to the NMC', () => {
  it('passes an assigned definition managed by the NMC tenant', () => {
    const result = outcomes(lighthouseDelegation, {
      azurerm_lighthouse_definition: { d: { managing_tenant_id: TEST_SETTINGS.nmcTenantId } },
      azurerm_lighthouse_assignment: { a: { lighthouse_definition_id: ref('azurerm_lighthouse_definition.d.id') } },
    });
    expect(result).toEqual({ 'azurerm_lighthouse_definition.d': 'pass' });
  });
  it('fails a force with no delegation, an unassigned one, and one to another tenant', () => {
    expect(outcomes(lighthouseDelegation, {})).toEqual({ '(stack)': 'fail' });
    expect(
      outcomes(lighthouseDelegation, {
        azurerm_lighthouse_definition: { d: { managing_tenant_id: TEST_SETTINGS.nmcTenantId } },
      }),
    ).toEqual({ 'azurerm_lighthouse_definition.d': 'fail' });
    const other = outcomes(lighthouseDelegation, {
      azurerm_lighthouse_definition: { d: { managing_tenant_id: '11111111-1111-4111-8111-111111111111' } },
      azurerm_lighthouse_assignment: { a: { lighthouse_definition_id: ref('azurerm_lighthouse_definition.d.id') } },
    });
    expect(other).toEqual({ 'azurerm_lighthouse_definition.d': 'fail' });
  });
  it('does not apply to the national stack', () => {
    expect(outcomes(lighthouseDelegation, {}, { stack: 'national' })).toEqual({});
  });
});
