import { keyVaultRbac } from '../../../policies/rules/key-vault-rbac';
import { outcomes } from '../harness';

describe('BL-KV-002 Key Vault RBAC', () => {
  it('passes RBAC authorisation under either azurerm 4 name', () => {
    expect(
      outcomes(keyVaultRbac, {
        azurerm_key_vault: { a: { rbac_authorization_enabled: true }, b: { enable_rbac_authorization: true } },
      }),
    ).toEqual({ 'azurerm_key_vault.a': 'pass', 'azurerm_key_vault.b': 'pass' });
  });
  it('fails access-policy vaults, and RBAC vaults that still carry access policies', () => {
    const result = outcomes(keyVaultRbac, {
      azurerm_key_vault: { a: {}, b: { rbac_authorization_enabled: true, access_policy: [{ object_id: 'x' }] } },
    });
    expect(result).toEqual({ 'azurerm_key_vault.a': 'fail', 'azurerm_key_vault.b': 'fail' });
  });
});

describe('BL-KV-002 access policies in every shape', () => {
  it('fails a single access_policy block (an object in cdk.tf.json) alongside RBAC', () => {
    expect(
      outcomes(keyVaultRbac, {
        azurerm_key_vault: {
          kv: { rbac_authorization_enabled: true, access_policy: { object_id: 'x', secret_permissions: ['Get'] } },
        },
      }),
    ).toEqual({ 'azurerm_key_vault.kv': 'fail' });
  });
});
