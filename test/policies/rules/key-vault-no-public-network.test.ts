import { keyVaultNoPublicNetwork } from '../../../policies/rules/key-vault-no-public-network';
import { outcomes } from '../harness';

describe('BL-KV-003 Key Vault public network access', () => {
  it('passes a vault with public access off', () => {
    expect(
      outcomes(keyVaultNoPublicNetwork, {
        azurerm_key_vault: {
          kv: {
            public_network_access_enabled: false,
            network_acls: { default_action: 'Deny', bypass: 'AzureServices' },
          },
        },
      }),
    ).toEqual({ 'azurerm_key_vault.kv': 'pass' });
  });
  it('fails a vault open by default or with an Allow ACL', () => {
    const result = outcomes(keyVaultNoPublicNetwork, {
      azurerm_key_vault: {
        a: {},
        b: { public_network_access_enabled: false, network_acls: { default_action: 'Allow' } },
      },
    });
    expect(result).toEqual({ 'azurerm_key_vault.a': 'fail', 'azurerm_key_vault.b': 'fail' });
  });
});
