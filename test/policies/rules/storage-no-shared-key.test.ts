import { storageNoSharedKey } from '../../../policies/rules/storage-no-shared-key';
import { outcomes } from '../harness';

describe('BL-STG-005 storage shared keys', () => {
  it('passes an account with shared keys disabled', () => {
    expect(
      outcomes(storageNoSharedKey, { azurerm_storage_account: { a: { shared_access_key_enabled: false } } }),
    ).toEqual({ 'azurerm_storage_account.a': 'pass' });
  });
  it('fails an account with shared keys enabled or defaulted', () => {
    expect(
      outcomes(storageNoSharedKey, { azurerm_storage_account: { a: { shared_access_key_enabled: true }, b: {} } }),
    ).toEqual({ 'azurerm_storage_account.a': 'fail', 'azurerm_storage_account.b': 'fail' });
  });
});
