import { keyVaultPurgeProtection } from '../../../policies/rules/key-vault-purge-protection';
import { outcomes } from '../harness';

describe('BL-KV-001 Key Vault purge protection', () => {
  it('passes a vault with purge protection', () => {
    expect(
      outcomes(keyVaultPurgeProtection, { azurerm_key_vault: { kv: { purge_protection_enabled: true } } }),
    ).toEqual({ 'azurerm_key_vault.kv': 'pass' });
  });
  it('fails a vault without it (the provider default is off)', () => {
    expect(
      outcomes(keyVaultPurgeProtection, { azurerm_key_vault: { kv: {}, kv2: { purge_protection_enabled: false } } }),
    ).toEqual({ 'azurerm_key_vault.kv': 'fail', 'azurerm_key_vault.kv2': 'fail' });
  });
});
