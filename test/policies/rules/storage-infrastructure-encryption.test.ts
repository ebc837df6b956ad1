import { storageInfrastructureEncryption } from '../../../policies/rules/storage-infrastructure-encryption';
import { outcomes } from '../harness';

describe('BL-STG-008 storage infrastructure encryption', () => {
  it('passes an account with infrastructure encryption', () => {
    expect(
      outcomes(storageInfrastructureEncryption, {
        azurerm_storage_account: { a: { infrastructure_encryption_enabled: true } },
      }),
    ).toEqual({ 'azurerm_storage_account.a': 'pass' });
  });
  it('fails an account without it (the provider default is off)', () => {
    expect(
      outcomes(storageInfrastructureEncryption, {
        azurerm_storage_account: { a: {}, b: { infrastructure_encryption_enabled: false } },
      }),
    ).toEqual({ 'azurerm_storage_account.a': 'fail', 'azurerm_storage_account.b': 'fail' });
  });
});
