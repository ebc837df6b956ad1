import { storageNoAnonymousBlob } from '../../../policies/rules/storage-no-anonymous-blob';
import { outcomes } from '../harness';

describe('BL-STG-004 storage anonymous blob access', () => {
  it('passes an account that forbids public containers', () => {
    expect(
      outcomes(storageNoAnonymousBlob, { azurerm_storage_account: { a: { allow_nested_items_to_be_public: false } } }),
    ).toEqual({ 'azurerm_storage_account.a': 'pass' });
  });
  it('fails an account that allows them, explicitly or by default', () => {
    expect(
      outcomes(storageNoAnonymousBlob, {
        azurerm_storage_account: { a: { allow_nested_items_to_be_public: true }, b: {} },
      }),
    ).toEqual({ 'azurerm_storage_account.a': 'fail', 'azurerm_storage_account.b': 'fail' });
  });
});
