import { residencyResourceLocation } from '../../../policies/rules/residency-resource-location';
import { evaluate, outcomes, ref } from '../harness';

describe('BL-RES-001 resources in UK regions', () => {
  it('cannot be waived', () => {
    expect(residencyResourceLocation.meta.waivable).toBe(false);
  });
  it('passes uksouth, and normalises "UK West"', () => {
    expect(
      outcomes(residencyResourceLocation, {
        azurerm_key_vault: { a: { location: 'uksouth' }, b: { location: 'UK West' } },
      }),
    ).toEqual({ 'azurerm_key_vault.a': 'pass', 'azurerm_key_vault.b': 'pass' });
  });
  it('fails West Europe', () => {
    expect(outcomes(residencyResourceLocation, { azurerm_key_vault: { a: { location: 'West Europe' } } })).toEqual({
      'azurerm_key_vault.a': 'fail',
    });
  });
  it("follows a reference to the resource group's location", () => {
    const result = evaluate(residencyResourceLocation, {
      azurerm_resource_group: { rg: { location: 'northeurope' } },
      azurerm_storage_account: { st: { location: ref('azurerm_resource_group.rg.location') } },
    });
    expect(result['azurerm_storage_account.st']).toEqual({
      outcome: 'fail',
      message: expect.stringContaining('from azurerm_resource_group.rg'),
    });
  });
  it('is unknown for a variable, and allows "global" only for alerting types', () => {
    const result = outcomes(residencyResourceLocation, {
      azurerm_key_vault: { v: { location: ref('var.location') }, g: { location: 'global' } },
      azurerm_monitor_action_group: { ag: { location: 'global' } },
    });
    expect(result).toEqual({
      'azurerm_key_vault.v': 'unknown',
      'azurerm_key_vault.g': 'fail',
      'azurerm_monitor_action_group.ag': 'pass',
    });
  });
});

describe('BL-RES-001 regions that hide in expressions and replicas', () => {
  it('does not follow a reference inside a larger expression: a conditional may pick another region', () => {
    const result = outcomes(residencyResourceLocation, {
      azurerm_resource_group: { rg: { location: 'uksouth' } },
      azurerm_key_vault: { kv: { location: ref('var.dr ? "westeurope" : azurerm_resource_group.rg.location') } },
    });
    expect(result['azurerm_key_vault.kv']).toBe('unknown');
  });
  it('fails a geo-replica outside the UK (Cosmos DB geo_location, registry georeplications, APIM additional_location)', () => {
    const result = outcomes(residencyResourceLocation, {
      azurerm_cosmosdb_account: {
        db: {
          location: 'uksouth',
          geo_location: [
            { location: 'uksouth', failover_priority: 0 },
            { location: 'North Europe', failover_priority: 1 },
          ],
        },
      },
      azurerm_container_registry: { acr: { location: 'uksouth', georeplications: [{ location: 'eastus' }] } },
      azurerm_api_management: { apim: { location: 'uksouth', additional_location: [{ location: 'ukwest' }] } },
    });
    expect(result).toEqual({
      'azurerm_cosmosdb_account.db': 'fail',
      'azurerm_container_registry.acr': 'fail',
      'azurerm_api_management.apim': 'pass',
    });
  });
  it('is unknown when a replica location is an expression', () => {
    const result = outcomes(residencyResourceLocation, {
      azurerm_container_registry: { acr: { location: 'uksouth', georeplications: [{ location: ref('var.replica') }] } },
    });
    expect(result['azurerm_container_registry.acr']).toBe('unknown');
  });
});
