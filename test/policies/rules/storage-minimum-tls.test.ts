import { storageMinimumTls } from '../../../policies/rules/storage-minimum-tls';
import { outcomes, ref } from '../harness';

describe('BL-STG-002 storage minimum TLS', () => {
  it('passes TLS1_2', () => {
    expect(outcomes(storageMinimumTls, { azurerm_storage_account: { a: { min_tls_version: 'TLS1_2' } } })).toEqual({
      'azurerm_storage_account.a': 'pass',
    });
  });
  it('fails TLS1_0 and TLS1_1', () => {
    expect(
      outcomes(storageMinimumTls, {
        azurerm_storage_account: { a: { min_tls_version: 'TLS1_0' }, b: { min_tls_version: 'TLS1_1' } },
      }),
    ).toEqual({ 'azurerm_storage_account.a': 'fail', 'azurerm_storage_account.b': 'fail' });
  });
  it('is unknown for a reference', () => {
    expect(
      outcomes(storageMinimumTls, { azurerm_storage_account: { a: { min_tls_version: ref('local.tls') } } }),
    ).toEqual({ 'azurerm_storage_account.a': 'unknown' });
  });
});
