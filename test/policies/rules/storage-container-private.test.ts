import { storageContainerPrivate } from '../../../policies/rules/storage-container-private';
import { outcomes } from '../harness';

describe('BL-STG-009 storage container access level', () => {
  it('passes private containers (explicit or default)', () => {
    expect(
      outcomes(storageContainerPrivate, {
        azurerm_storage_container: { a: { container_access_type: 'private' }, b: {} },
      }),
    ).toEqual({ 'azurerm_storage_container.a': 'pass', 'azurerm_storage_container.b': 'pass' });
  });
  it('fails blob and container access levels', () => {
    expect(
      outcomes(storageContainerPrivate, {
        azurerm_storage_container: { a: { container_access_type: 'blob' }, b: { container_access_type: 'container' } },
      }),
    ).toEqual({ 'azurerm_storage_container.a': 'fail', 'azurerm_storage_container.b': 'fail' });
  });
});
