import { storageSoftDelete } from '../../../policies/rules/storage-soft-delete';
import { outcomes } from '../harness';

describe('BL-STG-007 storage soft delete', () => {
  it('passes blob and container soft delete of 7 days or more', () => {
    const blob_properties = { delete_retention_policy: { days: 30 }, container_delete_retention_policy: { days: 7 } };
    expect(outcomes(storageSoftDelete, { azurerm_storage_account: { a: { blob_properties } } })).toEqual({
      'azurerm_storage_account.a': 'pass',
    });
  });
  it('fails an account without soft delete', () => {
    expect(outcomes(storageSoftDelete, { azurerm_storage_account: { a: {} } })).toEqual({
      'azurerm_storage_account.a': 'fail',
    });
  });
  it('fails a retention shorter than 7 days, in plan (list) shape too', () => {
    const blob_properties = [
      { delete_retention_policy: [{ days: 1 }], container_delete_retention_policy: [{ days: 7 }] },
    ];
    expect(outcomes(storageSoftDelete, { azurerm_storage_account: { a: { blob_properties } } })).toEqual({
      'azurerm_storage_account.a': 'fail',
    });
  });
});
