import { storageHttpsOnly } from '../../../policies/rules/storage-https-only';
import { outcomes, ref } from '../harness';

describe('BL-STG-001 storage HTTPS only', () => {
  it('passes an account with HTTPS only, or the secure provider default', () => {
    expect(
      outcomes(storageHttpsOnly, { azurerm_storage_account: { a: { https_traffic_only_enabled: true }, b: {} } }),
    ).toEqual({ 'azurerm_storage_account.a': 'pass', 'azurerm_storage_account.b': 'pass' });
  });
  it('fails an account that accepts plain HTTP', () => {
    expect(
      outcomes(storageHttpsOnly, { azurerm_storage_account: { a: { https_traffic_only_enabled: false } } }),
    ).toEqual({ 'azurerm_storage_account.a': 'fail' });
  });
  it('is unknown, never a pass, when the value is a reference', () => {
    expect(
      outcomes(storageHttpsOnly, { azurerm_storage_account: { a: { https_traffic_only_enabled: ref('var.https') } } }),
    ).toEqual({ 'azurerm_storage_account.a': 'unknown' });
  });
});
