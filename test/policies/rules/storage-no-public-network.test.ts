import { storageNoPublicNetwork } from '../../../policies/rules/storage-no-public-network';
import { outcomes } from '../harness';

describe('BL-STG-003 storage public network access', () => {
  it('passes an account with public access off and network rules denying by default', () => {
    expect(
      outcomes(storageNoPublicNetwork, {
        azurerm_storage_account: {
          a: { public_network_access_enabled: false, network_rules: { default_action: 'Deny' } },
        },
      }),
    ).toEqual({ 'azurerm_storage_account.a': 'pass' });
  });
  it('fails when public access is on, or left to the provider default (on)', () => {
    expect(
      outcomes(storageNoPublicNetwork, {
        azurerm_storage_account: { a: { public_network_access_enabled: true }, b: {} },
      }),
    ).toEqual({ 'azurerm_storage_account.a': 'fail', 'azurerm_storage_account.b': 'fail' });
  });
  it('fails network rules that allow by default', () => {
    expect(
      outcomes(storageNoPublicNetwork, {
        azurerm_storage_account: {
          a: { public_network_access_enabled: false, network_rules: [{ default_action: 'Allow' }] },
        },
      }),
    ).toEqual({ 'azurerm_storage_account.a': 'fail' });
  });
});
