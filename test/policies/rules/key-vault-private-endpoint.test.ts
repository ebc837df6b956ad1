import { keyVaultPrivateEndpoint } from '../../../policies/rules/key-vault-private-endpoint';
import { outcomes, ref } from '../harness';

describe('BL-KV-004 Key Vault private endpoint', () => {
  it('passes a vault with a private endpoint', () => {
    const result = outcomes(keyVaultPrivateEndpoint, {
      azurerm_key_vault: { kv: {} },
      azurerm_private_endpoint: {
        pe: {
          private_service_connection: [
            { private_connection_resource_id: ref('azurerm_key_vault.kv.id'), subresource_names: ['vault'] },
          ],
        },
      },
    });
    expect(result).toEqual({ 'azurerm_key_vault.kv': 'pass' });
  });
  it('fails a vault without one', () => {
    expect(outcomes(keyVaultPrivateEndpoint, { azurerm_key_vault: { kv: {} } })).toEqual({
      'azurerm_key_vault.kv': 'fail',
    });
  });
});
