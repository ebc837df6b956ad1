import { storagePrivateEndpoint } from '../../../policies/rules/storage-private-endpoint';
import { outcomes, ref } from '../harness';

describe('BL-STG-006 storage private endpoint', () => {
  it('passes an account a private endpoint connects to, following the reference', () => {
    const result = outcomes(storagePrivateEndpoint, {
      azurerm_storage_account: { a: { name: 'sta' } },
      azurerm_private_endpoint: {
        pe: {
          private_service_connection: {
            private_connection_resource_id: ref('azurerm_storage_account.a.id'),
            subresource_names: ['blob'],
          },
        },
      },
    });
    expect(result).toEqual({ 'azurerm_storage_account.a': 'pass' });
  });
  it('fails an account with no private endpoint, even when another account has one', () => {
    const result = outcomes(storagePrivateEndpoint, {
      azurerm_storage_account: { a: {}, b: {} },
      azurerm_private_endpoint: {
        pe: { private_service_connection: { private_connection_resource_id: ref('azurerm_storage_account.b.id') } },
      },
    });
    expect(result).toEqual({ 'azurerm_storage_account.a': 'fail', 'azurerm_storage_account.b': 'pass' });
  });
});
